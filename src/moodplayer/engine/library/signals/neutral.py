"""neutral: only when nothing else is known; uniform, very low confidence."""

from __future__ import annotations

import numpy as np

from ...emotions.taxonomy import Taxonomy
from .parts import Part, make_part
from .registry import Signal, register

NEUTRAL_CONFIDENCE = 0.05


def neutral_part(taxonomy: Taxonomy) -> Part:
    return make_part("neutral", np.ones(len(taxonomy)), taxonomy, NEUTRAL_CONFIDENCE,
                     "no usable signal yet")


class Neutral(Signal):
    name = "neutral"
    weight = 1.0
    fallback = True

    def compute(self, items, loaded, ctx):
        return {item_id: neutral_part(ctx.taxonomy) for item_id in items}


register(Neutral())
