"""What the extractor says about one photo, and one mood for a batch of them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ..fsnames import UNREADABLE_FOLDER, json_path, text_safe
from .taxonomy import Taxonomy

TOP_K = 3


@dataclass
class EmotionResult:
    """An emotion distribution with its valence/arousal point and confidence."""

    emotions: dict  # name -> probability, in taxonomy order, sums to 1
    valence: float
    arousal: float
    confidence: float  # 1 - normalised entropy: 0 = no idea, 1 = certain
    top: list = field(default_factory=list)
    embedding: Optional[np.ndarray] = None  # L2-normalised image feature, if kept

    @classmethod
    def from_probs(cls, probs: Sequence[float], taxonomy: Taxonomy,
                   embedding: Optional[np.ndarray] = None) -> "EmotionResult":
        p = np.asarray(probs, dtype=np.float64)
        p = np.clip(p, 0.0, None)
        p = p / p.sum() if p.sum() > 0 else np.full(len(p), 1.0 / len(p))
        va = np.array([[e.valence, e.arousal] for e in taxonomy.emotions])
        valence, arousal = (p @ va).tolist()
        nz = p[p > 0]
        entropy = float(-(nz * np.log(nz)).sum())
        confidence = 1.0 - entropy / math.log(len(p))
        order = np.argsort(-p, kind="stable")[:TOP_K]
        return cls(
            emotions={e.name: float(x) for e, x in zip(taxonomy.emotions, p)},
            valence=float(valence),
            arousal=float(arousal),
            confidence=float(max(0.0, min(1.0, confidence))),
            top=[taxonomy.emotions[i].name for i in order],
            embedding=embedding,
        )

    def probs(self) -> np.ndarray:
        return np.array(list(self.emotions.values()), dtype=np.float64)

    def to_json(self) -> dict:
        return {
            "emotions": {k: round(v, 6) for k, v in self.emotions.items()},
            "valence": round(self.valence, 6),
            "arousal": round(self.arousal, 6),
            "confidence": round(self.confidence, 6),
            "top": list(self.top),
        }


def combine(results: Sequence[EmotionResult], taxonomy: Taxonomy) -> Optional[EmotionResult]:
    """One mood for a batch: the confidence-weighted mean of the distributions.

    A photo the model is sure about counts more than an ambiguous one, but every
    photo counts a little (the floor), so one confident outlier cannot erase the
    rest. Valence/arousal follow from the mixed distribution, which equals the
    same weighted mean of each photo's point because both are linear.
    """
    results = [r for r in results if r is not None]
    if not results:
        return None
    weights = np.array([0.25 + r.confidence for r in results])
    probs = np.stack([r.probs() for r in results])
    mixed = (weights[:, None] * probs).sum(0) / weights.sum()
    embedding = None
    embs = [r.embedding for r in results if r.embedding is not None]
    if len(embs) == len(results):
        e = (weights[:, None] * np.stack(embs)).sum(0)
        embedding = e / (np.linalg.norm(e) or 1.0)
    return EmotionResult.from_probs(mixed, taxonomy, embedding=embedding)


@dataclass
class PhotoResult:
    """One photo's reading, or why it could not be read."""

    path: str
    result: Optional[EmotionResult] = None
    error: Optional[str] = None

    def to_json(self) -> dict:
        """Valid UTF-8 whatever the name: see ``engine.fsnames.json_path``."""
        if self.result is None:
            return {**json_path(self.path), "error": text_safe(self.error or "")}
        return {**json_path(self.path), **self.result.to_json()}


@dataclass
class Analysis:
    """Every photo of a batch, in input order, and their combined mood (None if none was read)."""

    photos: list  # PhotoResult, input order
    combined: Optional[EmotionResult]

    @property
    def ok(self) -> list:
        return [p for p in self.photos if p.result is not None]

    def to_json(self) -> dict:
        return {
            "photos": [p.to_json() for p in self.photos],
            "combined": self.combined.to_json() if self.combined else None,
            "unreadable_folders": [
                {**json_path(p.path), "reason": p.error[len(UNREADABLE_FOLDER) + 2:]}
                for p in self.photos if p.error and p.error.startswith(UNREADABLE_FOLDER)],
        }
