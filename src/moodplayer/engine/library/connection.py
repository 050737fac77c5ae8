"""Opening the library file: writable or read-only, healthy or damaged, errors in words.

Why a read-only mode at all: a library on a read-only disk, a file the user
made read-only, or a data folder without write permission must still let
the commands that only read (queue, playlists list/show, labels) work.
SQLite needs to create ``-wal``/``-shm`` files beside the database even to
read a WAL file, so a read-only *folder* opens the file as ``immutable``
(nothing can change it while the folder stays read-only), a read-only
*file* in a writable folder as ``mode=ro``.

Why a quick check on every open: a damaged file otherwise fails later, in
the middle of some unrelated command, with "file is not a database".
``PRAGMA quick_check`` reads each page once (tens of milliseconds for a
typical library) and says whether the b-trees are sound; ``DamagedDatabase``
then lets the library set the file aside and rebuild (``recovery.py``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from .errors import LibraryError

# Phrases of SQLite's own messages that mean the file itself is damaged.
DAMAGE_PHRASES = ("file is not a database", "database disk image is malformed",
                  "malformed database schema", "file is encrypted")


class DamagedDatabase(LibraryError):
    """The file is not a (sound) SQLite database; ``reason`` says what SQLite saw."""

    def __init__(self, path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot open the library database {path}: {reason}")


def read_only_reason(path: Path) -> Optional[str]:
    """Why the library can only be read (None when it can be written)."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only"
    return None


def _set_pragmas(read_only: bool):
    def apply(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        # A second writer (the window's rescan and a CLI scan) waits its turn: 30 s covers a
        # big batch commit on a slow, loaded disk; the scan lock serialises whole scans.
        # First of all: switching a new file to WAL takes a lock too, and without the
        # timeout set, a second process opening it at that moment failed at once as busy.
        cur.execute("PRAGMA busy_timeout=30000")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()
    return apply


def make_engine(path: Path, read_only: Optional[str]):
    """A SQLAlchemy engine on ``path``.

    SQLite is handed a ``file:`` URI with the path percent-encoded, through
    our own ``creator``: a SQLAlchemy URL would decode it again, and a ``?``
    or ``#`` in a folder name would then cut the path short.
    """
    options = []
    if read_only:
        options.append("mode=ro")
        if "folder" in read_only:
            options.append("immutable=1")
    uri = f"file:{quote(os.fsencode(os.path.abspath(path)))}"
    if options:
        uri += "?" + "&".join(options)
    engine = create_engine("sqlite://", poolclass=QueuePool, creator=lambda: sqlite3.connect(
        uri, uri=True, check_same_thread=False))
    event.listen(engine, "connect", _set_pragmas(bool(read_only)))
    return engine


def damage_in(exc: BaseException) -> Optional[str]:
    """SQLite's words when ``exc`` means a damaged file, else None."""
    text = str(getattr(exc, "orig", None) or exc)
    return text if any(p in text.lower() for p in DAMAGE_PHRASES) else None


def check_health(engine, path: Path) -> None:
    """Raise DamagedDatabase unless SQLite reads the file and its pages are sound."""
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(3)")]
    except DBAPIError as exc:
        reason = damage_in(exc)
        if reason:
            raise DamagedDatabase(path, reason) from None
        raise
    if rows != ["ok"]:
        raise DamagedDatabase(path, "database disk image is malformed (" + "; ".join(rows) + ")")


def translate(exc: Exception, path: Path, read_only: Optional[str]) -> LibraryError:
    """A database failure in words: read-only, disk full, busy, damaged."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    if "readonly" in low or "read-only" in low:
        why = read_only or f"the file {path} or its folder is read-only"
        return LibraryError(f"the library database cannot be changed: {why}. Commands that "
                            f"only read (queue, playlists list/show, labels) still work; give "
                            f"write access to change the library.")
    if "disk is full" in low or "no space" in low:
        return LibraryError(f"the disk holding {path.parent} is full: nothing was changed by "
                            f"this step (the library is as it was). Free some space and try again.")
    if "locked" in low or "busy" in low:
        return LibraryError(f"the library database {path} is busy (another MoodPlayer is "
                            f"writing to it); try again in a moment.")
    reason = damage_in(exc)
    if reason:
        return DamagedDatabase(path, reason)
    return LibraryError(f"the library database {path} failed: {text}")


def checkpoint(path) -> None:
    """Fold the WAL into the database file, as closing the last connection does.

    For a process that leaves with ``os._exit`` (the CLI skips the interpreter's
    slow teardown): without it the file alone would lack the last commits until
    the next open replays the WAL. Best effort: leaving anyway.
    """
    import sqlite3 as _sqlite3

    try:
        conn = _sqlite3.connect(str(path), timeout=2)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except _sqlite3.Error:
        pass
