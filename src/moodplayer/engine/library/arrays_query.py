"""Read the whole library into ``LibraryArrays`` (items + every stored profile part).

The matcher works on numpy arrays only; this is the one place that fills
them from the database, so ``engine.matching`` never touches SQL.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from sqlalchemy import select

from ..emotions.taxonomy import Taxonomy
from ..matching.arrays import KINDS, LibraryArrays
from .db import Database, Item, ProfilePart
from .profiles import DEFAULT_WEIGHTS, SIGNALS, neutral_part


class _Parts:
    """The [signal, item] slices being filled."""

    def __init__(self, n: int, c: int):
        s = len(SIGNALS)
        self.probs = np.zeros((s, n, c), np.float32)
        self.va = np.zeros((s, n, 2), np.float32)
        self.conf = np.zeros((s, n), np.float32)
        self.detail = [[""] * n for _ in SIGNALS]
        self.embedding: Optional[np.ndarray] = None
        self.has_emb = np.zeros(n, bool)

    def put_embedding(self, i: int, blob: bytes) -> None:
        e = np.frombuffer(blob, dtype=np.float16)
        if self.embedding is None:
            self.embedding = np.zeros((len(self.has_emb), e.shape[0]), np.float32)
        if e.shape[0] == self.embedding.shape[1]:
            self.embedding[i] = e
            self.has_emb[i] = True

    def fill_neutral(self, taxonomy: Taxonomy) -> None:
        """Items whose parts are not computed yet still take part, as neutral."""
        none = self.conf.sum(0) == 0
        if not none.any():
            return
        neutral = neutral_part(taxonomy)
        k = SIGNALS.index("neutral")
        self.probs[k, none] = neutral.probs
        self.va[k, none] = (neutral.valence, neutral.arousal)
        self.conf[k, none] = neutral.confidence
        for i in np.flatnonzero(none):
            self.detail[k][i] = neutral.detail


def _read_parts(s, index: dict, taxonomy: Taxonomy, parts: _Parts) -> None:
    sig_index = {name: i for i, name in enumerate(SIGNALS)}
    c = len(taxonomy)
    rows = s.execute(select(ProfilePart.item_id, ProfilePart.signal, ProfilePart.probs,
                            ProfilePart.valence, ProfilePart.arousal, ProfilePart.confidence,
                            ProfilePart.detail, ProfilePart.embedding)
                     .where(ProfilePart.taxonomy == taxonomy.id))
    for item_id, signal, pb, v, a, cf, det, emb in rows:
        i, si = index.get(item_id), sig_index.get(signal)
        if i is None or si is None:
            continue
        p = np.frombuffer(pb, dtype=np.float32)
        if p.shape[0] != c:
            continue  # written for another taxonomy of the same id: ignore
        parts.probs[si, i], parts.va[si, i] = p, (v, a)
        parts.conf[si, i], parts.detail[si][i] = cf, det or ""
        if emb is not None:
            parts.put_embedding(i, emb)


def load_arrays(db: Database, taxonomy: Taxonomy, weights: Optional[dict] = None) -> LibraryArrays:
    with db.session() as s:
        rows = s.execute(select(Item.id, Item.path, Item.title, Item.artist, Item.album,
                                Item.genre, Item.kind, Item.duration)
                         .where(Item.status == "ok").order_by(Item.id)).all()
        parts = _Parts(len(rows), len(taxonomy))
        _read_parts(s, {r.id: i for i, r in enumerate(rows)}, taxonomy, parts)
    parts.fill_neutral(taxonomy)
    return LibraryArrays(
        names=list(taxonomy.names), ids=np.array([r.id for r in rows], np.int64),
        paths=[r.path for r in rows], titles=[r.title or "" for r in rows],
        artists=[r.artist or "" for r in rows], albums=[r.album or "" for r in rows],
        genres=[r.genre or "" for r in rows],
        kind=np.array([KINDS.index(r.kind) if r.kind in KINDS else 0 for r in rows], np.uint8),
        duration=np.array([r.duration if r.duration else np.nan for r in rows], np.float32),
        part_probs=parts.probs, part_va=parts.va, part_conf=parts.conf,
        part_detail=parts.detail, embedding=parts.embedding,
        has_embedding=parts.has_emb if parts.embedding is not None else None,
        signals=tuple(SIGNALS), default_weights=dict(DEFAULT_WEIGHTS), weights=dict(weights or {}))
