"""The one error audio analysis raises on purpose.

It lives here, not in engine/errors.py, only because this package was built
beside a restructuring of the rest of the engine; moving it there later
changes no caller, since it subclasses MoodPlayerError either way.
"""

from __future__ import annotations

from ..errors import MoodPlayerError


class AudioError(MoodPlayerError):
    """One file's sound could not be analysed. ``reason`` is plain words for a person."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
