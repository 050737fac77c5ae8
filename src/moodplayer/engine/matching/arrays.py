"""The whole library as numpy arrays: what scoring and queue building work on.

Filled from the database by ``engine.library.arrays_query`` (items + profile parts) and kept until the
library's generation counter moves (a scan or a profile update), so a queue
over 100,000 items is a few matrix products, never a database round trip.
Weights are applied here, when parts become one profile per item: changing
a weight only rebuilds this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from .combine import combine_parts

KINDS = ("music", "video")


def _codes(values: list) -> np.ndarray:
    """Integer code per distinct value, case-insensitively; -1 for unknown."""
    table: dict = {}
    out = np.full(len(values), -1, dtype=np.int32)
    for i, v in enumerate(values):
        if v:
            out[i] = table.setdefault(v.strip().lower(), len(table))
    return out


@dataclass
class LibraryArrays:
    names: list  # emotion names, the column order of every [.., C] array
    ids: np.ndarray  # int64 [N] item ids
    paths: list
    titles: list
    artists: list
    albums: list
    genres: list  # raw genre strings ('' when unknown)
    kind: np.ndarray  # uint8 [N]: 0 music, 1 video
    duration: np.ndarray  # float32 [N], nan when unknown
    part_probs: np.ndarray  # float32 [S, N, C], one slice per signal in ``signals``
    part_va: np.ndarray  # float32 [S, N, 2]
    part_conf: np.ndarray  # float32 [S, N], 0 = the item has no such part
    part_detail: list  # S lists of N strings
    embedding: Optional[np.ndarray] = None  # float32 [N, D] (zeros where none)
    has_embedding: Optional[np.ndarray] = None  # bool [N]
    signals: tuple = ()  # signal names, the order of every [S, ..] array
    default_weights: dict = field(default_factory=dict)  # signal -> weight (missing: 1.0)
    weights: dict = field(default_factory=dict)  # overrides of the defaults
    # derived in __post_init__
    probs: np.ndarray = None
    va: np.ndarray = None
    confidence: np.ndarray = None
    sqrt_probs: np.ndarray = None
    artist_code: np.ndarray = None
    album_code: np.ndarray = None
    sqrt_part_probs: np.ndarray = None

    def __post_init__(self) -> None:
        self.reweight(self.weights)
        self.sqrt_part_probs = np.sqrt(self.part_probs)
        self.artist_code = _codes(self.artists)
        # Albums are per artist: two "Greatest Hits" are not one album.
        self.album_code = _codes([f"{ar or ''}\x00{al}" if al else None
                                  for ar, al in zip(self.artists, self.albums)])

    def reweight(self, weights: dict) -> None:
        base = {s: 1.0 for s in self.signals}
        self.weights = {**base, **self.default_weights, **(weights or {})}
        w = np.array([self.weights[s] for s in self.signals], dtype=np.float32)
        self.probs, self.va, self.confidence = combine_parts(
            self.part_probs, self.part_va, self.part_conf, w)
        self.sqrt_probs = np.sqrt(self.probs)

    def __len__(self) -> int:
        return len(self.ids)

    def genre_mask(self, include=(), exclude=()) -> np.ndarray:
        """Case-insensitive substring filters, tested once per distinct genre string."""
        mask = np.ones(len(self), bool)
        if not include and not exclude:
            return mask
        inc = [g.lower() for g in include if g]
        exc = [g.lower() for g in exclude if g]
        verdict = {}
        for g in set(self.genres):
            low = g.lower()
            ok = (not inc or any(x in low for x in inc)) and not any(x in low for x in exc)
            verdict[g] = ok
        return np.fromiter((verdict[g] for g in self.genres), bool, len(self))
