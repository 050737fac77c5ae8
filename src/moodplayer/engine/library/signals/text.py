"""text: title, artist and album through CLIP's text encoder."""

from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .parts import make_part
from .registry import Signal, register

TEXT_CONFIDENCE_SCALE = 0.5  # CLIP reads pictures far better than song titles


def text_prompt(item) -> Optional[str]:
    bits = []
    if item.title:
        bits.append(f"a song called {item.title}" if item.kind == "music" else f"a video called {item.title}")
    if item.artist:
        bits.append(f"by {item.artist}")
    if item.album and item.album != item.title:
        bits.append(f"from {item.album}")
    return " ".join(bits)[:300] or None


class Text(Signal):
    name = "text"
    weight = 0.35
    needs_model = True

    def compute(self, items, loaded, ctx):
        ids, prompts = [], []
        for item_id, it in items.items():
            text = text_prompt(it)
            if text:
                ids.append(item_id)
                prompts.append(text)
        if not prompts:
            return {}
        import torch

        feats = ctx.extractor.model.encode_text(prompts).cpu()
        probs = torch.softmax(ctx.extractor.head.logits(feats), dim=-1).numpy()
        n = probs.shape[1]
        out = {}
        for item_id, p in zip(ids, probs):
            nz = p[p > 0]
            conf = 1.0 - float(-(nz * np.log(nz)).sum()) / math.log(n)
            out[item_id] = make_part(self.name, p, ctx.taxonomy,
                                     max(0.0, conf) * TEXT_CONFIDENCE_SCALE,
                                     "title/artist words", backbone=ctx.model_id)
        return out


register(Text())
