"""art: cover art or video keyframes through the CLIP emotion extractor."""

from __future__ import annotations

import logging

import numpy as np
from sqlalchemy import select

from ..artwork import decode_jpeg
from ..db import Artwork, ItemImage
from .parts import make_part
from .registry import Signal, register

log = logging.getLogger(__name__)


class Art(Signal):
    name = "art"
    weight = 1.0
    needs_model = True

    def load(self, session, item_ids):
        """{item_id: [(source, jpeg)]}: the stored thumbnails, in their order."""
        rows = session.execute(select(ItemImage.item_id, ItemImage.source, Artwork.jpeg)
                               .join(Artwork, Artwork.id == ItemImage.artwork_id)
                               .where(ItemImage.item_id.in_(item_ids))
                               .order_by(ItemImage.item_id, ItemImage.position))
        out = {}
        for item_id, source, jpeg in rows:
            out.setdefault(item_id, []).append((source, jpeg))
        return out

    def compute(self, items, loaded, ctx):
        flat, owners = [], []
        for item_id, imgs in loaded.items():
            for source, jpeg in imgs:
                try:
                    flat.append(decode_jpeg(jpeg))
                    owners.append((item_id, source))
                except Exception:  # a damaged stored thumbnail loses that signal only
                    log.info("stored artwork of item %s is unreadable", item_id)
        if not flat:
            return {}
        bs = max(1, getattr(ctx.extractor.encoder, "batch_size", 16))
        results = []
        for i in range(0, len(flat), bs):
            results.extend(ctx.extractor.analyze_images(flat[i:i + bs]))
        per_item: dict = {}
        for (item_id, source), r in zip(owners, results):
            per_item.setdefault(item_id, []).append((source, r))
        return {item_id: self._part(rs, ctx) for item_id, rs in per_item.items()}

    def _part(self, rs: list, ctx):
        """One item's part from its images' readings [(source, EmotionResult)]."""
        probs = np.mean([r.probs() for _, r in rs], axis=0)
        emb = None
        embs = [r.embedding for _, r in rs if r.embedding is not None]
        if embs:
            e = np.mean(embs, axis=0)
            emb = e / (np.linalg.norm(e) or 1.0)
        sources = {s for s, _ in rs}
        detail = ("embedded cover" if "embedded" in sources else
                  "folder cover" if "folder" in sources else f"{len(rs)} video keyframes")
        conf = float(np.mean([r.confidence for _, r in rs]))
        return make_part(self.name, probs, ctx.taxonomy, conf, detail, embedding=emb,
                         backbone=ctx.model_id)


register(Art())
