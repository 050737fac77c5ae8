"""Cover art and keyframes as small JPEGs, shared between the tracks of an album.

We keep a 256-pixel copy in the database (a few KB) rather than a pointer
to the media: profiles can then be recomputed with another model or adapter
without opening a single music file again, and an album's twelve tracks with
the same embedded cover store and encode it once (keyed by the SHA-1 of the
original bytes).
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zlib
from typing import Optional

from PIL import Image, UnidentifiedImageError

from ..vision.images import open_reduced

THUMB_SIDE = 256
FOLDER_COVER_NAMES = ("cover", "folder", "front", "album", "albumart", "albumartsmall")
FOLDER_COVER_EXTS = (".jpg", ".jpeg", ".png", ".webp")
MAX_COVER_BYTES = 32 << 20  # a "cover" bigger than this is not worth decoding
MAX_COVER_PIXELS = 80_000_000


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def thumbnail(data: bytes) -> Optional[tuple]:
    """(jpeg_bytes, width, height) of a small RGB copy, or None if the bytes are no image."""
    if not data or len(data) > MAX_COVER_BYTES:
        return None
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_COVER_PIXELS:
                return None
        # Decoded reduced and within the photo decoder's memory budget: a
        # "cover" that is a decompression bomb costs a strip, not gigabytes.
        im = open_reduced(io.BytesIO(data), THUMB_SIDE // 2)
        im.thumbnail((THUMB_SIDE, THUMB_SIDE))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=85)
        return out.getvalue(), im.width, im.height
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, IndexError,
            struct.error, zlib.error, MemoryError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return None


def decode_jpeg(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


class FolderCovers:
    """cover.jpg / folder.jpg beside the files; each folder is looked at once per scan."""

    def __init__(self) -> None:
        self._cache: dict = {}

    def find(self, directory: str) -> Optional[bytes]:
        if directory in self._cache:
            return self._cache[directory]
        found = None
        try:
            names = {n.lower(): n for n in os.listdir(directory)}
        except OSError:
            names = {}
        for stem in FOLDER_COVER_NAMES:
            for ext in FOLDER_COVER_EXTS:
                real = names.get(stem + ext)
                if real:
                    try:
                        with open(os.path.join(directory, real), "rb") as f:
                            found = f.read(MAX_COVER_BYTES + 1)
                    except OSError:
                        continue
                    break
            if found:
                break
        self._cache[directory] = found
        return found
