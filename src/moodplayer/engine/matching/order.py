"""Play order: glide through the valence/arousal plane instead of jumping.

A queue chosen for one mood is ordered as a short path: start at the item
closest to the mood, then always go to the nearest unplayed item (greedy
nearest neighbour), then remove crossings with 2-opt. For a queue from
photo A to photo B the targets themselves move along the straight line
from A to B (``mood_path``) and each slot is filled for its own target.
"""

from __future__ import annotations

import numpy as np

TWO_OPT_MAX = 150  # O(K^2) Python steps per pass; longer queues keep the greedy path


def mood_path(a, b, steps: int) -> list:
    """``steps`` targets evenly spaced from a to b (both MoodTarget)."""
    if steps <= 1:
        return [a]
    return [a.mix(b, i / (steps - 1)) for i in range(steps)]


def _tour_length(points: np.ndarray, order: list) -> float:
    p = points[order]
    return float(np.sqrt(((p[1:] - p[:-1]) ** 2).sum(-1)).sum())


def smooth_order(points: np.ndarray, start) -> list:
    """Indices into points [K, 2], an open path starting near ``start`` (v, a)."""
    k = len(points)
    if k <= 2:
        return sorted(range(k), key=lambda i: float(((points[i] - start) ** 2).sum()))
    d = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    first = int(np.argmin(((points - np.asarray(start)) ** 2).sum(-1)))
    order, used = [first], np.zeros(k, bool)
    used[first] = True
    for _ in range(k - 1):
        row = np.where(used, np.inf, d[order[-1]])
        nxt = int(np.argmin(row))
        order.append(nxt)
        used[nxt] = True
    if k <= TWO_OPT_MAX:
        order = _two_opt(order, d)
    return order


def _two_opt(order: list, d: np.ndarray) -> list:
    """Reverse segments while that shortens the path; the first item stays first."""
    order = list(order)
    improved, passes = True, 0
    while improved and passes < 10:
        improved, passes = False, passes + 1
        for i in range(1, len(order) - 1):
            a, b = order[i - 1], order[i]
            for j in range(i + 1, len(order)):
                c = order[j]
                nxt = order[j + 1] if j + 1 < len(order) else None
                before = d[a, b] + (d[c, nxt] if nxt is not None else 0.0)
                after = d[a, c] + (d[b, nxt] if nxt is not None else 0.0)
                if after < before - 1e-9:
                    order[i:j + 1] = reversed(order[i:j + 1])
                    improved = True
                    a, b = order[i - 1], order[i]
    return order


def path_length(points: np.ndarray, order: list) -> float:
    """Total valence/arousal distance walked: what smoothing minimises."""
    return _tour_length(points, order)
