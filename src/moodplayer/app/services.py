"""The app's only doorway into the library, matching, playlist, label and tuning engine.

Widgets and the main window call these small functions and get plain data
back (``QueueEntry`` lists, counts, dicts), so the UI never depends on how
the engine stores or scores things.

INTERIM: until the library (issue 3) and DAPT (issue 4) engines are merged,
``LibraryService`` walks folders and reads tags itself and keeps labels and
playlists in JSON files, and it cannot score by mood (the queue says so in
each reason). Only this module changes when the engines land.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

from ..engine import paths
from ..engine.tasks import CancelToken, ProgressFn, check, no_progress
from .play_queue import QueueEntry

AUDIO_EXT = {".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wav", ".wma", ".aiff", ".ape"}
VIDEO_EXT = {".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".wmv", ".mpg", ".mpeg", ".ogv"}


def _kind_of(path: Path) -> Optional[str]:
    ext = path.suffix.lower()
    return "music" if ext in AUDIO_EXT else "video" if ext in VIDEO_EXT else None


def _read_tags(path: Path) -> dict:
    try:
        import mutagen

        f = mutagen.File(str(path), easy=True)
    except Exception:
        f = None
    tags = {}
    if f is not None:
        for key in ("title", "artist", "album", "genre"):
            v = (f.tags or {}).get(key) if f.tags else None
            if v:
                tags[key] = str(v[0])
        length = getattr(getattr(f, "info", None), "length", None)
        if length:
            tags["duration"] = float(length)
    return tags


class LibraryService:
    """Library items, queues, saved playlists and the user's emotion labels."""

    def __init__(self, home: Optional[Path] = None):
        self.home = Path(home or paths.home())
        self._items: list = []
        self._load_items()

    # -- storage (interim JSON) ---------------------------------------------
    def _file(self, name: str) -> Path:
        return self.home / name

    def _read(self, name: str, default):
        try:
            return json.loads(self._file(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return default

    def _write(self, name: str, data) -> None:
        tmp = self._file(name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(self._file(name))

    def _load_items(self) -> None:
        self._items = [QueueEntry(**d) for d in self._read("library-interim.json", [])]

    # -- library -----------------------------------------------------------
    def scan(self, folders, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None) -> dict:
        """Find music and video under ``folders``. Missing folders are reported, not fatal."""
        files, missing = [], []
        for folder in folders:
            root = Path(folder).expanduser()
            if not root.is_dir():
                missing.append(str(root))
                continue
            for dirpath, dirs, names in os.walk(root):
                check(cancel)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(dirpath) / n for n in sorted(names)
                             if not n.startswith(".") and _kind_of(Path(n)))
        items = []
        for i, f in enumerate(files):
            check(cancel)
            tags = _read_tags(f)
            items.append(QueueEntry(path=str(f), title=tags.get("title") or f.stem,
                                    artist=tags.get("artist", ""), album=tags.get("album", ""),
                                    kind=_kind_of(f), duration=tags.get("duration")))
            progress(i + 1, len(files), f.name)
        self._items = items
        self._write("library-interim.json", [asdict(e) for e in items])
        return {"items": len(items), "missing": missing}

    def count(self, kind: Optional[str] = None) -> int:
        return sum(1 for e in self._items if kind in (None, "any", e.kind))

    def build_queue(self, mood, kind: str = "music", length: int = 20, diversity: float = 0.3,
                    exclude=(), seed: Optional[int] = None) -> list:
        pool = [e for e in self._items if (kind in ("any", "both") or e.kind == kind)
                and e.path not in set(exclude)]
        rng = random.Random(seed)
        rng.shuffle(pool)
        out = []
        for e in pool[:length]:
            out.append(QueueEntry(**{**asdict(e), "reason":
                                     "not scored by mood yet (library engine not installed)"}))
        return out

    def more_like(self, entry: QueueEntry, length: int = 5, exclude=()) -> list:
        same = [e for e in self._items if e.path != entry.path and e.path not in set(exclude)
                and ((entry.artist and e.artist == entry.artist)
                     or (entry.album and e.album == entry.album))]
        return [QueueEntry(**{**asdict(e), "reason": f"same artist/album as {entry.title}"})
                for e in same[:length]]

    # -- playlists ---------------------------------------------------------
    def save_playlist(self, name: str, entries, auto: bool = False) -> str:
        data = self._read("playlists-interim.json", {})
        data[name] = {"auto": auto, "paths": [e.path for e in entries]}
        self._write("playlists-interim.json", data)
        return name

    def list_playlists(self) -> list:
        data = self._read("playlists-interim.json", {})
        return [{"name": k, "count": len(v["paths"]), "auto": v.get("auto", False)}
                for k, v in data.items()]

    def load_playlist(self, name: str) -> list:
        data = self._read("playlists-interim.json", {})
        by_path = {e.path: e for e in self._items}
        return [by_path.get(p) or QueueEntry(path=p, title=Path(p).stem)
                for p in data.get(name, {}).get("paths", [])]

    # -- labels ------------------------------------------------------------
    def add_label(self, photo: str, emotion: str) -> None:
        labels = self._read("labels-interim.json", {})
        labels[str(photo)] = emotion  # the latest correction of a photo wins
        self._write("labels-interim.json", labels)

    def labels(self) -> list:
        return sorted(self._read("labels-interim.json", {}).items())

    def label_counts(self, names) -> dict:
        counts = {n: 0 for n in names}
        for _, emotion in self.labels():
            if emotion in counts:
                counts[emotion] += 1
        return counts


@dataclass
class TuneReport:
    before: dict  # metric -> value on held-out labels, zero-shot
    after: dict  # the same, with the new adapter
    adapter_path: Optional[str]
    message: str = ""


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
        message = (f"Tuned on {len(train_set.items)} photos; scores on {len(held_set.items)} "
                   f"held-out photos. The new adapter is now active.") if held_set.items else \
            f"Tuned on {len(train_set.items)} photos (too few labels to hold any out for scoring)."
        return TuneReport(before, after, str(saved), message)


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
