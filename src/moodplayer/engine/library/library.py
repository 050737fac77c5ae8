"""The library as one object: the only door to stored data.

``Library`` composes the database, the scanner, the profile builder and the
matching code; everything the app keeps (items and their moods, saved
playlists, the user's labels, the play history) is read and written through
it, so nothing outside ``engine/library`` opens a session or imports
SQLAlchemy. It owns no model (the caller passes an extractor in, from the
thread that owns it) and caches the numpy item matrix until the database's
generation counter says something changed. Safe to call from worker
threads: every call opens its own session, and the cache swap is locked.

Hostile worlds: a damaged file is set aside and rebuilt on open
(``recovery``; ``self.recovery`` says what happened), the user's labels
and playlists are backed up after each change (``backup``), a file or
folder without write access opens read-only (``self.read_only`` says why),
and scans of one library take turns (``scanlock``).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Optional

import numpy as np

from sqlalchemy import func, select

from .. import paths
from ..emotions.taxonomy import Taxonomy, load_taxonomy
from ..tasks import CancelToken, ProgressFn, no_progress
from ..matching import EmptyLibrary, MoodTarget, QueueOptions
from . import audio_store, backup
from . import labels as label_store
from . import playlist_store
from .db import Item, PlayHistory, ProfilePart, ScanFailure
from .errors import LibraryError
from .profiles import ProfileBuilder, ProfileReport, Priors
from .recovery import open_or_recover
from .scanlock import scan_lock
from .scanner import ScanReport, Scanner
from .tags import MediaError, read_tags

RECENT_DEFAULT = 50


class Library:
    def __init__(self, db_path=None, taxonomy: Optional[Taxonomy] = None,
                 priors: Optional[Priors] = None):
        self.db, self.recovery = open_or_recover(Path(db_path) if db_path else
                                                 paths.database_path())
        self.taxonomy = taxonomy or load_taxonomy("mikels8")
        self.priors = priors or Priors.load(self.taxonomy)
        self._lock = threading.Lock()
        self._arrays = None
        self._arrays_key = None
        age = backup.backup_age(self.db.path)
        if self.recovery is None and not self.read_only and (age is None or age > backup.DAY_S):
            backup.write_backup(self.db)

    @property
    def read_only(self) -> Optional[str]:
        """Why the library cannot be changed (None when it can)."""
        return self.db.read_only

    def _check_writable(self, what: str) -> None:
        if self.read_only:
            raise LibraryError(f"cannot {what}: the library database is read-only "
                               f"({self.read_only}). Commands that only read still work.")

    def _backed_up(self, *kinds: str) -> None:
        """The user changed labels or playlists: refresh that part of the backup."""
        if self.recovery is None or self.recovery.items is not None:
            backup.write_backup(self.db, kinds)

    def finish_recovery(self, folders=(), progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None):
        """After a rebuild: rescan the library folders (the backup's and ``folders``)."""
        rec = self.recovery
        if rec is None or rec.items is not None:
            return rec
        for f in folders:
            if str(f) not in rec.folders:
                rec.folders.append(str(f))
        report = self.scan(rec.folders, progress, cancel, keyframes=True)
        rec.failed_folders = [p for p, _ in report.unreadable_folders()]
        rec.items = self.count()
        backup.write_backup(self.db)
        return rec

    # -- scanning and profiles -------------------------------------------------------

    def scan(self, folders, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, extractor=None,
             keyframes: bool = True) -> ScanReport:
        """Scan folders, then give new/changed items their profiles (model parts if given).

        One scan of a library at a time: a second one says who it waits for
        (through ``progress``) and goes on when the first is done.
        """
        self._check_writable("scan")
        with scan_lock(self.db.path, lambda msg: progress(0, 0, msg), cancel):
            report = Scanner(self.db, keyframes=keyframes).scan(folders, progress, cancel)
            if not report.cancelled:
                report.profiles = self._update_profiles(extractor, progress, cancel)
                report.cancelled = report.profiles.cancelled
        self._backed_up("folders")
        return report

    def update_profiles(self, extractor=None, progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None) -> ProfileReport:
        """Fill missing profile parts; with an extractor, also cover art and text.

        A read-only library keeps what it has (queues still work from it).
        """
        if self.read_only:
            return ProfileReport()
        with scan_lock(self.db.path, lambda msg: progress(0, 0, msg), cancel):
            return self._update_profiles(extractor, progress, cancel)

    def _update_profiles(self, extractor, progress, cancel) -> ProfileReport:
        return ProfileBuilder(self.db, self.taxonomy, self.priors, extractor).update(progress, cancel)

    # -- reading -------------------------------------------------------------------------

    def counts(self) -> dict:
        with self.db.session() as s:
            rows = s.execute(select(Item.status, Item.kind, func.count()).group_by(Item.status, Item.kind))
            out = {"music": 0, "video": 0, "missing": 0}
            for status, kind, n in rows:
                if status == "ok":
                    out[kind] = out.get(kind, 0) + n
                else:
                    out["missing"] += n
            out["waiting_for_model"] = s.scalar(select(func.count()).select_from(Item).where(
                Item.status == "ok", Item.profile_state != "done"))
        out["total"] = out["music"] + out["video"]
        return out

    def count(self, kind: Optional[str] = None) -> int:
        """Playable items (of one kind; None, "any" or "mixed" for all)."""
        counts = self.counts()
        return counts["total"] if kind in (None, "any", "mixed") else counts.get(kind, 0)

    def items(self, kind: Optional[str] = None, status: str = "ok", limit: Optional[int] = None) -> list:
        with self.db.session() as s:
            q = select(Item).where(Item.status == status).order_by(Item.artist, Item.album, Item.track, Item.path)
            if kind:
                q = q.where(Item.kind == kind)
            if limit:
                q = q.limit(limit)
            return list(s.scalars(q))

    def item_by_path(self, path) -> Optional[Item]:
        with self.db.session() as s:
            return s.scalars(select(Item).where(Item.path == str(path))).first()

    def profile_parts(self, item_id: int) -> list:
        """The stored parts of one item (signal, confidence, detail, ...), for 'why?' views."""
        with self.db.session() as s:
            return list(s.scalars(select(ProfilePart).where(ProfilePart.item_id == item_id)))

    # -- browsing (the library view) ------------------------------------------------

    def browse_ids(self, query=None) -> list:
        """Ids of the items matching a ``browse.BrowseQuery``, in its order."""
        from .browse import BrowseQuery, ordered_ids

        with self.db.session() as s:
            return ordered_ids(s, query or BrowseQuery())

    def browse_rows(self, ids) -> list:
        """``browse.BrowseRow``s (with each item's mood) for one page of ids, in order."""
        from .browse import rows_for

        with self.db.session() as s:
            return rows_for(s, ids, self.taxonomy)

    def genres(self, status: str = "ok") -> list:
        """[(genre, number of items)] by name; "" counts the items without one."""
        from .browse import genres

        with self.db.session() as s:
            return genres(s, status)

    def failures(self) -> list:
        with self.db.session() as s:
            return [(f.path, f.reason) for f in s.scalars(select(ScanFailure).order_by(ScanFailure.path))]

    # -- matching --------------------------------------------------------------------------

    def arrays(self, weights: Optional[dict] = None):
        """The cached item matrix; rebuilt after a scan/profile update or a weight change."""
        from .arrays_query import load_arrays

        key = (self.db.generation(), tuple(sorted((weights or {}).items())))
        with self._lock:
            if self._arrays is None or self._arrays_key[0] != key[0]:
                self._arrays = load_arrays(self.db, self.taxonomy, weights)
            elif self._arrays_key[1] != key[1]:
                self._arrays.reweight(weights or {})  # no database access needed
            self._arrays_key = key
            return self._arrays

    def build_queue(self, target, options=None, to_target=None, weights: Optional[dict] = None,
                    avoid_recent: int = RECENT_DEFAULT) -> list:
        from dataclasses import replace

        from ..matching.queue import QueueOptions, build_queue

        options = options or QueueOptions()
        if avoid_recent:
            recent = frozenset(self.recent_item_ids(avoid_recent)) | frozenset(options.exclude_ids)
            options = replace(options, exclude_ids=recent)
        return build_queue(self.arrays(weights), target, options, to_target=to_target)

    def queue_for(self, target, options=None) -> list:
        """Like ``build_queue``, but an empty or fully filtered library gives []."""
        try:
            return self.build_queue(target, options)
        except EmptyLibrary:
            return []

    def more_like(self, path: str, options=None) -> list:
        """Tracks of the same kind whose stored mood is closest to the item at ``path``."""
        from dataclasses import replace

        arrays = self.arrays()
        try:
            i = arrays.paths.index(str(path))
        except ValueError:
            return []
        emb = None
        if arrays.embedding is not None and arrays.has_embedding is not None \
                and bool(arrays.has_embedding[i]):
            emb = np.asarray(arrays.embedding[i], np.float32)
        target = MoodTarget(list(arrays.names), np.asarray(arrays.probs[i], np.float32),
                            float(arrays.va[i, 0]), float(arrays.va[i, 1]),
                            float(arrays.confidence[i]), emb)
        options = options or QueueOptions(length=5)
        kind = "video" if int(arrays.kind[i]) == 1 else "music"
        exclude = frozenset(options.exclude_ids) | {int(arrays.ids[i])}
        tracks = self.queue_for(target, replace(options, kind=kind, exclude_ids=exclude))
        title = arrays.titles[i] or path
        return [t.with_reason(f"like “{title}”: ") for t in tracks]

    @staticmethod
    def cover_art(path: str) -> Optional[bytes]:
        """The embedded cover picture of an audio file, or None."""
        try:
            return read_tags(path).cover
        except MediaError:
            return None

    # -- what the music sounds like -----------------------------------------------------

    def audio_pending(self, version: int, limit: Optional[int] = None) -> list:
        """[(item_id, path)] still to be heard (newest files first)."""
        with self.db.session() as s:
            return audio_store.pending(s, version, limit)

    def store_audio(self, results: list, version: int) -> int:
        """Keep a batch of ``(item_id, features_json|None, reason|None)`` and re-profile
        the items that were heard; returns how many got features."""
        with self.db.session() as s:
            heard = audio_store.store(s, results, version)
        if heard:
            ProfileBuilder(self.db, self.taxonomy, self.priors).refresh(["audio"], heard)
        return len(heard)

    def audio_failures(self) -> list:
        with self.db.session() as s:
            return audio_store.failures(s)

    def item_moods(self, kind: Optional[str] = None, limit: Optional[int] = None) -> list:
        """Every playable item with its combined mood and its stored audio features (or None)."""
        arrays = self.arrays()
        rows = []
        for i, path in enumerate(arrays.paths):
            item_kind = "video" if int(arrays.kind[i]) == 1 else "music"
            if kind and item_kind != kind:
                continue
            top = [arrays.names[j] for j in np.argsort(-arrays.probs[i])[:2]]
            rows.append({"id": int(arrays.ids[i]), "path": path, "kind": item_kind,
                         "title": arrays.titles[i], "artist": arrays.artists[i],
                         "valence": round(float(arrays.va[i, 0]), 4),
                         "arousal": round(float(arrays.va[i, 1]), 4), "top": top})
            if limit and len(rows) >= limit:
                break
        with self.db.session() as s:
            features = audio_store.features_of(s, [r["id"] for r in rows])
        for r in rows:
            r["audio"] = features.get(r.pop("id"))
        return rows

    # -- saved playlists ---------------------------------------------------------------

    def save_playlist(self, name: str, tracks, auto: bool = False, mood=None) -> str:
        """Create or replace a playlist; ``auto`` marks watched-folder playlists."""
        meta = dict(mood.to_json()) if mood is not None else {}
        meta["auto"] = bool(auto)
        with self.db.session() as s:
            playlist_store.save_playlist(s, name, tracks, meta)
        self._backed_up("playlists")
        return name

    def list_playlists(self) -> list:
        with self.db.session() as s:
            return playlist_store.list_playlists(s)

    def load_playlist(self, name: str) -> list:
        with self.db.session() as s:
            return playlist_store.load_playlist(s, name)

    def rename_playlist(self, old: str, new: str) -> None:
        with self.db.session() as s:
            playlist_store.rename_playlist(s, old, new)
        self._backed_up("playlists")

    def delete_playlist(self, name: str) -> bool:
        with self.db.session() as s:
            deleted = playlist_store.delete_playlist(s, name)
        self._backed_up("playlists")
        return deleted

    # -- the user's labels -------------------------------------------------------------

    def add_label(self, photo, emotion: str, source: str = "user") -> None:
        with self.db.session() as s:
            label_store.add_label(s, photo, emotion, self.taxonomy.id, source=source)
        self._backed_up("labels")

    def label_rows(self) -> list:
        """The latest label of each photo: [(path, label, source, iso time)], by path."""
        with self.db.session() as s:
            return label_store.latest_labels(s, self.taxonomy.id)

    def labels(self) -> list:
        """(photo path, emotion) pairs; the latest correction of a photo wins."""
        return [(path, label) for path, label, _, _ in self.label_rows()]

    def label_counts(self, names) -> dict:
        counts = {n: 0 for n in names}
        for _, emotion in self.labels():
            if emotion in counts:
                counts[emotion] += 1
        return counts

    # -- history -------------------------------------------------------------------------

    def record_played(self, path) -> None:
        """Remember a play, so the next queues do not repeat it at once."""
        item = self.item_by_path(path)
        with self.db.session() as s:
            s.add(PlayHistory(item_id=item.id if item else None, path=str(path), played_at=time.time()))

    def recent_item_ids(self, n: int = RECENT_DEFAULT) -> list:
        with self.db.session() as s:
            rows = s.scalars(select(PlayHistory.item_id).where(PlayHistory.item_id.is_not(None))
                             .order_by(PlayHistory.id.desc()).limit(n))
            return list(rows)

    def close(self) -> None:
        self.db.dispose()
