"""A part: what one signal says about one item's mood, and how parts combine.

Each part is an emotion distribution, a valence/arousal point, a confidence
and a short 'detail' for the reasons shown to users. Parts are stored one
row per (item, signal) and combined with weights only when the item matrix
is built (``combine_parts``), so changing a weight never needs a rescan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from ...emotions.taxonomy import Taxonomy
from ...matching.combine import combine_parts  # noqa: F401 - part of this module's API

VA_SIGMA = 0.45  # width of the kernel that turns a valence/arousal point into a distribution


@dataclass
class Part:
    signal: str
    probs: np.ndarray  # float32 [C]
    valence: float
    arousal: float
    confidence: float
    detail: str = ""
    embedding: Optional[np.ndarray] = None
    backbone: Optional[str] = None


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


def make_part(signal: str, probs, taxonomy: Taxonomy, confidence: float, detail: str = "",
              valence=None, arousal=None, **extra) -> Part:
    p = np.asarray(probs, dtype=np.float32)
    p = p / p.sum() if p.sum() > 0 else np.full(len(taxonomy), 1.0 / len(taxonomy), np.float32)
    v, a = (p @ va_matrix(taxonomy)).tolist()
    return Part(signal, p, float(v if valence is None else valence),
                float(a if arousal is None else arousal), float(confidence), detail, **extra)
