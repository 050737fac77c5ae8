"""Errors of the tuning engine that more than one of its modules raises."""

from __future__ import annotations

from ..errors import MoodPlayerError


class AdapterError(MoodPlayerError):
    """An adapter file is unreadable, or made for another backbone or taxonomy."""
