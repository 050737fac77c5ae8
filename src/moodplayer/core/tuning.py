"""Labels -> choose settings on held-out labels -> tune -> switch the adapter in, or keep zero-shot.

Runs where the model lives (the caller's worker thread): ``tune`` and
``switch`` change the extractor's head in place. Remembering the choice in
the settings is a separate step (``remember_active``), done by the caller
on its own thread once the work is over.

The engine (``engine.dapt.auto``) chooses the learning rate, the epochs and
how much of the tuned reading to blend with zero-shot on folds of the
user's own labels; this module turns its result into a saved adapter and a
report in plain words. ``tune_labelled`` is shared with ``moodplayer tune``.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
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
    after: dict  # the same for the tuned reading (the one rejected, when zero-shot is kept)
    adapter_path: Optional[str]  # None: nothing was saved (zero-shot kept)
    message: str = ""  # what happened and why, for people
    activate: bool = True  # False: zero-shot stays
    outcome: str = "tuned"  # "tuned", "blended" (part tuned, part zero-shot) or "zero-shot"
    weight: float = 1.0  # share of the tuned reading in the blend; 0 for zero-shot
    details: dict = field(default_factory=dict)  # engine.dapt.auto.AutoResult.to_json()


def _right(scores: dict, n: int) -> str:
    return f"{round(scores['accuracy'] * n)} of {n} ({scores['accuracy'] * 100:.0f}%)"


def with_balanced_accuracy(scores: dict) -> dict:
    """Add the mean of the per-emotion recalls: every emotion counts the same, however
    many held-out photos it has (plain accuracy favours the common ones)."""
    recalls = [r for r in (scores.get("per_class") or {}).values() if r is not None]
    return {**scores, "balanced_accuracy": sum(recalls) / len(recalls)} if recalls else scores


def _settings_words(result) -> str:
    best = result.best
    text = f"learning rate {best.lr:g}, {best.epoch} epochs"
    if best.visual_scale is not None:
        text += f", visual prompts at {best.visual_scale:g}x that rate"
    elif any(t.visual_scale is not None and t.ok for t in result.trials):
        text += ", no visual prompts (they did not read your held-out photos better)"
    return text


def explain(result) -> str:
    """The report's message: which reading is used, by how much it differs, and why."""
    n, zs = result.held_out, result.zero_shot
    lines = []
    if result.outcome == "zero-shot":
        lines.append(f"MoodPlayer keeps zero-shot: {result.reason}. Zero-shot read "
                     f"{_right(zs, n)} held-out photos right. Nothing was saved. More labels, "
                     f"over more emotions, give tuning more to learn from.")
    else:
        gain = (result.chosen["accuracy"] - zs["accuracy"]) * 100
        share = ("the tuned reading" if result.outcome == "tuned" else
                 f"a blend of {result.weight * 100:.0f}% tuned and "
                 f"{100 - result.weight * 100:.0f}% zero-shot")
        lines.append(f"Now using {share}: it read {_right(result.chosen, n)} held-out photos "
                     f"right, zero-shot {_right(zs, n)} ({gain:+.0f} points).")
        lines.append(f"Chosen on your {result.photos} labels ({result.folds}-fold): "
                     f"{_settings_words(result)}.")
    blown = [t.label() for t in result.trials if t.status.startswith("blew up")]
    if blown:
        lines.append(f"Too fast and left out (the prompts blew up): {', '.join(blown)}.")
    lines += result.notes
    return "\n".join(lines)


def adapter_file(taxonomy, method: str) -> Path:
    return paths.adapters_dir() / f"{taxonomy.id}-{method}-{time.strftime('%Y%m%d-%H%M%S')}.safetensors"


def tune_labelled(model, taxonomy, data, out=None, method: str = "dapt", config=None,
                  visual: str = "auto", max_epochs: Optional[int] = None, budget_s="default",
                  progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None) -> TuneReport:
    """Choose, tune and save (``out`` or the adapters folder); the report says what and why.

    ``max_epochs`` caps every trial (None: the search's own limit); ``budget_s``
    is the seconds the search may spend before it leaves the visual prompts
    out ("default": the engine's BUDGET_S, None: no limit).
    """
    from ..engine.dapt.adapter import save_adapter
    from ..engine.dapt.auto import BUDGET_S, auto_tune, default_space
    from ..engine.dapt.trainer import TuneConfig

    if len(data.items) < MIN_LABELS or len({i.label for i in data.items}) < 2:
        raise MoodPlayerError(
            f"Tuning needs at least {MIN_LABELS} labelled photos in at least two emotions "
            f"(some of them are held out to test on); right-click photos to add labels.")
    base = config or TuneConfig(method=method)
    space = default_space(method, visual != "off")
    if max_epochs:
        space = dataclasses.replace(space, max_epochs=max_epochs,
                                    patience=min(space.patience, max_epochs))
    result = auto_tune(model, taxonomy, data, method, base, model.device, visual, space,
                       BUDGET_S if budget_s == "default" else budget_s, progress, cancel)
    saved = save_adapter(result.adapter, out or adapter_file(taxonomy, method)) \
        if result.adapter is not None else None
    keep = (lambda s: {k: v for k, v in with_balanced_accuracy(s).items() if k in SCORED})
    return TuneReport(keep(result.zero_shot), keep(result.chosen if saved else result.tuned or {}),
                      str(saved) if saved else None, explain(result), activate=saved is not None,
                      outcome=result.outcome, weight=result.weight, details=result.to_json())


class Tuning:
    """The user's corrections and the adapters tuned from them."""

    def __init__(self, library, settings, epochs: Optional[int] = None):
        self.library = library
        self.settings = settings
        self.epochs = epochs  # None: the search's own limit; a number caps every trial

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
        """Choose settings on held-out labels, tune on all of them, save the adapter and
        switch it in; or keep the current reading when tuning does not beat zero-shot."""
        from ..engine.dapt.data import from_pairs

        if extractor is None:
            raise MoodPlayerError("Tuning needs the emotion model, which is not loaded.")
        data = from_pairs(self.library.labels(), extractor.taxonomy)
        report = tune_labelled(extractor.model, extractor.taxonomy, data, config=config,
                               max_epochs=self.epochs, progress=progress, cancel=cancel)
        if report.adapter_path and report.activate:
            self.switch(extractor, report.adapter_path)
        return report
