"""One scan of a library at a time, across threads and processes.

Two scans of the same library at once (the window's rescan and a CLI
``scan``) would both see a new file as new and both insert it. The lock is
a file beside the database, held with ``flock``: the kernel releases it
when its holder exits, even after ``kill -9``, so a crashed scan never
leaves a stale lock behind. The holder writes its pid into the file so the
one who waits can say who it waits for.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..tasks import CancelToken
from .errors import LibraryError

POLL_S = 0.2  # how often a waiting scan looks again (and checks for cancel)
WAITING = "another scan is running"  # how the wait begins, for front-ends to spot


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".scan-lock")


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "?"
    return text or "?"


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextlib.contextmanager
def scan_lock(db_path: Path, on_wait: Callable[[str], None],
              cancel: Optional[CancelToken] = None) -> Iterator[None]:
    """Hold the library's scan lock; if another scan holds it, say so once and wait."""
    path = lock_path(Path(db_path))
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LibraryError(f"cannot create the scan lock {path}: {exc.strerror or exc}") from None
    try:
        if not _try_lock(fd):
            on_wait(f"{WAITING} (pid {_holder(fd)}); waiting…")
            while not _try_lock(fd):
                if cancel is not None:
                    cancel.check()
                time.sleep(POLL_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
