"""One playlist line, whatever the file format, and format choice by file name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import MoodPlayerError


class PlaylistError(MoodPlayerError):
    """A playlist file cannot be read or written."""


@dataclass
class PlaylistEntryData:
    path: str
    title: Optional[str] = None
    artist: Optional[str] = None
    album: Optional[str] = None
    duration: Optional[float] = None  # seconds

    @classmethod
    def from_queue_item(cls, q) -> "PlaylistEntryData":
        return cls(q.path, q.title or None, q.artist or None, q.album or None, q.duration)


def write_atomically(path: Path, write) -> Path:
    """``write(tmp_path)`` then rename over ``path``: a crash never leaves half a playlist."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise PlaylistError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _module(path):
    suffix = Path(path).suffix.lower()
    if suffix in (".m3u8", ".m3u"):
        from . import m3u8 as mod
    elif suffix == ".xspf":
        from . import xspf as mod
    else:
        raise PlaylistError(f"{path}: unknown playlist type '{suffix}' (use .m3u8 or .xspf)")
    return mod


def write_playlist(path, entries, title: Optional[str] = None) -> Path:
    return _module(path).write(path, list(entries), title=title)


def read_playlist(path) -> list:
    return _module(path).read(path)
