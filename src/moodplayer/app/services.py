"""The app's only doorway into the library, matching, playlist, label and tuning engine.

Widgets and the main window call these small methods and get plain data
back (``QueueEntry`` lists, counts, dicts), so the UI never depends on how
the engine stores or scores things. Methods that touch the database may run
on any thread: the engine opens one SQLAlchemy session per call.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from ..engine import paths
from ..engine.tasks import CancelToken, ProgressFn, no_progress
from .play_queue import QueueEntry

QUEUE_KINDS = {"music": "music", "video": "video", "any": "mixed", "mixed": "mixed"}


def _entry(q, prefix: str = "") -> QueueEntry:
    return QueueEntry(path=q.path, title=q.title or Path(q.path).stem, artist=q.artist or "",
                      album=q.album or "", kind=q.kind, duration=q.duration,
                      reason=prefix + (q.reason or ""), score=float(q.score), item_id=q.item_id)


class LibraryService:
    """Library items, queues, saved playlists and the user's emotion labels."""

    def __init__(self, taxonomy=None):
        from ..engine.emotions.taxonomy import load_taxonomy
        from ..engine.library import Library

        self.taxonomy = taxonomy or load_taxonomy("mikels8")
        self.lib = Library(taxonomy=self.taxonomy)

    # -- library -----------------------------------------------------------
    def scan(self, folders, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, extractor=None) -> dict:
        """Scan folders (incrementally). Unreadable folders are reported, not fatal.

        Without an extractor, cover art and titles wait for ``update_profiles``
        (run on the model worker, which owns the model).
        """
        from ..engine.errors import Cancelled

        report = self.lib.scan(folders, progress, cancel, extractor=extractor)
        if report.cancelled:
            raise Cancelled()
        missing = [p for p, reason in report.failures if reason.startswith("cannot read this folder")]
        waiting = getattr(report.profiles, "waiting_for_model", 0) or 0
        return {"items": self.count(), "added": report.added, "missing": missing,
                "failed": report.failed, "waiting_for_model": waiting}

    def update_profiles(self, extractor, progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None) -> int:
        """Read cover art and titles with the model for items still waiting for it."""
        if not self.lib.counts().get("waiting_for_model"):
            return 0
        report = self.lib.update_profiles(extractor, progress, cancel)
        return getattr(report, "updated", 0) or 0

    def count(self, kind: Optional[str] = None) -> int:
        counts = self.lib.counts()
        return counts["total"] if kind in (None, "any", "mixed") else counts.get(kind, 0)

    def _options(self, kind: str, length: int, diversity: float, exclude_ids=()):
        from ..engine.matching import QueueOptions

        return QueueOptions(length=int(length), kind=QUEUE_KINDS.get(kind, "music"),
                            diversity=float(diversity),
                            exclude_ids=frozenset(i for i in exclude_ids if i is not None))

    def build_queue(self, mood, kind: str = "music", length: int = 20, diversity: float = 0.3,
                    exclude_ids=()) -> list:
        """The engine's queue for a mood (an EmotionResult), as QueueEntry rows with reasons."""
        from ..engine.library.errors import EmptyLibrary
        from ..engine.matching import MoodTarget

        try:
            items = self.lib.build_queue(MoodTarget.from_result(mood),
                                         self._options(kind, length, diversity, exclude_ids))
        except EmptyLibrary:
            return []
        return [_entry(q) for q in items]

    def more_like(self, entry: QueueEntry, length: int = 5, diversity: float = 0.3,
                  exclude_ids=()) -> list:
        """Items whose stored mood profile is closest to this item's own."""
        from ..engine.library.errors import EmptyLibrary
        from ..engine.matching import MoodTarget

        arrays = self.lib.arrays()
        try:
            i = arrays.paths.index(entry.path)
        except ValueError:
            return []
        emb = None
        if arrays.embedding is not None and arrays.has_embedding is not None \
                and bool(arrays.has_embedding[i]):
            emb = np.asarray(arrays.embedding[i], np.float32)
        target = MoodTarget(list(arrays.names), np.asarray(arrays.probs[i], np.float32),
                            float(arrays.va[i, 0]), float(arrays.va[i, 1]),
                            float(arrays.confidence[i]), emb)
        kind = "video" if int(arrays.kind[i]) == 1 else "music"
        ids = set(exclude_ids) | {int(arrays.ids[i])}
        try:
            items = self.lib.build_queue(target, self._options(kind, length, diversity, ids))
        except EmptyLibrary:
            return []
        return [_entry(q, f"like “{entry.title}”: ") for q in items]

    def record_played(self, path: str) -> None:
        self.lib.record_played(path)

    # -- playlists ---------------------------------------------------------
    def save_playlist(self, name: str, entries, auto: bool = False, mood=None) -> str:
        from ..engine.playlists.store import save_playlist

        rows = _playlist_rows(entries)
        # The engine keeps the mood as JSON; "auto" marks watched-folder playlists.
        meta = dict(mood.to_json()) if mood is not None else {}
        meta["auto"] = bool(auto)
        with self.lib.db.session() as s:
            save_playlist(s, name, rows, mood=meta, reasons=[e.reason for e in entries])
        return name

    def export_queue(self, path: str, entries, title: str = "MoodPlayer") -> str:
        """Write the queue as M3U8 or XSPF (chosen by the file's extension)."""
        from ..engine.playlists.entry import write_playlist

        return str(write_playlist(path, _playlist_rows(entries), title=title))

    def list_playlists(self) -> list:
        from sqlalchemy import func, select

        from ..engine.library.db import PlaylistEntry
        from ..engine.playlists.store import list_playlists

        out = []
        with self.lib.db.session() as s:
            for pl in list_playlists(s):
                try:
                    meta = json.loads(pl.mood) if isinstance(pl.mood, str) else (pl.mood or {})
                except ValueError:
                    meta = {}
                n = s.scalar(select(func.count()).select_from(PlaylistEntry)
                             .where(PlaylistEntry.playlist_id == pl.id))
                out.append({"name": pl.name, "count": int(n or 0),
                            "auto": bool(meta.get("auto", False))})
        return out

    def load_playlist(self, name: str) -> list:
        from ..engine.playlists.store import load_playlist

        with self.lib.db.session() as s:
            rows = load_playlist(s, name)
            return [QueueEntry(path=r.path, title=r.title or Path(r.path).stem,
                               artist=r.artist or "", album=r.album or "", duration=r.duration,
                               reason=getattr(r, "reason", "") or "",
                               kind="video" if Path(r.path).suffix.lower() in VIDEO_SUFFIXES
                               else "music") for r in rows]

    # -- labels ------------------------------------------------------------
    def add_label(self, photo: str, emotion: str) -> None:
        from ..engine.library import add_label

        with self.lib.db.session() as s:
            add_label(s, photo, emotion, self.taxonomy.id)

    def labels(self) -> list:
        """(photo path, emotion) pairs; the latest correction of a photo wins."""
        from ..engine.library import list_labels

        latest = {}
        with self.lib.db.session() as s:
            for row in list_labels(s, self.taxonomy.id):
                latest[row.photo_path] = row.label
        return sorted(latest.items())

    def label_counts(self, names) -> dict:
        counts = {n: 0 for n in names}
        for _, emotion in self.labels():
            if emotion in counts:
                counts[emotion] += 1
        return counts


