"""The library database: SQLite through SQLAlchemy, versioned schema, one session per use.

Why hand-written DDL migrations rather than ``metadata.create_all``: the ORM
classes below always describe the *latest* schema, while a user's file may be
any older version. Each step in ``MIGRATIONS`` takes the file from version
N-1 to N inside one transaction, so an interrupted upgrade leaves the old
version intact and the next start simply tries again. A test checks that
the migrated tables match the ORM classes column for column.

Threads: SQLite in WAL mode lets one writer and many readers work at once;
``busy_timeout`` makes a second writer wait instead of failing. Every call
to ``Database.session()`` makes a fresh Session, so a worker thread and the
GUI thread never share one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import (
    DateTime, Float, ForeignKey, Integer, LargeBinary, Text, select, text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from .. import paths
from ..fsnames import from_stored, to_stored
from . import connection
from .errors import LibraryError

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


class FsPath(TypeDecorator):
    """A file name as the OS gives it, kept losslessly as text (``engine.fsnames``).

    Python sees the OS name (surrogate escapes and all); the file holds valid
    UTF-8 text, unchanged for every name that is valid UTF-8 already.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else to_stored(str(value))

    def process_result_value(self, value, dialect):
        return from_stored(value)


class Meta(Base):
    """Small key/value facts: the data generation counter lives here."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Item(Base):
    """One music or video file. Vanished files stay (status 'missing') so
    history, labels and playlists that point at them survive a moved drive."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(FsPath, unique=True)
    folder: Mapped[str] = mapped_column(FsPath, index=True)  # the scanned root it lives under
    kind: Mapped[str] = mapped_column(Text)  # music | video
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[Optional[str]] = mapped_column(Text, index=True)
    status: Mapped[str] = mapped_column(Text, default="ok", index=True)  # ok | missing
    title: Mapped[Optional[str]] = mapped_column(Text)
    artist: Mapped[Optional[str]] = mapped_column(Text)
    album: Mapped[Optional[str]] = mapped_column(Text)
    album_artist: Mapped[Optional[str]] = mapped_column(Text)
    genre: Mapped[Optional[str]] = mapped_column(Text)
    year: Mapped[Optional[int]] = mapped_column(Integer)
    duration: Mapped[Optional[float]] = mapped_column(Float)
    track: Mapped[Optional[int]] = mapped_column(Integer)
    mood: Mapped[Optional[str]] = mapped_column(Text)
    bpm: Mapped[Optional[float]] = mapped_column(Float)
    musical_key: Mapped[Optional[str]] = mapped_column(Text)
    scanned_at: Mapped[Optional[float]] = mapped_column(Float)
    missing_since: Mapped[Optional[float]] = mapped_column(Float)
    # Which model signals are still to compute: 'pending' until the CLIP
    # parts (art, text) exist for the current backbone.
    profile_state: Mapped[str] = mapped_column(Text, default="pending", index=True)


class Artwork(Base):
    """A small JPEG (cover or keyframe), shared by every track of an album.
    Kept so profiles can be recomputed without touching the media again."""

    __tablename__ = "artwork"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha1: Mapped[str] = mapped_column(Text, unique=True)
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)


class ItemImage(Base):
    __tablename__ = "item_images"
    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("items.id", ondelete="CASCADE"),
                                         primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    artwork_id: Mapped[int] = mapped_column(Integer, ForeignKey("artwork.id"))
    source: Mapped[str] = mapped_column(Text)  # embedded | folder | keyframe


class ProfilePart(Base):
    """One signal's opinion about one item, kept apart so weights can change
    later and the queue can say why it picked something."""

    __tablename__ = "profile_parts"
    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("items.id", ondelete="CASCADE"),
                                         primary_key=True)
    signal: Mapped[str] = mapped_column(Text, primary_key=True)  # art | genre | tags | text | neutral
    taxonomy: Mapped[str] = mapped_column(Text)
    probs: Mapped[bytes] = mapped_column(LargeBinary)  # float32[C]
    valence: Mapped[float] = mapped_column(Float)
    arousal: Mapped[float] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float)
    detail: Mapped[Optional[str]] = mapped_column(Text)  # what the signal saw, for reasons
    embedding: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # float16[D], art only
    backbone: Mapped[Optional[str]] = mapped_column(Text)  # model that made it, if any


