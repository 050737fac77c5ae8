"""Is the tuned reading worth using? Judged on photos the choice never saw.

The search picks the best of many (rate x epoch) held-out scores, and the
best of many noisy scores is flattering: with labels shuffled at random, the
best of ~150 scores on 64 held-out photos came out at macro-F1 0.2 against
zero-shot's 0.1, and a guard that compared those two switched in adapters
that read correctly labelled photos at 0.09 where zero-shot read 0.56.

So the verdict uses nested choices: the held-out photos are split into
groups (the folds, or two halves of a single held-out part); each group's
predictions come from the setting that scored best on the *other* groups.
Those predictions are an honest sample of "what the search would pick",
and they are compared with zero-shot's on the same photos by McNemar's test
(photos only one of the two reads right): the tuned reading must be right
on clearly more of them (z >= Z_MIN) and lose no macro-F1.
"""

from __future__ import annotations

import math
import random
from typing import Optional, Sequence

import torch

from .search import better, scores_of

Z_MIN = 1.64  # one-sided 5%


def groups_of(folds: list, y_held: Sequence[int], seed: int = 1) -> list:
    """Positions (in the pooled held-out order) of each group."""
    if len(folds) > 1:
        out, start = [], 0
        for _, held in folds:
            out.append(list(range(start, start + len(held))))
            start += len(held)
        return out
    by_class: dict = {}
    for pos, label in enumerate(y_held):
        by_class.setdefault(label, []).append(pos)
    halves, turn = ([], []), 0
    rng = random.Random(seed)
    for label in sorted(by_class):
        positions = by_class[label][:]
        rng.shuffle(positions)
        for j, pos in enumerate(positions):
            halves[(turn + j) % 2].append(pos)
        turn += len(positions)
    return [sorted(h) for h in halves if h]


def nested_logits(trials: list, groups: list, y_held: Sequence[int],
                  class_names) -> Optional[torch.Tensor]:
    """(held-out photos, C): each group read by the (trial, epoch) best on the other groups."""
    curves = [logits for trial in trials if trial.ok for logits in trial.curve]
    if not curves or len(groups) < 2:
        return None
    y = torch.tensor(list(y_held))
    out = torch.empty_like(curves[0])
    for group in groups:
        rest = torch.tensor(sorted(set(range(len(y))) - set(group)))
        best, best_scores = None, None
        for logits in curves:
            scores = scores_of(logits[rest], y[rest].tolist(), class_names)
            if better(scores, best_scores):
                best, best_scores = logits, scores
        out[group] = best[group]
    return out


def chance(predicted: torch.Tensor, y: torch.Tensor) -> float:
    """The share a reading gets right by chance: predictions and labels independent,
    each with its own class frequencies."""
    n_classes = int(max(predicted.max(), y.max())) + 1
    p = torch.bincount(predicted, minlength=n_classes).float() / len(y)
    q = torch.bincount(y, minlength=n_classes).float() / len(y)
    return float((p * q).sum())


def above_chance(predicted: torch.Tensor, y: torch.Tensor) -> float:
    """z of the number right against chance (binomial)."""
    p0 = chance(predicted, y)
    right = float((predicted == y).sum())
    spread = math.sqrt(len(y) * p0 * (1 - p0)) or 1.0
    return (right - len(y) * p0) / spread


def judge(zero_shot: torch.Tensor, tuned: Optional[torch.Tensor], y_held: Sequence[int],
          class_names) -> dict:
    """{"worth": bool, "z", "gained", "lost", "labels_seen", "tuned": scores, "zero_shot": scores}.

    Worth it when the tuned reading is right on clearly more photos than
    zero-shot (McNemar, z >= Z_MIN), loses no macro-F1, and the labels are
    about something the photos show: zero-shot agrees with them above chance,
    or the tuned reading gets at least halfway from chance to all right. Labels
    shuffled at random fail the last test: a tuned reading can still beat
    zero-shot on them by learning which wrong label each emotion's photos
    happened to get most often (0.27 right of 8 emotions, where zero-shot
    gets 0.125), and then reads correctly labelled photos worse.
    """
    y = torch.tensor(list(y_held))
    zs_scores = scores_of(zero_shot, y.tolist(), class_names)
    labels_seen = above_chance(zero_shot.argmax(-1), y) >= Z_MIN
    out = {"worth": False, "z": 0.0, "gained": 0, "lost": 0, "labels_seen": labels_seen,
           "tuned": None, "zero_shot": zs_scores}
    if tuned is None:
        return out
    zs_right, tuned_right = zero_shot.argmax(-1) == y, tuned.argmax(-1) == y
    gained = int((tuned_right & ~zs_right).sum())
    lost = int((zs_right & ~tuned_right).sum())
    z = (gained - lost) / math.sqrt(gained + lost) if gained + lost else 0.0
    tuned_scores = scores_of(tuned, y.tolist(), class_names)
    p0 = chance(tuned.argmax(-1), y)
    learnt = tuned_scores["accuracy"] >= p0 + (1 - p0) / 2
    out.update(z=z, gained=gained, lost=lost, tuned=tuned_scores, learnt=learnt,
               worth=bool(z >= Z_MIN and tuned_scores["macro_f1"] >= zs_scores["macro_f1"]
                          and (labels_seen or learnt)))
    return out
