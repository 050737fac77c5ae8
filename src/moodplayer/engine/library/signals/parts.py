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

from ...emotions.circumplex import VA_SIGMA, va_matrix, va_to_probs  # noqa: F401 - part of this API
from ...emotions.taxonomy import Taxonomy
from ...matching.combine import combine_parts  # noqa: F401 - part of this module's API



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


def make_part(signal: str, probs, taxonomy: Taxonomy, confidence: float, detail: str = "",
              valence=None, arousal=None, **extra) -> Part:
    p = np.asarray(probs, dtype=np.float32)
    p = p / p.sum() if p.sum() > 0 else np.full(len(taxonomy), 1.0 / len(taxonomy), np.float32)
    v, a = (p @ va_matrix(taxonomy)).tolist()
    return Part(signal, p, float(v if valence is None else valence),
                float(a if arousal is None else arousal), float(confidence), detail, **extra)