class ScanFailure(Base):
    __tablename__ = "scan_failures"
    path: Mapped[str] = mapped_column(FsPath, primary_key=True)
    folder: Mapped[str] = mapped_column(FsPath)
    reason: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[float] = mapped_column(Float)


class Label(Base):
    """A user's correction of what a photo felt like (the tuning engine reads these)."""

    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_path: Mapped[str] = mapped_column(FsPath)
    content_hash: Mapped[str] = mapped_column(Text, index=True)  # sha256 of the file bytes
    label: Mapped[str] = mapped_column(Text)
    taxonomy: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)  # user | import
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Playlist(Base):
    __tablename__ = "playlists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    mood: Mapped[Optional[str]] = mapped_column(Text)  # JSON of the mood it was built for
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


class PlaylistEntry(Base):
    __tablename__ = "playlist_entries"
    playlist_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("playlists.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(FsPath)
    title: Mapped[Optional[str]] = mapped_column(Text)
    artist: Mapped[Optional[str]] = mapped_column(Text)
    album: Mapped[Optional[str]] = mapped_column(Text)
    duration: Mapped[Optional[float]] = mapped_column(Float)
    reason: Mapped[Optional[str]] = mapped_column(Text)


class PlayHistory(Base):
    __tablename__ = "play_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    path: Mapped[str] = mapped_column(FsPath)
    played_at: Mapped[float] = mapped_column(Float, index=True)


class AudioAnalysis(Base):
    """What was heard in one item: raw features (JSON) or why they could not be measured.

    Raw measurements, not moods: a better mapping re-reads them without decoding
    again. A row exists once the item was tried, so a resumed job skips it.
    """

    __tablename__ = "audio_analysis"
    item_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    analysis_version: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)  # of the file heard: a changed file is heard again
    features: Mapped[Optional[str]] = mapped_column(Text)  # AudioFeatures JSON, None if failed
    error: Mapped[Optional[str]] = mapped_column(Text)  # the reason, for a person
    analysed_at: Mapped[float] = mapped_column(Float)


# --- migrations: version N is reached by running MIGRATIONS[N-1] -----------------

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, folder TEXT NOT NULL,
    kind TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, fingerprint TEXT,
    status TEXT NOT NULL DEFAULT 'ok', title TEXT, artist TEXT, album TEXT, album_artist TEXT,
    genre TEXT, year INTEGER, duration REAL, track INTEGER, mood TEXT, bpm REAL,
    musical_key TEXT, scanned_at REAL, missing_since REAL,
    profile_state TEXT NOT NULL DEFAULT 'pending');
CREATE INDEX ix_items_folder ON items (folder);
CREATE INDEX ix_items_fingerprint ON items (fingerprint);
CREATE INDEX ix_items_status ON items (status);
CREATE INDEX ix_items_profile_state ON items (profile_state);
CREATE TABLE artwork (id INTEGER PRIMARY KEY, sha1 TEXT NOT NULL UNIQUE, jpeg BLOB NOT NULL,
    width INTEGER NOT NULL, height INTEGER NOT NULL);
CREATE TABLE item_images (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, artwork_id INTEGER NOT NULL REFERENCES artwork(id),
    source TEXT NOT NULL, PRIMARY KEY (item_id, position));
CREATE TABLE profile_parts (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE, signal TEXT NOT NULL,
    taxonomy TEXT NOT NULL, probs BLOB NOT NULL, valence REAL NOT NULL, arousal REAL NOT NULL,
    confidence REAL NOT NULL, detail TEXT, embedding BLOB, backbone TEXT,
    PRIMARY KEY (item_id, signal));
CREATE TABLE scan_failures (path TEXT PRIMARY KEY, folder TEXT NOT NULL, reason TEXT NOT NULL,
    seen_at REAL NOT NULL);
"""

_V2 = """
CREATE TABLE labels (
    id INTEGER PRIMARY KEY, photo_path TEXT NOT NULL, content_hash TEXT NOT NULL,
    label TEXT NOT NULL, taxonomy TEXT NOT NULL, source TEXT NOT NULL,
    created_at DATETIME NOT NULL);
