"""The linear probe: a classifier on frozen image features, no prompts."""

from __future__ import annotations

from ..baselines import LinearHead, LinearProbe
from ..errors import AdapterError
from .registry import Trainable, TuningMethod, register


class LinearTrainable(Trainable):
    frozen_images = True

    def __init__(self, probe: LinearProbe):
        self.probe = probe
        self.param_groups = [{"params": list(probe.parameters()), "scale": 1.0}]

    def logits(self, clip, image_features):
        return self.probe(image_features), None

    def tensors(self) -> dict:
        return self.probe.tensors()


class Linear(TuningMethod):
    name = "linear"
    default_lr = 0.5

    def resolve(self, cfg) -> None:
        cfg.n_text = cfg.n_visual = 0
        cfg.beta_v = cfg.beta_t = 0.0

    def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
        # Starts at the zero-shot classifier, so with no data it reads as zero-shot does.
        return LinearTrainable(LinearProbe.from_zero_shot(model, taxonomy).to(device))

    def head(self, adapter, model, taxonomy):
        t = adapter.tensors
        if "linear_weight" not in t or "linear_bias" not in t:
            raise AdapterError("the linear adapter has no classifier weights")
        if tuple(t["linear_weight"].shape) != (len(taxonomy), model.embed_dim):
            raise AdapterError("the linear adapter's classifier does not fit this model")
        return LinearHead(model, LinearProbe(t["linear_weight"], t["linear_bias"]))


register(Linear())
