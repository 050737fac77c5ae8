"""What every playlist format shares: its error, and writing without half-files."""

from __future__ import annotations

from pathlib import Path

from ..errors import MoodPlayerError


class PlaylistError(MoodPlayerError):
    """A playlist file cannot be read or written."""


def write_atomically(path: Path, write) -> Path:
    """``write(tmp_path)`` then rename over ``path``: a crash never leaves half a playlist."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise PlaylistError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
