"""Many signals' parts -> one mood per item (vectorised over the whole library)."""

from __future__ import annotations

import numpy as np


def combine_parts(probs: np.ndarray, va: np.ndarray, conf: np.ndarray, weights: np.ndarray):
    """probs [S, N, C], va [S, N, 2], conf [S, N] (0 = absent), weights [S].

    Returns (probs [N, C], va [N, 2], confidence [N]). A signal counts by
    weight x confidence; the combined confidence is the chance that at least
    one signal is right, treating them as independent.
    """
    w = weights[:, None] * conf  # [S, N]
    total = w.sum(0)
    safe = np.where(total > 0, total, 1.0)
    p = np.einsum("sn,snc->nc", w, probs) / safe[:, None]
    p[total <= 0] = 1.0 / probs.shape[2]
    point = np.einsum("sn,snk->nk", w, va) / safe[:, None]
    c = 1.0 - np.prod(1.0 - np.clip(conf * np.minimum(weights[:, None], 1.0), 0, 0.99), axis=0)
    return p.astype(np.float32), point.astype(np.float32), c.astype(np.float32)
