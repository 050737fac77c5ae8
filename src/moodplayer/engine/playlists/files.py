"""What every playlist format shares: its error, and writing without half-files."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlparse

from ..errors import MoodPlayerError
from ..fsnames import display, not_regular_reason

# A playlist of 100,000 entries is ~10 MB; anything far bigger is not a playlist.
MAX_PLAYLIST_BYTES = 64 << 20


class PlaylistError(MoodPlayerError):
    """A playlist file cannot be read or written."""


def read_text(path: Path) -> bytes:
    """The bytes of a playlist file, refusing what would hang or exhaust memory.

    A FIFO would block ``read`` forever and ``/dev/zero`` would never end,
    so only regular files of a sane size are read.
    """
    try:
        st = os.stat(path)
        special = not_regular_reason(st.st_mode)
        if special:
            raise PlaylistError(f"cannot read {display(path)}: {special}")
        if st.st_size > MAX_PLAYLIST_BYTES:
            raise PlaylistError(f"cannot read {display(path)}: {st.st_size >> 20} MB is too "
                                f"big for a playlist (the limit is {MAX_PLAYLIST_BYTES >> 20} MB)")
        with open(path, "rb") as f:
            return f.read(MAX_PLAYLIST_BYTES + 1)
    except OSError as exc:
        raise PlaylistError(f"cannot read {display(path)}: {exc.strerror or exc}") from None


def uri_path(uri: str) -> str:
    """The OS path of a file:// URI; percent-encoded bytes that are not UTF-8 stay exact."""
    return os.fsdecode(unquote_to_bytes(urlparse(uri).path))


def write_atomically(path: Path, write) -> Path:
    """``write(tmp_path)`` then rename over ``path``: a crash never leaves half a playlist."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise PlaylistError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
