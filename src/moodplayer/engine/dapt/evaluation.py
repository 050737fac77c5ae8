"""Few-shot evaluation: split per seed, train what the method needs, score the rest.

Every method sees the same splits for a given seed, so zero-shot, linear
probe, CoOp and DAPT are compared on the same test photos.
"""

from __future__ import annotations

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
                "runs": [{k: r[k] for k in ("seed", "accuracy", "macro_f1", "n_train", "n_test",
                                             "train_seconds")} for r in self.runs],
                "problems": self.problems}


def evaluate(model: LoadedModel, taxonomy: Taxonomy, data: LabelledSet, method: str,
             shots: Optional[int], seeds: Sequence[int], device, config: Optional[TuneConfig] = None,
             progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None,
             on_seed=None) -> EvalReport:
    """Split ``data`` per seed into ``shots`` per class / the rest, train, score.

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
        seconds = 0.0
        if not spec.trainable:
            head = spec.untrained_head(model, taxonomy)
        else:
            cfg = TuneConfig(**{**base.__dict__, "method": method, "shots": shots, "seed": seed})
            result = train(model, taxonomy, train_set, cfg, device, progress, cancel)
            seconds = result.seconds
            head = make_head(result.adapter, model, taxonomy)
        scores = score_head(head, model, test_set, cancel=cancel)
        problems += [p for p in train_set.problems + test_set.problems if p not in problems]
        run = {"seed": seed, **scores, "n_train": len(train_set.items),
               "n_test": scores["n"], "train_seconds": seconds}
        runs.append(run)
        if on_seed is not None:
            on_seed(seed, run)
    return EvalReport(method, shots, list(seeds), metrics.aggregate(runs, taxonomy.names),
                      runs, problems)
