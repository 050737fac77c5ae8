"""Points on the valence/arousal circumplex as emotion distributions.

One kernel for every signal that knows a point rather than emotions (tags,
genres from another taxonomy, the sound of a track), so their parts are
comparable when the library combines them.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from .taxonomy import Taxonomy

VA_SIGMA = 0.45  # width of the kernel that turns a valence/arousal point into a distribution


def va_matrix(taxonomy: Taxonomy) -> np.ndarray:
    return np.array([[e.valence, e.arousal] for e in taxonomy.emotions], dtype=np.float32)


def va_to_probs(valence: Optional[float], arousal: Optional[float], taxonomy: Taxonomy) -> np.ndarray:
    """Emotions near a (possibly half-known) valence/arousal point get the mass."""
    va = va_matrix(taxonomy)
    d2 = np.zeros(len(va), dtype=np.float32)
    if valence is not None:
        d2 += (va[:, 0] - valence) ** 2
    if arousal is not None:
        d2 += (va[:, 1] - arousal) ** 2
    p = np.exp(-d2 / (2 * VA_SIGMA ** 2))
    return (p / p.sum()).astype(np.float32)
