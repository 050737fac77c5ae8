"""Trying settings on held-out folds: one trial per learning rate.

A trial trains one run per fold in lock-step, an epoch at a time, and after
each epoch scores all folds' held-out photos together (macro-F1 of the pooled
predictions: with 40 labels, 40 predictions instead of 8-13 per fold). It
keeps the epoch that scored best (early stopping: it stops after
``patience`` epochs without a better score) and each fold's prompts at that
epoch, so a blend with the start can be scored afterwards without training
again. A fold run that blows up ends the trial; the trial says why.

``Search`` holds what all trials share: the photos, their frozen features
(computed once), the folds, the training copy of the backbone, a clock.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Optional

import torch

from ..tasks import CancelToken, check
from . import metrics
from .trainer import TrainingRun, TuneConfig


@dataclass
class SearchSpace:
    lrs: tuple  # base learning rates, tried in this order
    visual_scales: tuple = ()  # with visual prompts: their rate as multiples of the best base rate
    max_epochs: int = 40  # the length of every trial's learning-rate schedule
    patience: int = 10  # epochs without a better held-out score before a trial stops


@dataclass
class Trial:
    lr: float
    visual_scale: Optional[float] = None  # None: no visual prompts
    score: Optional[float] = None  # pooled held-out macro-F1 at the best epoch
    accuracy: Optional[float] = None
    epoch: int = 0  # the best epoch
    epochs_run: int = 0
    status: str = "ok"  # "ok", or why the trial did not count, in words
    seconds: float = 0.0
    scores: Optional[dict] = field(default=None, repr=False)  # all held-out scores at ``epoch``
    curve: list = field(default_factory=list, repr=False)  # per epoch: pooled held-out logits
    runs: list = field(default_factory=list, repr=False)  # per fold, kept for blending
    snapshots: list = field(default_factory=list, repr=False)  # per fold tensors at ``epoch``

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.score is not None

    def label(self) -> str:
        visual = "" if self.visual_scale is None else f", visual prompts at {self.visual_scale:g}x"
        return f"rate {self.lr:g}{visual}"

    def to_json(self) -> dict:
        return {"lr": self.lr, "visual_scale": self.visual_scale, "macro_f1": self.score,
                "accuracy": self.accuracy, "best_epoch": self.epoch,
                "epochs_run": self.epochs_run, "status": self.status,
                "seconds": round(self.seconds, 2)}


def scores_of(logits: torch.Tensor, y_true: list, class_names) -> dict:
    """metrics.scores of the predictions, plus their mean cross-entropy ("nll")."""
    out = metrics.scores(y_true, logits.argmax(-1).tolist(), class_names)
    out["nll"] = float(torch.nn.functional.cross_entropy(logits.float(), torch.tensor(y_true)))
    return out


def better(a: dict, b: Optional[dict]) -> bool:
    """Held-out scores ``a`` beat ``b``: a higher macro-F1, or the same with a
    lower cross-entropy (with a few dozen photos, F1 ties are common and the
    cross-entropy still tells the more confident right reading)."""
    if b is None:
        return True
    if abs(a["macro_f1"] - b["macro_f1"]) > 1e-9:
        return a["macro_f1"] > b["macro_f1"]
    return a["nll"] < b["nll"] - 1e-6


class Search:
    def __init__(self, model, taxonomy, base: TuneConfig, device, images, labels, views, folds,
                 clip, space: SearchSpace, progress=None, cancel: Optional[CancelToken] = None):
        self.model, self.taxonomy, self.base, self.device = model, taxonomy, base, device
        self.images, self.labels, self.views, self.folds = images, labels, views, folds
        self.clip, self.space = clip, space
        self.progress = progress or (lambda steps, message: None)  # steps: fold-epochs done
        self.cancel = cancel
        self.held = torch.tensor([i for _, held in folds for i in held])
        self.y_held = labels[self.held].tolist()

    def config(self, trial: Trial) -> TuneConfig:
        """The trial's settings on top of the base config."""
        changes = {"lr": trial.lr, "epochs": self.space.max_epochs, "stop_epoch": None}
        if trial.visual_scale is None:
            changes["n_visual"] = 0
        else:
            changes["visual_lr_scale"] = trial.visual_scale
        return dataclasses.replace(self.base, **changes)

    def logits(self, runs: list) -> torch.Tensor:
        """(held-out photos, C): each fold's run on its own held-out photos, pooled."""
        return torch.cat([run.logits(features=self.views[0][held], pixels=self.images[held])
                          for run, (_, held) in zip(runs, self.folds)])

    def scores(self, runs: list) -> dict:
        """Scores of the pooled held-out predictions of ``runs`` (one per fold)."""
        return scores_of(self.logits(runs), self.y_held, self.taxonomy.names)

    def run(self, trial: Trial, on_epoch=None) -> Trial:
        """Train ``trial`` on every fold with early stopping; fills it in and returns it.

        ``on_epoch(trial, seconds_per_epoch)`` after each epoch may return a
        reason to stop (the time budget); the trial then reads "skipped: ...".
        """
        started = time.perf_counter()
        cfg = self.config(trial)
        trial.runs = [TrainingRun(self.model, self.taxonomy, cfg, self.device, self.images[tr],
                                  self.labels[tr], clip=self.clip, views=self.views[:, tr])
                      for tr, _ in self.folds]
        since_best = 0
        for epoch in range(self.space.max_epochs):
            check(self.cancel)
            stop = self._epoch(trial, epoch)
            trial.epochs_run = epoch + 1
            trial.seconds = time.perf_counter() - started
            if stop:
                trial.status = stop
                break
            since_best = 0 if trial.epoch == epoch + 1 else since_best + 1
            reason = on_epoch(trial, trial.seconds / (epoch + 1)) if on_epoch else None
            if reason:
                trial.status = f"skipped: {reason}"
                break
            if since_best >= self.space.patience:
                break
        if not trial.ok:
            trial.runs, trial.snapshots = [], []
        return trial

    def _epoch(self, trial: Trial, epoch: int) -> Optional[str]:
        """One epoch of every fold; returns why the trial blew up, or None."""
        for run in trial.runs:
            run.epoch(lambda message: None, self.cancel)
            if run.blown_up:
                return f"blew up: {run.blown_up}"
        logits = self.logits(trial.runs)
        trial.curve.append(logits)
        scores = scores_of(logits, self.y_held, self.taxonomy.names)
        if trial.score is None or better(scores, trial.scores):
            trial.score, trial.accuracy, trial.epoch = scores["macro_f1"], scores["accuracy"], epoch + 1
            trial.scores = scores
            trial.snapshots = [run.trainable.tensors() for run in trial.runs]
        self.progress(len(trial.runs), f"{trial.label()}: epoch {epoch + 1}, held-out F1 "
                      f"{scores['macro_f1']:.2f} (best {trial.score:.2f})")
        return None
