"""The whole library as numpy arrays: what scoring and queue building work on.

Built once from the database (items + profile parts) and kept until the
library's generation counter moves (a scan or a profile update), so a queue
over 100,000 items is a few matrix products, never a database round trip.
Weights are applied here, when parts become one profile per item: changing
a weight only rebuilds this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from sqlalchemy import select

from ..emotions.taxonomy import Taxonomy
from ..library.db import Database, Item, ProfilePart
from ..library.profiles import DEFAULT_WEIGHTS, SIGNALS, combine_parts, neutral_part

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
    part_probs: np.ndarray  # float32 [S, N, C], one slice per signal in SIGNALS
    part_va: np.ndarray  # float32 [S, N, 2]
    part_conf: np.ndarray  # float32 [S, N], 0 = the item has no such part
    part_detail: list  # S lists of N strings
    embedding: Optional[np.ndarray] = None  # float32 [N, D] (zeros where none)
    has_embedding: Optional[np.ndarray] = None  # bool [N]
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
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
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        w = np.array([self.weights[s] for s in SIGNALS], dtype=np.float32)
        self.probs, self.va, self.confidence = combine_parts(
            self.part_probs, self.part_va, self.part_conf, w)
        self.sqrt_probs = np.sqrt(self.probs)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_db(cls, db: Database, taxonomy: Taxonomy, weights: Optional[dict] = None,
                ) -> "LibraryArrays":
        with db.session() as s:
            rows = s.execute(select(Item.id, Item.path, Item.title, Item.artist, Item.album,
                                    Item.genre, Item.kind, Item.duration)
                             .where(Item.status == "ok").order_by(Item.id)).all()
            index = {r.id: i for i, r in enumerate(rows)}
            n, c, S = len(rows), len(taxonomy), len(SIGNALS)
            probs = np.zeros((S, n, c), np.float32)
            va = np.zeros((S, n, 2), np.float32)
            conf = np.zeros((S, n), np.float32)
            detail = [[""] * n for _ in SIGNALS]
            embedding, has_emb = None, np.zeros(n, bool)
            sig_index = {s: i for i, s in enumerate(SIGNALS)}
            parts = s.execute(select(ProfilePart.item_id, ProfilePart.signal, ProfilePart.probs,
                                     ProfilePart.valence, ProfilePart.arousal,
                                     ProfilePart.confidence, ProfilePart.detail,
                                     ProfilePart.embedding)
                              .where(ProfilePart.taxonomy == taxonomy.id))
            for item_id, signal, pb, v, a, cf, det, emb in parts:
                i = index.get(item_id)
                si = sig_index.get(signal)
                if i is None or si is None:
                    continue
                p = np.frombuffer(pb, dtype=np.float32)
                if p.shape[0] != c:
                    continue  # written for another taxonomy of the same id: ignore
                probs[si, i], va[si, i], conf[si, i], detail[si][i] = p, (v, a), cf, det or ""
                if emb is not None:
                    e = np.frombuffer(emb, dtype=np.float16)
                    if embedding is None:
                        embedding = np.zeros((n, e.shape[0]), np.float32)
                    if e.shape[0] == embedding.shape[1]:
                        embedding[i] = e
                        has_emb[i] = True
        # Items whose parts are not computed yet still take part, as neutral.
        none = conf.sum(0) == 0
        if none.any():
            neutral = neutral_part(taxonomy)
            k = sig_index["neutral"]
            probs[k, none], va[k, none], conf[k, none] = neutral.probs, (neutral.valence, neutral.arousal), neutral.confidence
            for i in np.flatnonzero(none):
                detail[k][i] = neutral.detail
        return cls(
            names=list(taxonomy.names), ids=np.array([r.id for r in rows], np.int64),
            paths=[r.path for r in rows], titles=[r.title or "" for r in rows],
            artists=[r.artist or "" for r in rows], albums=[r.album or "" for r in rows],
            genres=[r.genre or "" for r in rows],
            kind=np.array([KINDS.index(r.kind) if r.kind in KINDS else 0 for r in rows], np.uint8),
            duration=np.array([r.duration if r.duration else np.nan for r in rows], np.float32),
            part_probs=probs, part_va=va, part_conf=conf, part_detail=detail,
            embedding=embedding, has_embedding=has_emb if embedding is not None else None,
            weights=dict(weights or DEFAULT_WEIGHTS))

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
