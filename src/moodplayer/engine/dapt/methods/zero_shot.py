"""Zero-shot: the taxonomy's prompt ensemble, nothing trained (the baseline)."""

from __future__ import annotations

from ..baselines import zero_shot_head
from .registry import TuningMethod, register


class ZeroShot(TuningMethod):
    name = "zero-shot"
    trainable = False

    def untrained_head(self, model, taxonomy):
        return zero_shot_head(model, taxonomy)


register(ZeroShot())
