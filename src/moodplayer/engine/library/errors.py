"""Errors of the library layer; messages are written for people."""

from ..errors import MoodPlayerError
from ..matching.queue import EmptyLibrary  # raised by the matcher, caught by callers here

__all__ = ["LibraryError", "EmptyLibrary"]


class LibraryError(MoodPlayerError):
    """The library database cannot be opened or used."""
