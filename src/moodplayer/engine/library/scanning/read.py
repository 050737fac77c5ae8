"""Step 3a of a scan: reading one new or changed file (tags, cover, keyframes)."""

from __future__ import annotations

import os
from typing import Optional

from ...fsnames import display
from .. import video as video_mod
from ..artwork import FolderCovers
from ..tags import MediaError, TagInfo, kind_of, read_tags
from .report import ScanReport
from .walk import Found, fingerprint, os_reason


def read_found(f: Found, report: ScanReport, covers: FolderCovers, keyframes: bool = True):
    """(found, TagInfo, fingerprint, [(image_bytes, source)]), or None when it failed
    (the reason is in ``report``)."""
    if f.size == 0:
        report.fail(f.path, "the file is empty (0 bytes)")
        return None
    kind = kind_of(f.path)
    try:
        fp = fingerprint(f.path, f.size)
        info = _tags(f.path, kind)
        images = []
        if kind == "video":
            _fill_video(f.path, info, images, keyframes)
        elif info.duration is None and not _recognised(info):
            raise MediaError("not a readable audio file (no stream mutagen recognises)")
        if info.cover:
            images.insert(0, (info.cover, "embedded"))
        elif kind == "music":
            folder_cover = covers.find(os.path.dirname(f.path))
            if folder_cover:
                images.append((folder_cover, "folder"))
    except MediaError as exc:
        report.fail(f.path, exc.reason)
        return None
    except OSError as exc:
        report.fail(f.path, os_reason(exc))
        return None
    if not info.title:
        info.title = display(os.path.splitext(os.path.basename(f.path))[0])
    return f, info, fp, images


def _tags(path: str, kind: Optional[str]) -> TagInfo:
    try:
        return read_tags(path)
    except MediaError as exc:
        # mutagen reads only some video containers (and mistakes AVI for
        # WAVE): for video, ffprobe has the last word.
        if kind != "video" or exc.reason in ("permission denied",
                                             "the file vanished during the scan"):
            raise
        return TagInfo()


def _fill_video(path: str, info: TagInfo, images: list, keyframes: bool) -> None:
    probed = video_mod.probe(path)
    if info.duration is None:
        info.duration = probed["duration"]
    tags = probed["tags"]
    info.title = info.title or tags.get("title")
    info.artist = info.artist or tags.get("artist")
    info.genre = info.genre or tags.get("genre")
    if info.duration is None and video_mod._tool("ffprobe"):
        raise MediaError("not a readable video (ffprobe finds no duration)")
    if keyframes:
        images.extend((jpeg, "keyframe") for jpeg in video_mod.keyframes(path, info.duration))


def _recognised(info: TagInfo) -> bool:
    return any(v is not None for v in (info.title, info.artist, info.album, info.genre))
