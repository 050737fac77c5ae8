"""Few-shot evaluation: split per seed, train what the method needs, score the rest.

Every method sees the same splits for a given seed, so zero-shot, linear
probe, CoOp and DAPT are compared on the same test photos.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional, Sequence

import torch

from ..emotions.taxonomy import Taxonomy
from ..errors import MoodPlayerError
from ..tasks import CancelToken, ProgressFn, no_progress
from ..vision.encode import ImageEncoder
from ..vision.model import LoadedModel
from . import methods, metrics
from .adapter import make_head
from .data import LabelledSet, few_shot_split
from .trainer import TuneConfig, train

# The baselines with nothing to train first, then the trainable methods (registry order).
EVAL_METHODS = methods.names(trainable=False) + methods.names(trainable=True)


def predict(head, model: LoadedModel, data: LabelledSet, batch_size: int = 32,
            progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None):
    """(true labels, predicted labels) over the photos that could be read."""
    encoder = ImageEncoder(model, batch_size=batch_size, encode_fn=head.encode_images)
    by_path = {str(item.path): item.label for item in data.items}
    y_true, y_pred, feats = [], [], []
    for enc in encoder.encode_paths([i.path for i in data.items], progress, cancel):
        if enc.feature is None:
            data.problems.append(f"{enc.path}: {enc.error}")
            continue
        y_true.append(by_path[str(enc.path)])
        feats.append(enc.feature)
    if feats:
        y_pred = head.logits(torch.stack(feats)).argmax(-1).tolist()
    return y_true, y_pred


def score_head(head, model, data: LabelledSet, **kw) -> dict:
    y_true, y_pred = predict(head, model, data, **kw)
    if not y_true:
        raise MoodPlayerError("no test photo could be read")
    return metrics.scores(y_true, y_pred, data.class_names)


@dataclass
class EvalReport:
    method: str
    shots: Optional[int]
    seeds: list
    summary: dict  # metrics.aggregate(...)
    runs: list = field(default_factory=list)  # per seed: scores + train seconds
    problems: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"method": self.method, "shots": self.shots, "seeds": self.seeds,
                "accuracy": self.summary["accuracy"], "macro_f1": self.summary["macro_f1"],
                "per_class": self.summary["per_class"],
                "accuracy_std": self.summary["accuracy_std"],
                "macro_f1_std": self.summary["macro_f1_std"],
                "per_class_std": self.summary["per_class_std"],
                "confusion": self.summary["confusion"],
                "runs": [{k: r.get(k) for k in ("seed", "accuracy", "macro_f1", "n_train", "n_test",
                                                 "train_seconds", "blend_weight")} for r in self.runs],
                "problems": self.problems}


def _tuned_head(model, taxonomy, train_set, spec, cfg: TuneConfig, device, auto, max_epochs,
                progress, cancel) -> tuple:
    """(head, seconds, blend weight or None) for one seed's training photos."""
    if not spec.trainable:
        return spec.untrained_head(model, taxonomy), 0.0, None
    if auto is None:  # the settings given, as they are
        result = train(model, taxonomy, train_set, cfg, device, progress, cancel)
        return make_head(result.adapter, model, taxonomy), result.seconds, None
    from .auto import auto_tune, default_space

    space = default_space(spec.name, auto != "off")
    if max_epochs:
        space = dataclasses.replace(space, max_epochs=max_epochs,
                                    patience=min(space.patience, max_epochs))
    result = auto_tune(model, taxonomy, train_set, spec.name, cfg, device, auto, space,
                       budget_s=None, progress=progress, cancel=cancel)
    head = make_head(result.adapter, model, taxonomy) if result.adapter is not None \
        else methods.find("zero-shot").untrained_head(model, taxonomy)
    return head, result.seconds, result.weight


def evaluate(model: LoadedModel, taxonomy: Taxonomy, data: LabelledSet, method: str,
             shots: Optional[int], seeds: Sequence[int], device, config: Optional[TuneConfig] = None,
             progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None,
             on_seed=None, auto: Optional[str] = None,
             max_epochs: Optional[int] = None) -> EvalReport:
    """Split ``data`` per seed into ``shots`` per class / the rest, train, score.

    ``auto``: None trains with ``config`` as given; "auto", "on" or "off"
    (visual prompts) runs the automatic search and blend on each seed's
    training photos, as the app does (``auto.auto_tune``), without a time budget;
    ``max_epochs`` caps its trials.
    ``on_seed(seed, scores)`` is called after each seed (the CLI prints it).
    """
    spec = methods.find(method)
    if spec is None:
        names = methods.names(trainable=False) + methods.names(trainable=True)
        raise MoodPlayerError(f"unknown method '{method}': use {', '.join(names)}")
    base = config or TuneConfig()
    runs, problems = [], list(data.problems)
    for seed in seeds:
        train_set, test_set = few_shot_split(data, shots, seed)
        problems += [p for p in train_set.problems if p not in problems]
        if not test_set.items:
            raise MoodPlayerError(f"no photos left for testing with {shots} shots per class: "
                                  f"use fewer shots or add photos")
        cfg = TuneConfig(**{**base.__dict__, "method": method if spec.trainable else base.method,
                            "shots": shots, "seed": seed})
        head, seconds, weight = _tuned_head(model, taxonomy, train_set, spec, cfg, device, auto,
                                            max_epochs, progress, cancel)
        scores = score_head(head, model, test_set, cancel=cancel)
        problems += [p for p in train_set.problems + test_set.problems if p not in problems]
        run = {"seed": seed, **scores, "n_train": len(train_set.items),
               "n_test": scores["n"], "train_seconds": seconds, "blend_weight": weight}
        runs.append(run)
        if on_seed is not None:
            on_seed(seed, run)
    return EvalReport(method, shots, list(seeds), metrics.aggregate(runs, taxonomy.names),
                      runs, problems)


# The ablation of ``eval --compare``: (row name, method, visual prompts).
COMPARE = (("zero-shot", "zero-shot", "off"), ("linear probe", "linear", "off"),
           ("CoOp", "coop", "off"), ("DAPT, no visual prompts", "dapt", "off"),
           ("DAPT", "dapt", "on"))


def compare(model, taxonomy, data: LabelledSet, shots, seeds, device,
            config: Optional[TuneConfig] = None, progress: ProgressFn = no_progress,
            cancel: Optional[CancelToken] = None, on_row=None,
            max_epochs: Optional[int] = None) -> list:
    """[(row name, EvalReport)] for every row of COMPARE, each with the automatic
    settings, on the same splits; ``on_row(name, report)`` after each row."""
    rows = []
    for name, method, visual in COMPARE:
        report = evaluate(model, taxonomy, data, method, shots, seeds, device, config,
                          progress, cancel, auto=visual, max_epochs=max_epochs)
        rows.append((name, report))
        if on_row is not None:
            on_row(name, report)
    return rows