CREATE INDEX ix_labels_content_hash ON labels (content_hash);
CREATE TABLE playlists (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, mood TEXT,
    created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE playlist_entries (
    playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, path TEXT NOT NULL, title TEXT, artist TEXT, album TEXT,
    duration REAL, reason TEXT, PRIMARY KEY (playlist_id, position));
CREATE TABLE play_history (id INTEGER PRIMARY KEY, item_id INTEGER, path TEXT NOT NULL,
    played_at REAL NOT NULL);
CREATE INDEX ix_play_history_item_id ON play_history (item_id);
CREATE INDEX ix_play_history_played_at ON play_history (played_at);
"""

_V3 = """
CREATE TABLE audio_analysis (
    item_id INTEGER NOT NULL PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    analysis_version INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, features TEXT, error TEXT,
    analysed_at REAL NOT NULL);
"""

MIGRATIONS = [_V1, _V2, _V3]  # index i takes the file from version i to i + 1
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn) -> int:
    has = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'").first()
    if not has:
        return 0
    row = conn.exec_driver_sql("SELECT version FROM schema_version").first()
    return int(row[0]) if row else 0


def migrate(engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``target`` one step at a time; returns the final version.

    Each step is one ``BEGIN IMMEDIATE`` transaction that re-reads the version
    first: two processes opening a new library at once (the window and a CLI
    scan) take turns, and the second finds the work done instead of creating
    the tables again.
    """
    with engine.connect() as conn:
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise LibraryError(
                f"the library database was written by a newer MoodPlayer (schema {current}, "
                f"this version knows up to {SCHEMA_VERSION}); update MoodPlayer or use "
                f"another library file")
        raw = conn.connection.driver_connection  # sqlite3: DDL needs our own transaction
        isolation, raw.isolation_level = raw.isolation_level, None
        try:
            while current < target:
                current = _migrate_step(raw, target)
        finally:
            raw.isolation_level = isolation
    return current


def _migrate_step(raw, target: int) -> int:
    raw.execute("BEGIN IMMEDIATE")  # waits (busy_timeout) while another opener migrates
    try:
        raw.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = raw.execute("SELECT version FROM schema_version").fetchone()
        current = int(row[0]) if row else 0
        if current < target:
            for statement in MIGRATIONS[current].split(";"):
                if statement.strip():
                    raw.execute(statement)
            raw.execute("DELETE FROM schema_version")
            raw.execute("INSERT INTO schema_version (version) VALUES (?)", (current + 1,))
            current += 1
            log.info("library database migrated to schema %d", current)
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return current


class Database:
    """Owns the engine; hands out short-lived sessions (one per thread, per use).

    Opening checks the file (``connection.check_health``): a damaged one
    raises ``connection.DamagedDatabase`` for ``recovery`` to handle. A file
    or folder that cannot be written is opened read-only (``read_only`` says
    why); writing then fails with a LibraryError naming the path.
    """

    def __init__(self, path=None, migrate_to: int = SCHEMA_VERSION):
        self.path = Path(path) if path else paths.database_path()
        self._make_folder()
        self.read_only = connection.read_only_reason(self.path)
        if self.read_only and not self.path.exists():
            raise LibraryError(f"cannot create the library database {self.path}: "
                               f"{self.read_only}")
        self.engine = connection.make_engine(self.path, self.read_only)
        try:
            connection.check_health(self.engine, self.path)
            self.version = self._open_version(migrate_to)
        except LibraryError:
            self.engine.dispose()
            raise
        except (DBAPIError, sqlite3.Error) as exc:  # not a database, disk full, locked...
            self.engine.dispose()
            raise connection.translate(exc, self.path, self.read_only) from None
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def _make_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create the library folder {self.path.parent}: "
                               f"{exc.strerror or exc}") from None

    def _open_version(self, migrate_to: int) -> int:
        if not self.read_only:
            return migrate(self.engine, migrate_to)
        with self.engine.connect() as conn:
            version = schema_version(conn)
        if version != SCHEMA_VERSION:
            raise LibraryError(f"the library database {self.path} needs an upgrade (schema "
                               f"{version} -> {SCHEMA_VERSION}), which needs write access: "
                               f"{self.read_only}")
        return version

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits on success, rolls back on any exception.

        SQLite's failures (read-only, disk full, busy) come out as LibraryError.
        """
        try:
            with self._factory.begin() as s:
                yield s
        except DBAPIError as exc:
            raise connection.translate(exc, self.path, self.read_only) from None

    def generation(self) -> int:
        """Bumped by every write that changes items or profiles: caches compare it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(Meta.value).where(Meta.key == "generation")).first()
        return int(row[0]) if row else 0

    def dispose(self) -> None:
        self.engine.dispose()


def bump_generation(session: Session) -> None:
    session.execute(text(
        "INSERT INTO meta (key, value) VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"))
