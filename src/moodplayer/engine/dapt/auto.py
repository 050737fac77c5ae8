"""Tuning a user can trust: settings chosen on their own labels, never worse than zero-shot.

``auto_tune`` is what the Tune tab and ``moodplayer tune`` run:

1. folds of the user's labels (``folds.py``): k-fold when there are few,
   one held-out quarter when there are many;
2. the method's learning rates for the text context (or the probe), each
   with early stopping on the pooled held-out macro-F1 (``search.py``);
   cheap, the image features are computed once;
3. DAPT: at the best text rate, its visual prompts at a few rate multiples,
   while the time budget allows (they run the image tower every step); kept
   only if they beat the text context alone on the held-out photos;
4. the blend weight between zero-shot and the best trial (``blend.py``);
   weight 0 (tuning did not beat zero-shot clearly) ends here: no adapter;
5. one more run on all the labels with the chosen rate, stopped at the
   chosen epoch, blended with the chosen weight: the adapter.

A trial that blows up (``trainer.TrainingRun``) is dropped and reported.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Optional

import torch

from ..errors import MoodPlayerError
from ..tasks import CancelToken, ProgressFn, check, no_progress
from . import blend, methods, text_context, verdict
from .adapter import Adapter
from .augment import frozen_views
from .baselines import logit_scale
from .data import DataError, LabelledSet, load_pixels
from .folds import choose_folds
from .search import Search, SearchSpace, Trial, better, scores_of
from .trainer import (TrainingRun, TuneConfig, frozen_encoder, make_adapter, threads,
                      training_backbone)

VISUAL_MODES = ("auto", "on", "off")
# Seconds the search may spend in all (the visual prompts are left out when
# they would go past it): the Tune tab's promise on a 2-core CPU.
BUDGET_S = 180.0


@dataclass
class AutoResult:
    method: str
    adapter: Optional[Adapter]  # None: zero-shot stays
    weight: float  # of the tuned prompts in the blend; 0: zero-shot
    zero_shot: dict  # held-out scores of zero-shot
    chosen: dict  # held-out scores of what the adapter reads (zero_shot when none)
    tuned: Optional[dict] = None  # held-out scores of the best trial, unblended
    trials: list = field(default_factory=list)
    best: Optional[Trial] = None
    blends: list = field(default_factory=list)  # [(weight, scores)]
    folds: int = 0
    held_out: int = 0
    photos: int = 0
    reason: str = ""  # why zero-shot was kept, in words
    notes: list = field(default_factory=list)  # what else the user should know
    verdict: dict = field(default_factory=dict)  # verdict.judge on nested choices
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        if not self.weight:
            return "zero-shot"
        return "tuned" if self.weight >= 1.0 else "blended"

    def to_json(self) -> dict:
        keep = ("accuracy", "macro_f1")
        return {"method": self.method, "outcome": self.outcome, "weight": self.weight,
                "zero_shot": {k: self.zero_shot[k] for k in keep},
                "chosen": {k: self.chosen[k] for k in keep},
                "tuned": {k: self.tuned[k] for k in keep} if self.tuned else None,
                "best": self.best.to_json() if self.best else None,
                "trials": [t.to_json() for t in self.trials],
                "blends": [{"weight": w, **{k: s[k] for k in keep}} for w, s in self.blends],
                "folds": self.folds, "held_out": self.held_out, "photos": self.photos,
                "verdict": {k: self.verdict.get(k) for k in ("worth", "z", "gained", "lost",
                                                               "labels_seen", "learnt")},
                "reason": self.reason, "notes": self.notes, "seconds": round(self.seconds, 2)}


def default_space(method: str, visual: bool) -> SearchSpace:
    spec = methods.find(method)
    return SearchSpace(lrs=spec.lr_grid, visual_scales=spec.visual_scales if visual else ())


class _Clock:
    """Progress in fold-epochs over the whole search, and the time budget."""

    def __init__(self, total: int, progress: ProgressFn, budget_s: Optional[float]):
        self.total, self.done, self.progress = total, 0, progress
        self.budget_s, self.started = budget_s, time.perf_counter()

    def step(self, steps: int, message: str) -> None:
        self.done = min(self.total, self.done + steps)
        self.progress(self.done, self.total, message)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def over_budget(self, more_seconds: float) -> Optional[str]:
        if self.budget_s is None or self.elapsed() + more_seconds <= self.budget_s:
            return None
        return (f"they would take about {max(1, round((self.elapsed() + more_seconds) / 60))} "
                f"min in all on this device (budget {self.budget_s / 60:g} min)")


def auto_tune(model, taxonomy, data: LabelledSet, method: str = "dapt",
              base: Optional[TuneConfig] = None, device="cpu", visual: str = "auto",
              space: Optional[SearchSpace] = None, budget_s: Optional[float] = BUDGET_S,
              progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None,
              pixels=None) -> AutoResult:
    """Choose the rate, the epochs and the blend on ``data``, then tune on all of it.

    ``visual``: "auto" tries DAPT's visual prompts and keeps them if they
    help, "on" keeps only trials with them, "off" never tries them.
    Raises DataError when no photo can be held out, Cancelled on ``cancel``.
    """
    if visual not in VISUAL_MODES:
        raise MoodPlayerError(f"visual prompts: use {', '.join(VISUAL_MODES)}")
    base = dataclasses.replace(base or TuneConfig(), method=method).resolved()
    use_visual = visual != "off" and base.n_visual > 0
    space = space or default_space(method, use_visual)
    if not space.lrs:
        raise MoodPlayerError(f"the method '{method}' has no learning rates to try")
    images, labels = pixels if pixels is not None else \
        load_pixels(data, model.preprocess, model.image_size, progress, cancel)
    folds = choose_folds(labels.tolist(), base.seed)
    if not folds:
        raise DataError("choosing settings needs at least two labelled photos of one emotion "
                        "(one to train on, one to test on)")
    clip = training_backbone(model, device)
    gen = torch.Generator().manual_seed(base.seed)
    views = frozen_views(frozen_encoder(clip, device), images, gen, base.flip, base.crop, base.views,
                         batch=16, progress=progress, cancel=cancel)
    progress(0, 1, "reading the emotion prompts")  # zero-shot's classes, once, cancellable
    with threads(1):
        text_context.ensemble_features(clip, model.tokenizer, taxonomy, cancel)
    total = (len(space.lrs) + len(space.visual_scales if use_visual else ())) \
        * len(folds) * space.max_epochs + space.max_epochs
    clock = _Clock(total, progress, budget_s)
    search = Search(model, taxonomy, dataclasses.replace(base, n_visual=base.n_visual if use_visual else 0),
                    device, images, labels, views, folds, clip, space, clock.step, cancel)
    zero_logits = _zero_shot_logits(model, taxonomy, search)
    result = AutoResult(method, None, 0.0, scores_of(zero_logits, search.y_held, taxonomy.names),
                        {}, folds=len(folds), held_out=len(search.held), photos=len(labels))
    result.chosen = result.zero_shot
    result.trials = _run_trials(search, space, use_visual, clock, result.notes)
    _choose(result, search, zero_logits, visual == "on")
    if result.weight:
        _final(result, model, taxonomy, data, search, clock, cancel)
    result.seconds = clock.elapsed()
    return result


def _zero_shot_logits(model, taxonomy, search: Search) -> torch.Tensor:
    text = text_context.ensemble_features(search.clip, model.tokenizer, taxonomy)
    text = text.to(search.views.device)
    return (logit_scale(model.model) * search.views[0][search.held] @ text.T).float().cpu()


def _run_trials(search: Search, space: SearchSpace, use_visual: bool, clock: _Clock,
                notes: list) -> list:
    """Text rates first (cheap), then visual prompts at the best text rate."""
    k = len(search.folds)
    trials = []
    for lr in space.lrs:
        with threads(1):  # text-tower steps only: small, see trainer.threads
            trials.append(search.run(Trial(lr)))
        clock.step((space.max_epochs - trials[-1].epochs_run) * k, f"tried {trials[-1].label()}")
    text_ok = [t for t in trials if t.ok]
    if not use_visual or not text_ok:
        return trials
    lr = max(text_ok, key=lambda t: t.score).lr
    scales = list(space.visual_scales)
    per_epoch = _visual_epoch_seconds(search, lr)
    too_long = clock.over_budget(per_epoch * space.max_epochs * (len(scales) + 1 / max(1, k - 1)))
    if too_long:
        notes.append(f"Visual prompts were not tried: {too_long}. The text context alone was "
                     f"tuned; a GPU runs them in seconds.")
        return trials
    for i, scale in enumerate(scales):
        def budget(trial, per_epoch, left=len(scales) - i - 1):
            more = per_epoch * ((space.max_epochs - trial.epochs_run) + left * space.max_epochs
                                + space.max_epochs / max(1, k - 1))
            return clock.over_budget(more)

        trials.append(search.run(Trial(lr, scale), on_epoch=budget))
        clock.step((space.max_epochs - trials[-1].epochs_run) * k, f"tried {trials[-1].label()}")
        if trials[-1].status.startswith("skipped"):
            notes.append(f"Visual prompts were not tried to the end: {trials[-1].status[9:]}.")
            break
    return trials


def _visual_epoch_seconds(search: Search, lr: float) -> float:
    """One epoch of every fold with visual prompts, from one timed step on a few photos:
    they run the image tower forward and back for every photo, every epoch."""
    train, held = search.folds[0]
    cfg = dataclasses.replace(search.config(Trial(lr, 1.0)), batch_size=4)
    run = TrainingRun(search.model, search.taxonomy, cfg, search.device, search.images[train[:4]],
                      search.labels[train[:4]], clip=search.clip, views=search.views[:, train[:4]])
    started = time.perf_counter()
    run.epoch(None, search.cancel)
    per_photo = (time.perf_counter() - started) / min(4, len(train))
    trained = sum(len(tr) for tr, _ in search.folds)
    return per_photo * (trained + len(search.held) / 3)  # held-out photos: forward only


def _choose(result: AutoResult, search: Search, zero_logits, visual_only: bool) -> None:
    """The best trial (ties: the earlier, simpler one), the verdict, the blend weight."""
    candidates = [t for t in result.trials if t.ok and (t.visual_scale is not None or not visual_only)]
    if not candidates:
        blown = [t for t in result.trials if t.status.startswith("blew up")]
        result.reason = ("every learning rate tried blew up" if blown and len(blown) == len(result.trials)
                         else "no setting could be tried to the end")
        return
    best = candidates[0]
    for trial in candidates[1:]:
        if better(trial.scores, best.scores):
            best = trial
    result.best = best
    groups = verdict.groups_of(search.folds, search.y_held, search.base.seed)
    nested = verdict.nested_logits(candidates, groups, search.y_held, search.taxonomy.names)
    result.verdict = verdict.judge(zero_logits, nested, search.y_held, search.taxonomy.names)
    if result.verdict["worth"]:
        def score(weight):
            for run, snapshot in zip(best.runs, best.snapshots):
                run.trainable.load_tensors(blend.interpolate(run.start, snapshot, weight))
            return search.scores(best.runs)

        result.weight, result.chosen, result.blends = blend.choose_weight(score, result.zero_shot)
        result.tuned = dict(result.blends)[1.0]
    for trial in result.trials:
        trial.runs, trial.snapshots, trial.curve = [], [], []
    if not result.weight:
        result.chosen = result.zero_shot
        result.tuned = result.tuned or best.scores
        result.reason = _not_worth(result.verdict)


def _not_worth(judged: dict) -> str:
    tuned, zs = judged["tuned"], judged["zero_shot"]
    if tuned is None:
        return "there were too few held-out photos to judge the tuned reading"
    if judged["z"] >= verdict.Z_MIN and not judged["labels_seen"] and not judged.get("learnt"):
        return (f"the labels agree with what the model sees no more than chance would "
                f"(zero-shot {zs['accuracy'] * 100:.0f}% right, tuned "
                f"{tuned['accuracy'] * 100:.0f}%): tuning on them would teach it noise. "
                f"Are some labels mistaken?")
    return (f"on held-out photos the choice of settings had not seen, tuning read "
            f"{tuned['accuracy'] * 100:.0f}% right against zero-shot's {zs['accuracy'] * 100:.0f}% "
            f"({judged['gained']} photos gained, {judged['lost']} lost): not clearly better")


def _final(result: AutoResult, model, taxonomy, data, search: Search, clock: _Clock,
           cancel: Optional[CancelToken]) -> None:
    """Train on every label with the chosen settings; the blended adapter."""
    best = result.best
    cfg = dataclasses.replace(search.config(best), stop_epoch=best.epoch)
    run = TrainingRun(model, taxonomy, cfg, search.device, search.images, search.labels,
                      clip=search.clip, views=search.views)
    with threads(1 if run.trainable.frozen_images else torch.get_num_threads()):
        _final_epochs(result, run, best, clock, cancel)
    if result.weight:
        tensors = blend.interpolate(run.start, run.trainable.tensors(), result.weight)
        result.adapter = make_adapter(model, taxonomy, data, run, tensors,
                                      extra={"auto": result.to_json()})


def _final_epochs(result: AutoResult, run: TrainingRun, best: Trial, clock: _Clock,
                  cancel: Optional[CancelToken]) -> None:
    for epoch in range(best.epoch):
        check(cancel)
        run.epoch(None, cancel)
        clock.step(1, f"training on all {len(run.labels)} photos: epoch {epoch + 1}/{best.epoch}")
        if run.blown_up:
            result.weight, result.chosen = 0.0, result.zero_shot
            result.reason = f"the last run, on all the photos, blew up: {run.blown_up}"
            return
