"""Automatic backups of what only the user can make: labels, saved playlists, library folders.

Everything else in the database (items, tags, artwork, profiles) can be
rebuilt by a rescan; the user's corrections and playlists cannot. So they
are also kept as plain CSV files in a folder beside the database
(``library-backup/`` for ``library.sqlite3``), readable by any spreadsheet
and restored automatically when the database has to be rebuilt
(``recovery.py``).

When: after every change of labels or playlists (the file of that kind is
rewritten; a few thousand rows take milliseconds) and once a day on open.
Each file is written to a temporary name, flushed and renamed over the old
one, so a crash or a full disk leaves the previous backup intact. Paths are
written in the database's lossless text form (``engine.fsnames``), so the
CSV is valid UTF-8 whatever the file names.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import select

from ..fsnames import from_stored, to_stored
from ..tracks import Track, guess_kind
from . import playlist_store
from .db import Database, Item, Label, Playlist, PlaylistEntry

log = logging.getLogger(__name__)

DAY_S = 24 * 3600
LABEL_FIELDS = ["photo_path", "content_hash", "label", "taxonomy", "source", "created_at"]
PLAYLIST_FIELDS = ["playlist", "meta", "position", "path", "title", "artist", "album",
                   "duration", "reason"]


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backup")


def _write_csv(path: Path, fields: list, rows) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(fields)
            w.writerows(rows)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _label_rows(s) -> list:
    return [[to_stored(r.photo_path), r.content_hash, r.label, r.taxonomy, r.source,
             r.created_at.isoformat()] for r in s.scalars(select(Label).order_by(Label.id))]


def _playlist_rows(s) -> list:
    rows = []
    for pl in s.scalars(select(Playlist).order_by(Playlist.name)):
        entries = list(s.scalars(select(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id)
                                 .order_by(PlaylistEntry.position)))
        if not entries:  # an empty playlist is still the user's: one row without a track
            rows.append([pl.name, pl.mood or "", "", "", "", "", "", "", ""])
        for e in entries:  # the playlist's meta (its mood) on its first row only
            meta = (pl.mood or "") if e is entries[0] else ""
            rows.append([pl.name, meta, e.position, to_stored(e.path), e.title or "",
                         e.artist or "", e.album or "",
                         "" if e.duration is None else repr(float(e.duration)), e.reason or ""])
    return rows


def _folder_rows(s) -> list:
    return [[to_stored(f)] for f in s.scalars(select(Item.folder).distinct().order_by(Item.folder))]


WHAT = {"labels": (LABEL_FIELDS, _label_rows), "playlists": (PLAYLIST_FIELDS, _playlist_rows),
        "folders": (["folder"], _folder_rows)}


def write_backup(db: Database, kinds=tuple(WHAT)) -> Optional[Path]:
    """Rewrite the backup files of ``kinds``; None (and nothing written) when that fails.

    A backup must never stop the user's own action, so an unwritable folder
    or a full disk is swallowed here: the previous files stay as they were.
    """
    folder = backup_dir(db.path)
    try:
        folder.mkdir(exist_ok=True)
        with db.session() as s:
            tables = {k: WHAT[k][1](s) for k in kinds}
        for kind, rows in tables.items():
            _write_csv(folder / f"{kind}.csv", WHAT[kind][0], rows)
    except Exception:  # noqa: BLE001 - see the docstring; the log keeps the why
        log.warning("library backup in %s not written", folder, exc_info=True)
        return None
    return folder


def backup_age(db_path: Path) -> Optional[float]:
    """Seconds since the oldest backup file was written (None: there is none)."""
    stamps = []
    for kind in WHAT:
        try:
            stamps.append((backup_dir(db_path) / f"{kind}.csv").stat().st_mtime)
        except OSError:
            return None
    return time.time() - min(stamps)


@dataclass
class BackupData:
    written: Optional[float] = None  # when (epoch seconds) the newest file was written
    labels: list = field(default_factory=list)  # dict rows
    playlists: dict = field(default_factory=dict)  # name -> (meta, [Track])
    folders: list = field(default_factory=list)

    @property
    def when(self) -> str:
        return dt.datetime.fromtimestamp(self.written).strftime("%Y-%m-%d %H:%M") \
            if self.written else "never"


def _read_csv(path: Path) -> list:
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            return list(csv.DictReader(f))
    except (OSError, csv.Error):
        return []


def read_backup(db_path: Path) -> BackupData:
    """What the backup folder holds; unreadable or missing files give empty parts."""
    folder = backup_dir(db_path)
    data = BackupData()
    stamps = [p.stat().st_mtime for p in folder.glob("*.csv") if p.is_file()]
    data.written = max(stamps) if stamps else None
    data.labels = [r for r in _read_csv(folder / "labels.csv") if r.get("content_hash")]
    for r in _read_csv(folder / "playlists.csv"):
        name = r.get("playlist")
        if not name:
            continue
        meta, tracks = data.playlists.setdefault(name, (r.get("meta") or "", []))
        if r.get("path"):
            tracks.append(_track(r))
    data.folders = [from_stored(r["folder"]) for r in _read_csv(folder / "folders.csv")
                    if r.get("folder")]
    return data


def _track(r: dict) -> Track:
    path = from_stored(r["path"])
    try:
        duration = float(r["duration"]) if r.get("duration") else None
    except ValueError:
        duration = None
    return Track(path, r.get("title") or "", r.get("artist") or "", r.get("album") or "",
                 kind=guess_kind(path), duration=duration, reason=r.get("reason") or "")


def restore(db: Database, data: BackupData) -> tuple:
    """Put the backed-up labels and playlists into ``db``: (playlists, labels) restored."""
    labels = 0
    with db.session() as s:
        for r in data.labels:
            try:
                created = dt.datetime.fromisoformat(r.get("created_at") or "")
            except ValueError:
                created = dt.datetime.now()
            s.add(Label(photo_path=from_stored(r.get("photo_path") or ""),
                        content_hash=r["content_hash"], label=r.get("label") or "",
                        taxonomy=r.get("taxonomy") or "", source=r.get("source") or "user",
                        created_at=created))
            labels += 1
        for name, (meta, tracks) in data.playlists.items():
            try:
                meta_dict = json.loads(meta) if meta else None
            except ValueError:
                meta_dict = None
            playlist_store.save_playlist(s, name, tracks, meta_dict)
    return len(data.playlists), labels
