"""The linear probe: a classifier on frozen image features, no prompts."""

from __future__ import annotations

import torch

from ..baselines import LinearHead, LinearProbe
from ..errors import AdapterError
from .registry import Trainable, TuningMethod, register


class LinearTrainable(Trainable):
    frozen_images = True

    def __init__(self, probe: LinearProbe):
        self.probe = probe
        self.param_groups = [{"params": list(probe.parameters()), "scale": 1.0}]
        # The zero-shot classifier's rows have norm = CLIP's logit scale; far
        # past that the probe is no longer a reading, it is overflow.
        self.bound = 4.0 * float(probe.weight.detach().norm(dim=-1).max())

    def logits(self, clip, image_features):
        return self.probe(image_features), None

    def tensors(self) -> dict:
        return self.probe.tensors()

    def load_tensors(self, tensors: dict) -> None:
        with torch.no_grad():
            self.probe.weight.copy_(tensors["linear_weight"])
            self.probe.bias.copy_(tensors["linear_bias"])

    @torch.no_grad()
    def constrain(self):
        norm = float(self.probe.weight.norm(dim=-1).max())
        if not norm <= self.bound:  # NaN too
            return f"the classifier grew to {norm:.3g}, more than 4x the zero-shot one's size"
        return None


class Linear(TuningMethod):
    name = "linear"
    default_lr = 0.5
    lr_grid = (0.1, 0.5, 2.0)

    def resolve(self, cfg) -> None:
        cfg.n_text = cfg.n_visual = 0
        cfg.beta_v = cfg.beta_t = 0.0

    def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
        # Starts at the zero-shot classifier, so with no data it reads as zero-shot does.
        return LinearTrainable(LinearProbe.from_zero_shot(model, taxonomy, clip).to(device))

    def head(self, adapter, model, taxonomy):
        t = adapter.tensors
        if "linear_weight" not in t or "linear_bias" not in t:
            raise AdapterError("the linear adapter has no classifier weights")
        if tuple(t["linear_weight"].shape) != (len(taxonomy), model.embed_dim):
            raise AdapterError("the linear adapter's classifier does not fit this model")
        return LinearHead(model, LinearProbe(t["linear_weight"], t["linear_bias"]))


register(Linear())
