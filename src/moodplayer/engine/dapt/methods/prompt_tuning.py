"""What DAPT and CoOp share: learned prompts around the frozen CLIP.

``PromptMethod`` trains a ``PromptLearner`` (text context and/or visual
prompts) and turns a saved one back into a ``PromptHead``; the subclasses
only say which prompts and loss terms they keep (``drop_unused``).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...errors import MoodPlayerError
from ..baselines import logit_scale
from ..prompts import PromptLearner
from .registry import Trainable, TuningMethod


class PromptTrainable(Trainable):
    def __init__(self, learner: PromptLearner, scale: float, visual_lr_scale: float):
        self.learner = learner
        self.scale = scale
        self.param_groups = []  # one group per prompt set, each with its share of the rate
        if learner.text_ctx is not None:
            self.param_groups.append({"params": [learner.text_ctx], "scale": 1.0})
        if learner.visual_ctx is not None:
            self.param_groups.append({"params": [learner.visual_ctx], "scale": visual_lr_scale})
        # Without visual prompts the image tower is untouched: cached features do.
        self.frozen_images = learner.visual_ctx is None

    def image_features(self, clip, pixels):
        return F.normalize(self.learner.image_features(clip, pixels).float(), dim=-1)

    def logits(self, clip, image_features):
        txt = F.normalize(self.learner.text_features(clip).float(), dim=-1)
        return self.scale * image_features @ txt.T, txt

    def tensors(self) -> dict:
        return self.learner.prompt_tensors()


class PromptHead:
    """The Head protocol for a DAPT or CoOp adapter.

    The class text features depend only on the learned context, so they are
    computed once here, not per photo.
    """

    def __init__(self, model, learner: PromptLearner):
        self.model = model
        self.learner = learner.to(model.device).eval()
        with torch.inference_mode():
            self.text = F.normalize(learner.text_features(model.model).float(), dim=-1).cpu()
        self.scale = logit_scale(model.model)

    @torch.inference_mode()
    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        if self.learner.visual_ctx is None:
            return self.model.encode_images(pixels).cpu()
        feats = self.learner.image_features(self.model.model, pixels.to(self.model.device))
        return F.normalize(feats.float(), dim=-1).cpu()

    @torch.inference_mode()
    def logits(self, features: torch.Tensor) -> torch.Tensor:
        return self.scale * features.float() @ self.text.T


class PromptMethod(TuningMethod):
    """A method that learns prompt vectors; subclasses pick which."""

    def drop_unused(self, cfg) -> None:
        """Zero the prompt counts and loss weights this method does not use."""

    def resolve(self, cfg) -> None:
        self.drop_unused(cfg)
        if max(cfg.n_text, cfg.n_visual) < 1:
            raise MoodPlayerError("prompt tuning needs at least one learnable prompt vector")

    def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
        learner = PromptLearner(clip, model.tokenizer, taxonomy.names, cfg.n_text, cfg.n_visual,
                                generator=generator, ctx_init=cfg.ctx_init).to(device)
        return PromptTrainable(learner, logit_scale(clip), cfg.visual_lr_scale)

    def head(self, adapter, model, taxonomy):
        t = adapter.tensors
        hp = adapter.meta.get("hyperparameters") or {}
        n_text = int(t["text_ctx"].shape[0]) if "text_ctx" in t else 0
        n_visual = int(t["visual_ctx"].shape[0]) if "visual_ctx" in t else 0
        learner = PromptLearner(model.model, model.tokenizer, taxonomy.names,
                                n_text=hp.get("n_text", n_text), n_visual=n_visual)
        learner.load_prompt_tensors(t)
        return PromptHead(model, learner)
