"""Baselines that share the trainer and the evaluation with DAPT.

* zero-shot: the taxonomy's prompt ensemble, no training (the app's default
  ``ZeroShotHead``);
* linear probe: a linear classifier on frozen, normalised image features,
  initialised from the zero-shot class text features so that with no data it
  starts where zero-shot is, instead of at chance;
* CoOp: text context only, no dispersion terms; that is ``PromptLearner``
  with ``n_visual=0`` trained by the same trainer (``methods/coop.py``).
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..emotions.extractor import ZeroShotHead
from ..emotions.taxonomy import Taxonomy
from ..vision.model import LoadedModel
from .text_context import ensemble_features


def zero_shot_head(model: LoadedModel, taxonomy: Taxonomy) -> ZeroShotHead:
    return ZeroShotHead(model, taxonomy)


def logit_scale(clip: nn.Module) -> float:
    scale = getattr(clip, "logit_scale", None)
    return float(scale.detach().float().exp()) if scale is not None else 100.0


class LinearProbe(nn.Module):
    """logits = W f + b on normalised frozen features f."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor):
        super().__init__()
        self.weight = nn.Parameter(weight.detach().float().clone())
        self.bias = nn.Parameter(bias.detach().float().clone())

    @classmethod
    def from_zero_shot(cls, model: LoadedModel, taxonomy: Taxonomy, clip=None) -> "LinearProbe":
        """The zero-shot classifier as a probe; its text features are cached per backbone
        (``text_context.ensemble_features``), the search builds one probe per fold and rate."""
        clip = clip if clip is not None else model.model
        text = ensemble_features(clip, model.tokenizer, taxonomy).float().cpu()
        return cls(logit_scale(model.model) * text, torch.zeros(text.shape[0]))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return F.linear(features.float(), self.weight, self.bias)

    def tensors(self) -> dict:
        return {"linear_weight": self.weight.detach().cpu().clone(),  # a copy, not the live one
                "linear_bias": self.bias.detach().cpu().clone()}


class LinearHead:
    """The Head protocol for a trained linear probe: frozen encoder, learned classifier."""

    def __init__(self, model: LoadedModel, probe: LinearProbe):
        self.model = model
        self.probe = probe.cpu().eval()

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.model.encode_images(pixels).cpu()

    @torch.inference_mode()
    def logits(self, features: torch.Tensor) -> torch.Tensor:
        return self.probe(features.float())
