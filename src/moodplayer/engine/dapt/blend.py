"""Never worse than zero-shot: blend the tuned prompts with their start.

Tuning starts exactly at zero-shot (``prompts.py``), so the straight line
from the start to the tuned prompts runs from "zero-shot" (weight 0) to
"tuned" (weight 1). Moving along it in weight space (as WiSE-FT does for
fine-tuned CLIP) costs nothing when photos are read: the blended adapter is
an adapter like any other. The weight is chosen on held-out photos; weight 0
means the adapter is not worth using and zero-shot is kept.
"""

from __future__ import annotations

from typing import Callable

from .search import better

WEIGHTS = (0.25, 0.5, 0.75, 1.0)


def interpolate(start: dict, end: dict, weight: float) -> dict:
    """start + weight * (end - start), tensor by tensor."""
    return {k: start[k] + weight * (end[k] - start[k]) for k in end}


def choose_weight(score: Callable[[float], dict], zero_shot: dict, weights=WEIGHTS) -> tuple:
    """(weight, its scores, [(weight, scores)] for each tried) on held-out photos.

    ``score(w)`` returns the held-out scores of the blend with weight ``w``.
    The best macro-F1 wins (ties: the lower cross-entropy, see search.better);
    a blend that reads fewer photos right than zero-shot never does (weight 0).
    Whether tuning is worth using at all is ``verdict.judge``'s call, made first.
    """
    tried = [(w, score(w)) for w in weights]
    best_w, best = 0.0, zero_shot
    for w, scores in tried:
        if better(scores, best) and scores["accuracy"] >= zero_shot["accuracy"]:
            best_w, best = w, scores
    return best_w, best, tried
