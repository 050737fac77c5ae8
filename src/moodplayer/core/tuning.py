"""Label -> tune -> score on held-out photos -> switch the adapter in (or keep zero-shot).

Runs where the model lives (the caller's worker thread): ``tune`` and
``switch`` change the extractor's head in place. Remembering the choice in
the settings is a separate step (``remember_active``), done by the caller
on its own thread once the work is over.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Optional

from ..engine import paths
from ..engine.errors import MoodPlayerError
from ..engine.tasks import CancelToken, ProgressFn, no_progress
from .factory import load_head

MIN_LABELS = 4  # below this, a held-out score means nothing
SCORED = ("accuracy", "balanced_accuracy", "macro_f1")


@dataclass
class TuneReport:
    before: dict  # metric -> value on held-out labels, zero-shot
    after: dict  # the same, with the new adapter
    adapter_path: Optional[str]
    message: str = ""
    activate: bool = True  # False: saved, but worse than zero-shot on the held-out photos


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


def with_balanced_accuracy(scores: dict) -> dict:
    """Add the mean of the per-emotion recalls: every emotion counts the same, however
    many held-out photos it has (plain accuracy favours the common ones)."""
    recalls = [r for r in (scores.get("per_class") or {}).values() if r is not None]
    return {**scores, "balanced_accuracy": sum(recalls) / len(recalls)} if recalls else scores


def should_activate(before: dict, after: dict, scored: bool) -> bool:
    """Switch a new adapter in unless it read the held-out photos worse than zero-shot.

    Without held-out photos there is nothing to compare: the user asked to
    tune, so the adapter is used. Ties go to the adapter (it learnt the user's
    labels); a drop in accuracy does not.
    """
    if not scored:
        return True
    return after.get("accuracy", 0.0) >= before.get("accuracy", 0.0)


def _message(n_train: int, n_held: int, worse: bool) -> str:
    if not n_held:
        return (f"Tuned on {n_train} photos (too few labels to hold any out for scoring). "
                f"The new adapter is now active.")
    if worse:
        return (f"Tuned on {n_train} photos, but on {n_held} held-out photos the adapter "
                f"scored lower than zero-shot, so MoodPlayer keeps the current reading. Add "
                f"more labels and tune again; the adapter is saved and can still be chosen "
                f"under Active.")
    return (f"Tuned on {n_train} photos; scores on {n_held} held-out photos. "
            f"The new adapter is now active.")


class Tuning:
    """The user's corrections and the adapters tuned from them."""

    def __init__(self, library, settings, epochs: Optional[int] = None):
        self.library = library
        self.settings = settings
        self.epochs = epochs  # None: the trainer's default for the number of shots

    # -- labels ----------------------------------------------------------------
    def add_label(self, photo: str, emotion: str) -> None:
        self.library.add_label(photo, emotion)

    def label_counts(self, names) -> dict:
        return self.library.label_counts(names)

    # -- adapters --------------------------------------------------------------
    @staticmethod
    def list_adapters() -> list:
        return sorted(str(p) for p in paths.adapters_dir().glob("*.safetensors"))

    @staticmethod
    def adapter_facts(path) -> dict:
        """{"created": datetime or None, "photos": int or None} for an adapter file.

        Read from the file's header only (safetensors metadata; no tensors, no
        torch), so listing adapters on the window's thread stays instant. The
        file's time stands in for a missing or unreadable creation date.
        """
        import datetime as dt
        import json
        import os

        meta = {}
        try:
            from safetensors import safe_open

            with safe_open(str(path), framework="numpy") as f:
                meta = json.loads((f.metadata() or {}).get("moodplayer", "{}"))
        except Exception:  # noqa: BLE001 - a damaged file still gets a name, from its time
            meta = {}
        created = None
        try:
            created = dt.datetime.fromisoformat(str(meta.get("created")))
        except ValueError:
            try:
                created = dt.datetime.fromtimestamp(os.path.getmtime(path))
            except OSError:
                created = None
        data = meta.get("data") if isinstance(meta.get("data"), dict) else {}
        photos = data.get("trained_on", data.get("photos"))
        return {"created": created, "photos": int(photos) if isinstance(photos, int) else None}

    @staticmethod
    def switch(extractor, adapter_path: Optional[str]) -> Optional[str]:
        """Put an adapter (None: zero-shot) into the extractor; on the model's thread."""
        if extractor is None:
            raise MoodPlayerError("The emotion model is not loaded.")
        extractor.set_head(load_head(extractor, adapter_path))
        return adapter_path

    def remember_active(self, adapter_path: Optional[str]) -> None:
        self.settings.adapter = adapter_path
        self.settings.save()

    # -- tuning ----------------------------------------------------------------
    def tune(self, extractor, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, config=None) -> TuneReport:
        """Train on most labels, score zero-shot and tuned on the rest, save the adapter,
        and switch it in unless it reads the held-out photos worse than zero-shot."""
        if extractor is None:
            raise MoodPlayerError("Tuning needs the emotion model, which is not loaded.")
        report = self._train_and_score(extractor, self.library.labels(), progress, cancel, config)
        if report.adapter_path and report.activate:
            self.switch(extractor, report.adapter_path)
        return report

    def _train_and_score(self, extractor, labels, progress, cancel, config) -> TuneReport:
        from ..engine.dapt.adapter import make_head, save_adapter
        from ..engine.dapt.data import from_pairs
        from ..engine.dapt.evaluation import score_head
        from ..engine.dapt.trainer import TuneConfig, train
        from ..engine.emotions.extractor import ZeroShotHead

        model, taxonomy = extractor.model, extractor.taxonomy
        train_pairs, held_pairs = split_held_out(list(labels))
        if len(train_pairs) < MIN_LABELS or len({lbl for _, lbl in train_pairs}) < 2:
            raise MoodPlayerError(
                f"Tuning needs at least {MIN_LABELS} labelled photos in at least two emotions "
                f"(plus a few to test on); right-click photos to add labels.")
        train_set, held_set = from_pairs(train_pairs, taxonomy), from_pairs(held_pairs, taxonomy)
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
        out = paths.adapters_dir() / f"{taxonomy.id}-dapt-{time.strftime('%Y%m%d-%H%M%S')}.safetensors"
        saved = save_adapter(result.adapter, out)
        before, after = with_balanced_accuracy(before), with_balanced_accuracy(after)
        before = {k: before[k] for k in SCORED if k in before}
        after = {k: after[k] for k in SCORED if k in after}
        # Never make the app read photos worse than before: an adapter that loses
        # to zero-shot on the photos it never saw is kept on disk, not switched in.
        worse = not should_activate(before, after, bool(held_set.items))
        return TuneReport(before, after, str(saved),
                          _message(len(train_set.items), len(held_set.items), worse),
                          activate=not worse)
