"""Errors of the library layer; messages are written for people."""

from ..errors import MoodPlayerError


class LibraryError(MoodPlayerError):
    """The library database cannot be opened or used."""


class EmptyLibrary(MoodPlayerError):
    """Nothing to build a queue from."""
