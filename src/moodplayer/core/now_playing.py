"""What the desktop is told about the playing track: words, length and a cover file.

Media keys, the GNOME/KDE media controls (MPRIS) and notifications show a
cover picture by file URL, not by bytes, so the embedded cover is written to
the app's cache once per picture (named by its hash: the same album cover is
one file for all its tracks) and reused. Nothing here knows about D-Bus or Qt.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..engine import paths

log = logging.getLogger(__name__)

COVER_DIR = "covers"


@dataclass(frozen=True)
class NowPlaying:
    title: str
    artist: str
    album: str
    path: str
    length: Optional[float]  # seconds, None when unknown
    cover: Optional[Path]  # a cached picture file, None when the track has none
    kind: str = "music"

    @property
    def summary(self) -> str:
        """One line under the title: artist and album, as far as known."""
        return " · ".join(x for x in (self.artist, self.album) if x)


def _image_suffix(data: bytes) -> str:
    if data[:3] == b"\xff\xd8\xff":
        return ".jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return ".png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return ".img"


def cover_file(data: Optional[bytes], folder: Optional[Path] = None) -> Optional[Path]:
    """The cover bytes as a file in the cache (written once), or None."""
    if not data:
        return None
    folder = Path(folder) if folder is not None else paths.cache_dir() / COVER_DIR
    target = folder / (hashlib.sha1(data).hexdigest()[:20] + _image_suffix(data))
    if target.is_file():
        return target
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, target)  # readers never see half a picture
    except OSError as exc:
        log.warning("could not cache a cover picture in %s: %s", folder, exc)
        return None
    return target


def describe(track, player=None, cover_of: Callable[[str], Optional[bytes]] = lambda p: None,
             folder: Optional[Path] = None) -> Optional[NowPlaying]:
    """The facts about ``track`` a desktop shows; the length from the player when it knows."""
    if track is None:
        return None
    length = track.duration
    if player is not None and player.current() == track.path and player.duration():
        length = player.duration()
    cover = None if track.kind == "video" else cover_file(cover_of(track.path), folder)
    return NowPlaying(title=track.title, artist=track.artist, album=track.album,
                      path=track.path, length=length, cover=cover, kind=track.kind)
