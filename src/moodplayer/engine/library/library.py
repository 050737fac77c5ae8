"""The library as one object the CLI and the GUI workers call.

``Library`` composes the database, the scanner, the profile builder and the
matching code; it owns no model (the caller passes an extractor in, from the
thread that owns it) and caches the numpy item matrix until the database's
generation counter says something changed. Safe to call from worker
threads: every call opens its own session, and the cache swap is locked.
"""

from __future__ import annotations

import threading
import time
from typing import Optional

from sqlalchemy import func, select

from ..emotions.taxonomy import Taxonomy, load_taxonomy
from ..tasks import CancelToken, ProgressFn, no_progress
from .db import Database, Item, PlayHistory, ProfilePart, ScanFailure
from .profiles import ProfileBuilder, ProfileReport, Priors
from .scanner import ScanReport, Scanner

RECENT_DEFAULT = 50


class Library:
    def __init__(self, db_path=None, taxonomy: Optional[Taxonomy] = None,
                 priors: Optional[Priors] = None):
        self.db = Database(db_path)
        self.taxonomy = taxonomy or load_taxonomy("mikels8")
        self.priors = priors or Priors.load(self.taxonomy)
        self._lock = threading.Lock()
        self._arrays = None
        self._arrays_key = None

    # -- scanning and profiles -------------------------------------------------------

    def scan(self, folders, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, extractor=None,
             keyframes: bool = True) -> ScanReport:
        """Scan folders, then give new/changed items their profiles (model parts if given)."""
        report = Scanner(self.db, keyframes=keyframes).scan(folders, progress, cancel)
        if not report.cancelled:
            report.profiles = self.update_profiles(extractor, progress, cancel)
            report.cancelled = report.profiles.cancelled
        return report

    def update_profiles(self, extractor=None, progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None) -> ProfileReport:
        """Fill missing profile parts; with an extractor, also cover art and text."""
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

    def failures(self) -> list:
        with self.db.session() as s:
            return [(f.path, f.reason) for f in s.scalars(select(ScanFailure).order_by(ScanFailure.path))]

    # -- matching --------------------------------------------------------------------------

    def arrays(self, weights: Optional[dict] = None):
        """The cached item matrix; rebuilt after a scan/profile update or a weight change."""
        from ..matching.arrays import LibraryArrays

        key = (self.db.generation(), tuple(sorted((weights or {}).items())))
        with self._lock:
            if self._arrays is None or self._arrays_key[0] != key[0]:
                self._arrays = LibraryArrays.from_db(self.db, self.taxonomy, weights)
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
