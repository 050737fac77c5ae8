"""Incremental scanning of music and video folders into the database.

The order of work is chosen so an interruption (cancel, crash, power cut)
never costs finished work nor leaves a half-written row:

1. Walk the folders (cheap: one stat per file) and compare size + mtime
   with what the database holds.
2. Files that vanished: if a new file has the same size and fingerprint it
   was *moved* (the row keeps its id, so labels, history and playlists
   follow it); otherwise the row is marked missing, never deleted. This is
   done only for folders the walk read completely, so an unreadable
   sub-folder cannot make its files look deleted.
3. New and changed files are read (tags, cover, keyframes) and committed in
   batches, each batch one transaction. A rerun after an interruption sees
   the committed files as unchanged and carries on with the rest.

Bad media (corrupt, empty, unreadable, a folder gone mid-scan, symlink
loops) is counted as failed with a reason and never stops the scan.

Each step lives in ``scanning/`` (walk, read, sync); this module runs them
in order and keeps the names other modules import from here.
"""

from __future__ import annotations

import os
import time
from typing import Optional

from ..errors import Cancelled
from ..tasks import CancelToken, ProgressFn, no_progress
from .artwork import FolderCovers
from .db import Database
from .scanning import sync
from .scanning.read import read_found
from .scanning.report import ScanReport
from .scanning.walk import FINGERPRINT_BYTES, Found, fingerprint, os_reason, under, walk

__all__ = ["FINGERPRINT_BYTES", "Found", "ScanReport", "Scanner", "fingerprint", "os_reason"]


class Scanner:
    def __init__(self, db: Database, batch_size: int = 200, keyframes: bool = True):
        self.db = db
        self.batch_size = batch_size
        self.keyframes = keyframes

    def scan(self, folders, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None) -> ScanReport:
        started = time.perf_counter()
        report = ScanReport()
        roots = []
        for f in folders:
            root = os.path.abspath(os.path.expanduser(str(f)))
            if root not in roots:
                roots.append(root)
        try:
            self._scan(roots, report, progress, cancel)
        except Cancelled:
            report.cancelled = True
        report.seconds = time.perf_counter() - started
        sync.record_failures(self.db, roots, report)
        return report

    def _scan(self, roots, report, progress, cancel) -> None:
        progress(0, 0, "looking for music and videos")
        known = sync.known_items(self.db, roots)
        found, unreadable = {}, []
        for root in roots:
            for item in walk(root, report, unreadable, cancel):
                found[item.path] = item
                if len(found) % 500 == 0:
                    progress(0, 0, f"found {len(found)} files")
        todo = self._reconcile(roots, known, found, unreadable, report, cancel)
        self._read_and_commit(todo, known, report, progress, cancel)

    def _reconcile(self, roots, known, found, unreadable, report, cancel) -> list:
        """Step 2: commit moves, missing and returned files; the files left to read."""
        todo, restored = [], []
        for path, f in found.items():
            row = known.get(path)
            if row is None:
                todo.append(f)
            elif row.size == f.size and row.mtime_ns == f.mtime_ns:
                if row.status == "ok":
                    report.unchanged += 1
                else:
                    restored.append(row.id)
            else:
                todo.append(f)

        # A folder we could not look into is no evidence that its files are
        # gone; a scanned root that no longer exists at all is.
        unseen = [d for d in unreadable if d not in roots or os.path.exists(d)]
        vanished = [row for path, row in known.items()
                    if path not in found and row.status == "ok"
                    and not any(under(path, d) for d in unseen)]
        moves = sync.find_moves(vanished, [f for f in todo if f.path not in known], cancel)
        moved_paths = {f.path for _, f in moves}
        sync.commit_moves_and_missing(self.db, vanished, moves, restored, report)
        return [f for f in todo if f.path not in moved_paths]

    def _read_and_commit(self, todo: list, known, report, progress, cancel) -> None:
        """Step 3: read new and changed files, commit them batch by batch."""
        total = len(todo)
        batch = []
        covers = FolderCovers()
        artwork_ids: dict = {}
        try:
            for done, f in enumerate(todo):
                progress(done, total, f.path)
                if cancel is not None:
                    cancel.check()
                batch.append(read_found(f, report, covers, self.keyframes))
                if len(batch) >= self.batch_size:
                    sync.commit_batch(self.db, batch, known, report, artwork_ids)
                    batch = []
        finally:
            # Finished files are finished work, even when cancelled.
            sync.commit_batch(self.db, batch, known, report, artwork_ids)
        progress(total, total, "done")