VIDEO_SUFFIXES = {".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".wmv", ".mpg", ".mpeg", ".ogv"}


@dataclass
class TuneReport:
    before: dict  # metric -> value on held-out labels, zero-shot
    after: dict  # the same, with the new adapter
    adapter_path: Optional[str]
    message: str = ""
    activate: bool = True  # False: saved, but worse than zero-shot on the held-out photos


def _playlist_rows(entries) -> list:
    """Queue entries as the playlist engine's rows (saved and exported alike)."""
    from ..engine.playlists import PlaylistEntryData

    return [PlaylistEntryData(e.path, e.title, e.artist, e.album, e.duration) for e in entries]


def _dapt_installed() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("moodplayer.engine.dapt.trainer") is not None
    except ImportError:
        return False


def split_held_out(pairs, seed: int = 1):
    """(train, held_out) label pairs: one in four of each emotion is held out (at least one
    when it has two or more), so before/after scores are measured on photos tuning never saw."""
    by_label: dict = {}
    for path, label in pairs:
        by_label.setdefault(label, []).append((path, label))
    rng = random.Random(seed)
    train, held = [], []
    for label in sorted(by_label):
        group = sorted(by_label[label])
        rng.shuffle(group)
        k = max(1, len(group) // 4) if len(group) >= 2 else 0
        held += group[:k]
        train += group[k:]
    return train, held


def should_activate(before: dict, after: dict, scored: bool) -> bool:
    """Switch a new adapter in unless it read the held-out photos worse than zero-shot.

    Without held-out photos there is nothing to compare: the user asked to
    tune, so the adapter is used. Ties go to the adapter (it learnt the user's
    labels); a drop in accuracy does not.
    """
    if not scored:
        return True
    return after.get("accuracy", 0.0) >= before.get("accuracy", 0.0)


class TuningService:
    """DAPT few-shot tuning from the user's labels, and the adapters it leaves."""

    MIN_LABELS = 4  # below this, a held-out score means nothing

    def __init__(self, epochs: Optional[int] = None):
        self.epochs = epochs  # None: the trainer's default for the number of shots

    def available(self) -> Optional[str]:
        """None when tuning can run, else the reason it cannot (shown in the Tune view)."""
        if not _dapt_installed():
            return "DAPT tuning is not installed in this build yet."
        return None

    def list_adapters(self) -> list:
        return sorted(str(p) for p in paths.adapters_dir().glob("*.safetensors"))

    def load_head(self, extractor, adapter_path: Optional[str]):
        """A Head for ``extractor.set_head``; None means zero-shot."""
        if adapter_path is None:
            return None
        from ..engine.dapt.adapter import load_head

        return load_head(adapter_path, extractor.model, extractor.taxonomy)

    def tune(self, extractor, labels, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, config=None) -> TuneReport:
        """Train DAPT on most labels, score zero-shot and tuned on the rest, save the adapter."""
        import time as _time

        from ..engine.dapt.adapter import make_head, save_adapter
        from ..engine.dapt.data import from_pairs
        from ..engine.dapt.evaluation import score_head
        from ..engine.dapt.trainer import TuneConfig, train
        from ..engine.emotions.extractor import ZeroShotHead
        from ..engine.errors import MoodPlayerError

        if reason := self.available():
            raise MoodPlayerError(reason)
        model, taxonomy = extractor.model, extractor.taxonomy
        train_pairs, held_pairs = split_held_out(list(labels))
        if len(train_pairs) < self.MIN_LABELS or len({l for _, l in train_pairs}) < 2:
            raise MoodPlayerError(
                f"Tuning needs at least {self.MIN_LABELS} labelled photos in at least two "
                f"emotions (plus a few to test on); right-click photos to add labels.")
        train_set = from_pairs(train_pairs, taxonomy)
        held_set = from_pairs(held_pairs, taxonomy)
        counts = [c for c in train_set.counts().values() if c]
        cfg = config or TuneConfig(method="dapt", shots=min(counts) if counts else None,
                                   epochs=self.epochs)
        before = after = {}
        if held_set.items:
            before = score_head(ZeroShotHead(model, taxonomy), model, held_set, cancel=cancel)
        result = train(model, taxonomy, train_set, cfg, model.device, progress, cancel)
        if held_set.items:
            after = score_head(make_head(result.adapter, model, taxonomy), model, held_set,
                               cancel=cancel)
        out = paths.adapters_dir() / f"{taxonomy.id}-dapt-{_time.strftime('%Y%m%d-%H%M%S')}.safetensors"
        saved = save_adapter(result.adapter, out)
        pick = ("accuracy", "macro_f1")
        before = {k: before[k] for k in pick if k in before}
        after = {k: after[k] for k in pick if k in after}
        # Never make the app read photos worse than before: an adapter that loses
        # to zero-shot on the photos it never saw is kept on disk, not switched in.
        worse = not should_activate(before, after, bool(held_set.items))
        if not held_set.items:
            message = (f"Tuned on {len(train_set.items)} photos (too few labels to hold any "
                       f"out for scoring). The new adapter is now active.")
        elif worse:
            message = (f"Tuned on {len(train_set.items)} photos, but on {len(held_set.items)} "
                       f"held-out photos the adapter scored lower than zero-shot, so MoodPlayer "
                       f"keeps the current reading. Add more labels and tune again; the adapter "
                       f"is saved and can still be chosen under Active.")
        else:
            message = (f"Tuned on {len(train_set.items)} photos; scores on "
                       f"{len(held_set.items)} held-out photos. The new adapter is now active.")
        return TuneReport(before, after, str(saved), message, activate=not worse)


def cover_art(path: str) -> Optional[bytes]:
    """Embedded cover art of an audio file (first picture), or None."""
    try:
        import mutagen

        f = mutagen.File(path)
    except Exception:
        return None
    if f is None:
        return None
    pictures = getattr(f, "pictures", None)  # FLAC
    if pictures:
        return pictures[0].data
    tags = getattr(f, "tags", None) or {}
    try:
        for key in tags.keys():
            if str(key).startswith("APIC"):  # ID3
                return tags[key].data
        covr = tags.get("covr")  # MP4
        if covr:
            return bytes(covr[0])
    except Exception:
        return None
    return None
