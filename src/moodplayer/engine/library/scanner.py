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
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat as stat_mod
import time
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sqlalchemy import delete, select, update

from ..errors import Cancelled
from ..tasks import CancelToken, ProgressFn, no_progress
from . import video as video_mod
from .artwork import FolderCovers, sha1, thumbnail
from .db import Artwork, Database, Item, ItemImage, ScanFailure, bump_generation
from .tags import MediaError, TagInfo, kind_of, read_tags

log = logging.getLogger(__name__)

FINGERPRINT_BYTES = 64 * 1024


@dataclass
class ScanReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    failed: int = 0
    failures: list = field(default_factory=list)  # [(path, reason)]
    cancelled: bool = False
    seconds: float = 0.0
    profiles: object = None  # ProfileReport, filled by Library.scan

    def fail(self, path, reason: str) -> None:
        self.failed += 1
        self.failures.append((str(path), reason))

    def to_json(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "moved": self.moved, "missing": self.missing, "failed": self.failed,
            "failures": [{"path": p, "reason": r} for p, r in self.failures],
            "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
            "profiles_waiting_for_model": getattr(self.profiles, "waiting_for_model", None),
        }


@dataclass
class _Found:
    path: str
    root: str
    size: int
    mtime_ns: int


def os_reason(exc: OSError) -> str:
    """A short, human reason for an OS error on one file or folder."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "vanished during the scan"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.EIO:
        return "the disk could not read it"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)


def fingerprint(path: str, size: int) -> str:
    """Size + head + tail: enough to recognise a moved file without reading it all."""
    h = hashlib.sha1(str(size).encode())
    with open(path, "rb") as f:
        h.update(f.read(FINGERPRINT_BYTES))
        if size > 2 * FINGERPRINT_BYTES:
            f.seek(-FINGERPRINT_BYTES, os.SEEK_END)
            h.update(f.read(FINGERPRINT_BYTES))
    return h.hexdigest()


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Scanner:
    def __init__(self, db: Database, batch_size: int = 200, keyframes: bool = True):
        self.db = db
        self.batch_size = batch_size
        self.keyframes = keyframes

    # -- step 1: walking ---------------------------------------------------------

    def walk(self, root: str, report: ScanReport, unreadable: list,
             cancel: Optional[CancelToken]) -> Iterator[_Found]:
        """Media files under root, following folder links but never in circles."""
        seen_dirs = set()
        stack = [root]
        while stack:
            if cancel is not None:
                cancel.check()
            directory = stack.pop()
            try:
                st = os.stat(directory)
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    report.fail(directory, "symbolic link loop (this folder was already scanned)")
                    continue
                seen_dirs.add(key)
                with os.scandir(directory) as it:
                    entries = list(it)
            except OSError as exc:
                reason = os_reason(exc)
                if directory == root and isinstance(exc, FileNotFoundError):
                    reason = "folder not found"
                report.fail(directory, f"cannot read this folder: {reason}")
                unreadable.append(directory)
                continue
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    continue  # hidden folders and AppleDouble "._x.mp3" files
                path = entry.path
                try:
                    if entry.is_dir(follow_symlinks=True):
                        stack.append(path)
                        continue
                    kind = kind_of(entry.name)
                    if kind is None:
                        continue
                    st = entry.stat(follow_symlinks=True)
                except OSError as exc:
                    if kind_of(entry.name) is not None or entry.is_symlink():
                        reason = os_reason(exc)
                        if entry.is_symlink() and isinstance(exc, FileNotFoundError):
                            reason = "broken symbolic link"
                        report.fail(path, reason)
                    continue
                if not stat_mod.S_ISREG(st.st_mode):
                    continue
                yield _Found(path, root, st.st_size, st.st_mtime_ns)

    # -- the whole scan --------------------------------------------------------------

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
        self._record_failures(roots, report)
        return report

    def _known(self, roots) -> dict:
        known = {}
        with self.db.session() as s:
            for root in roots:
                lo, hi = root.rstrip(os.sep) + os.sep, root.rstrip(os.sep) + chr(ord(os.sep) + 1)
                rows = s.execute(select(Item.id, Item.path, Item.size, Item.mtime_ns, Item.status,
                                        Item.fingerprint)
                                 .where(Item.path > lo, Item.path < hi))
                for row in rows:
                    known[row.path] = row
        return known

    def _scan(self, roots, report, progress, cancel) -> None:
        progress(0, 0, "looking for music and videos")
        known = self._known(roots)
        found, unreadable = {}, []
        for root in roots:
            for item in self.walk(root, report, unreadable, cancel):
                found[item.path] = item
                if len(found) % 500 == 0:
                    progress(0, 0, f"found {len(found)} files")

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
                    and not any(_under(path, d) for d in unseen)]
        moves = self._find_moves(vanished, [f for f in todo if f.path not in known], cancel)
        moved_paths = {f.path for _, f in moves}
        todo = [f for f in todo if f.path not in moved_paths]
        self._commit_moves_and_missing(vanished, moves, restored, report)

        total = len(todo)
        batch = []
        covers = FolderCovers()
        artwork_ids: dict = {}
        try:
            for done, f in enumerate(todo):
                progress(done, total, f.path)
                if cancel is not None:
                    cancel.check()
                batch.append(self._read(f, report, covers))
                if len(batch) >= self.batch_size:
                    self._commit(batch, known, report, artwork_ids)
                    batch = []
        finally:
            # Finished files are finished work, even when cancelled.
            self._commit([b for b in batch if b is not None], known, report, artwork_ids)
        progress(total, total, "done")

    # -- step 2: moves and vanished files ----------------------------------------------

    def _find_moves(self, vanished, new_files, cancel) -> list:
        if not vanished or not new_files:
            return []
        by_size = {}
        for row in vanished:
            if row.fingerprint:
                by_size.setdefault(row.size, []).append(row)
        moves, taken = [], set()
        for f in new_files:
            candidates = [r for r in by_size.get(f.size, []) if r.id not in taken]
            if not candidates:
                continue
            if cancel is not None:
                cancel.check()
            try:
                fp = fingerprint(f.path, f.size)
            except OSError:
                continue
            for row in candidates:
                if row.fingerprint == fp:
                    moves.append((row, f))
                    taken.add(row.id)
                    break
        return moves

    def _commit_moves_and_missing(self, vanished, moves, restored, report) -> None:
        moved_ids = {row.id for row, _ in moves}
        gone = [row.id for row in vanished if row.id not in moved_ids]
        if not (moves or gone or restored):
            return
        now = time.time()
        with self.db.session() as s:
            for row, f in moves:
                s.execute(update(Item).where(Item.id == row.id).values(
                    path=f.path, folder=f.root, mtime_ns=f.mtime_ns, size=f.size, status="ok",
                    missing_since=None))
            if gone:
                for i in range(0, len(gone), 500):
                    s.execute(update(Item).where(Item.id.in_(gone[i:i + 500]))
                              .values(status="missing", missing_since=now))
            if restored:
                s.execute(update(Item).where(Item.id.in_(restored))
                          .values(status="ok", missing_since=None))
            bump_generation(s)
        report.moved += len(moves)
        report.missing += len(gone)
        report.updated += len(restored)

    # -- step 3: reading and committing ---------------------------------------------------

    def _read(self, f: _Found, report: ScanReport, covers: FolderCovers):
        """(found, TagInfo, fingerprint, [(image_bytes, source)]) or None when it failed."""
        if f.size == 0:
            report.fail(f.path, "the file is empty (0 bytes)")
            return None
        kind = kind_of(f.path)
        try:
            fp = fingerprint(f.path, f.size)
            try:
                info = read_tags(f.path)
            except MediaError as exc:
                # mutagen reads only some video containers (and mistakes AVI
                # for WAVE): for video, ffprobe below has the last word.
                if kind != "video" or exc.reason in ("permission denied",
                                                     "the file vanished during the scan"):
                    raise
                info = TagInfo()
            images = []
            if kind == "video":
                self._fill_video(f.path, info, images)
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
            info.title = os.path.splitext(os.path.basename(f.path))[0]
        return f, info, fp, images

    def _fill_video(self, path: str, info: TagInfo, images: list) -> None:
        probed = video_mod.probe(path)
        if info.duration is None:
            info.duration = probed["duration"]
        tags = probed["tags"]
        info.title = info.title or tags.get("title")
        info.artist = info.artist or tags.get("artist")
        info.genre = info.genre or tags.get("genre")
        if info.duration is None and video_mod._tool("ffprobe"):
            raise MediaError("not a readable video (ffprobe finds no duration)")
        if self.keyframes:
            images.extend((jpeg, "keyframe") for jpeg in video_mod.keyframes(path, info.duration))

    def _artwork_id(self, s, data: bytes, cache: dict) -> Optional[int]:
        key = sha1(data)
        if key in cache:
            return cache[key]
        existing = s.execute(select(Artwork.id).where(Artwork.sha1 == key)).scalar()
        if existing is None:
            thumb = thumbnail(data)
            if thumb is None:
                cache[key] = None  # not an image: the item simply has no cover
                return None
            art = Artwork(sha1=key, jpeg=thumb[0], width=thumb[1], height=thumb[2])
            s.add(art)
            s.flush()
            existing = art.id
        cache[key] = existing
        return existing

    def _commit(self, batch, known, report, artwork_ids) -> None:
        batch = [b for b in batch if b is not None]
        if not batch:
            return
        now = time.time()
        pending_cache = dict(artwork_ids)
        with self.db.session() as s:
            for f, info, fp, images in batch:
                values = dict(
                    path=f.path, folder=f.root, kind=kind_of(f.path), size=f.size,
                    mtime_ns=f.mtime_ns, fingerprint=fp, status="ok", title=info.title,
                    artist=info.artist, album=info.album, album_artist=info.album_artist,
                    genre=info.genre, year=info.year, duration=info.duration, track=info.track,
                    mood=info.mood, bpm=info.bpm, musical_key=info.key, scanned_at=now,
                    missing_since=None, profile_state="pending")
                row = known.get(f.path)
                if row is None:
                    item = Item(**values)
                    s.add(item)
                    s.flush()
                    item_id = item.id
                else:
                    item_id = row.id
                    s.execute(update(Item).where(Item.id == item_id).values(**values))
                    s.execute(delete(ItemImage).where(ItemImage.item_id == item_id))
                position = 0
                for data, source in images:
                    art_id = self._artwork_id(s, data, pending_cache)
                    if art_id is not None:
                        s.add(ItemImage(item_id=item_id, position=position, artwork_id=art_id,
                                        source=source))
                        position += 1
            bump_generation(s)
        # Only after the commit succeeded do these ids exist for later batches.
        artwork_ids.update(pending_cache)
        for f, *_ in batch:
            if f.path in known:
                report.updated += 1
            else:
                report.added += 1

    def _record_failures(self, roots, report) -> None:
        """Keep the latest failures per folder so the CLI and GUI can list them later."""
        now = time.time()
        try:
            with self.db.session() as s:
                for root in roots:
                    lo = root.rstrip(os.sep) + os.sep
                    hi = root.rstrip(os.sep) + chr(ord(os.sep) + 1)
                    s.execute(delete(ScanFailure).where(
                        (ScanFailure.folder == root) | ((ScanFailure.path > lo) & (ScanFailure.path < hi))))
                for path, reason in report.failures:
                    root = next((r for r in roots if _under(path, r)), path)
                    s.merge(ScanFailure(path=path, folder=root, reason=reason, seen_at=now))
        except Exception:  # the report itself still reaches the caller
            log.exception("could not record scan failures")


def _recognised(info: TagInfo) -> bool:
    return any(v is not None for v in (info.title, info.artist, info.album, info.genre))
