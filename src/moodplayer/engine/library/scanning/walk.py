"""Step 1 of a scan: finding media files, and recognising a file by its content."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Iterator, Optional

from ...fsnames import UNREADABLE_FOLDER, not_regular_reason, os_reason
from ...tasks import CancelToken
from ..tags import kind_of
from .report import ScanReport

FINGERPRINT_BYTES = 64 * 1024


@dataclass
class Found:
    """A media file the walk found: where, under which scanned root, its size and mtime."""

    path: str
    root: str
    size: int
    mtime_ns: int


def fingerprint(path: str, size: int) -> str:
    """Size + head + tail: enough to recognise a moved file without reading it all."""
    h = hashlib.sha1(str(size).encode())
    with open(path, "rb") as f:
        h.update(f.read(FINGERPRINT_BYTES))
        if size > 2 * FINGERPRINT_BYTES:
            f.seek(-FINGERPRINT_BYTES, os.SEEK_END)
            h.update(f.read(FINGERPRINT_BYTES))
    return h.hexdigest()


def under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk(root: str, report: ScanReport, unreadable: list,
         cancel: Optional[CancelToken]) -> Iterator[Found]:
    """Media files under root, following folder links but never in circles.

    Folders that cannot be read are reported and appended to ``unreadable``.
    """
    seen_dirs = set()
    stack = [root]
    while stack:
        if cancel is not None:
            cancel.check()
        directory = stack.pop()
        entries = _list_folder(directory, root, seen_dirs, report, unreadable)
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue  # hidden folders and AppleDouble "._x.mp3" files
            found = _entry(entry, root, stack, report)
            if found is not None:
                yield found


def _list_folder(directory: str, root: str, seen_dirs: set, report: ScanReport,
                 unreadable: list) -> list:
    try:
        st = os.stat(directory)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            report.fail(directory, "symbolic link loop (this folder was already scanned)")
            return []
        seen_dirs.add(key)
        with os.scandir(directory) as it:
            return list(it)
    except OSError as exc:
        reason = os_reason(exc)
        if directory == root and isinstance(exc, FileNotFoundError):
            reason = "folder not found"
        report.fail(directory, f"{UNREADABLE_FOLDER}: {reason}")
        unreadable.append(directory)
        return []


def _entry(entry: os.DirEntry, root: str, stack: list, report: ScanReport) -> Optional[Found]:
    """A media file as Found; a folder goes on ``stack``; anything else is None."""
    path = entry.path
    try:
        if entry.is_dir(follow_symlinks=True):
            stack.append(path)
            return None
        if kind_of(entry.name) is None:
            return None
        st = entry.stat(follow_symlinks=True)
    except OSError as exc:
        if kind_of(entry.name) is not None or entry.is_symlink():
            reason = os_reason(exc)
            if entry.is_symlink() and isinstance(exc, FileNotFoundError):
                reason = "broken symbolic link"
            report.fail(path, reason)
        return None
    special = not_regular_reason(st.st_mode)
    if special:  # a FIFO named like a song would block the reader forever
        report.fail(path, special)
        return None
    return Found(path, root, st.st_size, st.st_mtime_ns)
