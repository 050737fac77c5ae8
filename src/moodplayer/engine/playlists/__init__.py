"""Playlist files (M3U8, XSPF): tracks in, tracks out, the format chosen by file name.

Saved playlists live in the library database (``engine.library``); this
package only reads and writes files, so it depends on nothing but
``engine.tracks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from . import m3u8, xspf
from .files import PlaylistError

FORMATS = {".m3u8": m3u8, ".m3u": m3u8, ".xspf": xspf}

__all__ = ["PlaylistError", "read_playlist", "write_playlist", "FORMATS"]


def _module(path):
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlaylistError(f"{path}: unknown playlist type '{suffix}' (use .m3u8 or .xspf)")
    return FORMATS[suffix]


def write_playlist(path, tracks, title: Optional[str] = None) -> Path:
    return _module(path).write(path, list(tracks), title=title)


def read_playlist(path) -> list:
    """Tracks (title, artist, album, duration when the file has them)."""
    return _module(path).read(path)
