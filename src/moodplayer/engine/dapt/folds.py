"""Stratified folds of a few labelled photos, for choosing settings on photos
a run never trained on.

Each emotion's photos are shuffled (seeded) and dealt round the folds, so
every fold holds out about the same share of every emotion. An emotion with
a single photo is never held out: it could then not be learnt at all.
"""

from __future__ import annotations

import random
from typing import Sequence

# From this many photos on, one held-out quarter is enough to choose on and
# the search runs once; below it, every photo is held out once (k folds),
# which costs k runs per setting but scores on all the photos.
SINGLE_SPLIT_FROM = 120
FOLDS = 3


def stratified_folds(labels: Sequence[int], k: int, seed: int = 1) -> list:
    """[(train indices, held-out indices)] for ``k`` folds; folds that hold
    nothing out are left out."""
    rng = random.Random(seed)
    by_class: dict = {}
    for i, label in enumerate(labels):
        by_class.setdefault(int(label), []).append(i)
    held = [[] for _ in range(k)]
    turn = 0  # where the next emotion starts dealing, so fold sizes stay even
    for label in sorted(by_class):
        idx = by_class[label][:]
        if len(idx) < 2:
            continue
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            held[(turn + j) % k].append(i)
        turn = (turn + len(idx)) % k
    everything = range(len(labels))
    out = []
    for fold in held:
        if fold:
            keep = set(fold)
            out.append(([i for i in everything if i not in keep], sorted(fold)))
    return out


def choose_folds(labels: Sequence[int], seed: int = 1) -> list:
    """k-fold for few photos, one held-out quarter for many (see SINGLE_SPLIT_FROM)."""
    if len(labels) >= SINGLE_SPLIT_FROM:
        return stratified_folds(labels, 4, seed)[:1]
    return stratified_folds(labels, FOLDS, seed)
