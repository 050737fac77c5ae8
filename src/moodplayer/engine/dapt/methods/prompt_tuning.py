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
from ..prompts import TEXT_PROMPTS, PromptLearner, PromptSpec
from ..towers import text_tower
from .registry import Trainable, TuningMethod

# A prompt vector longer than this many times its natural size has left the
# space the frozen towers understand (measured: at lr 0.2 the text context went
# from norm 0.16 to 25-125 and every emotion read alike). Reaching it is
# treated as a blow-up, not clipped and carried on.
NORM_BOUND = 10.0


class PromptTrainable(Trainable):
    def __init__(self, learner: PromptLearner, scale: float, visual_lr_scale: float, clip):
        self.learner = learner
        self.scale = scale
        self.param_groups = []  # one group per prompt set, each with its share of the rate
        self.bounds = []  # (what, parameter, largest row norm before it counts as a blow-up)
        text = learner.text_ctx if learner.text_ctx is not None else learner.template_ctx
        if text is not None:
            self.param_groups.append({"params": [text], "scale": 1.0})
            vocab = text_tower(clip).token_embedding.weight.detach().float()
            self.bounds.append(("text context", text, NORM_BOUND * float(vocab.norm(dim=-1).mean())))
        if learner.visual_ctx is not None:
            visual = [learner.visual_ctx] + ([learner.visual_gate] if learner.visual_gate is not None else [])
            self.param_groups.append({"params": visual, "scale": visual_lr_scale})
            # Prompts join the tokens after ln_pre, whose rows have norm ~sqrt(width).
            width = learner.visual_ctx.shape[1]
            self.bounds.append(("visual prompts", learner.visual_ctx, NORM_BOUND * max(
                width ** 0.5, float(learner.visual_ctx.detach().norm(dim=-1).max()))))
        # Without visual prompts the image tower is untouched: cached features do.
        self.frozen_images = learner.visual_ctx is None

    def image_features(self, clip, pixels):
        return F.normalize(self.learner.image_features(clip, pixels).float(), dim=-1)

    def logits(self, clip, image_features):
        txt = self.learner.text_features(clip).float()
        return self.scale * image_features @ txt.T, txt

    def tensors(self) -> dict:
        return self.learner.prompt_tensors()

    def load_tensors(self, tensors: dict) -> None:
        self.learner.load_prompt_tensors(tensors)

    @torch.no_grad()
    def constrain(self):
        """Keep the gates in [0, 1]; say so when a prompt left its natural size."""
        gate = self.learner.visual_gate
        if gate is not None:
            gate.clamp_(0.0, 1.0)
        for name, param, bound in self.bounds:
            norm = float(param.norm(dim=-1).max())
            if not norm <= bound:  # NaN too
                return (f"the {name} grew to {norm:.3g}, more than {NORM_BOUND:g}x its "
                        f"natural size ({bound / NORM_BOUND:.3g})")
        return None


def spec_from(cfg) -> PromptSpec:
    return PromptSpec(text=cfg.text_prompts, n_text=cfg.n_text, ctx_init=cfg.ctx_init,
                      template=cfg.template, n_visual=cfg.n_visual, gate=cfg.visual_gate)


class PromptHead:
    """The Head protocol for a DAPT or CoOp adapter.

    The class text features depend only on the learned context, so they are
    computed once here, not per photo.
    """

    def __init__(self, model, learner: PromptLearner):
        self.model = model
        self.learner = learner.to(model.device).eval()
        with torch.inference_mode():
            self.text = learner.text_features(model.model).float().cpu()
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
        if cfg.text_prompts not in TEXT_PROMPTS:
            raise MoodPlayerError(f"unknown text prompts '{cfg.text_prompts}': "
                                  f"use {', '.join(TEXT_PROMPTS)}")
        if cfg.text_prompts != "shared":
            cfg.n_text = 0  # the template's own words are the context
        elif max(cfg.n_text, cfg.n_visual) < 1:
            raise MoodPlayerError("prompt tuning needs at least one learnable prompt vector")

    def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
        spec = spec_from(cfg)
        learner = PromptLearner(clip, model.tokenizer, taxonomy, spec, generator=generator)
        cfg.template = spec.template  # the template chosen is part of what the adapter is
        return PromptTrainable(learner.to(device), logit_scale(clip), cfg.visual_lr_scale, clip)

    def head(self, adapter, model, taxonomy):
        t = adapter.tensors
        hp = adapter.meta.get("hyperparameters") or {}
        # Adapters from before template prompts hold a shared context and open prompts.
        text = "shared" if "text_ctx" in t or "template_ctx" not in t else hp.get("text_prompts", "anchored")
        spec = PromptSpec(text=text,
                          n_text=int(t["text_ctx"].shape[0]) if "text_ctx" in t else 0,
                          template=hp.get("template"),
                          n_visual=int(t["visual_ctx"].shape[0]) if "visual_ctx" in t else 0,
                          gate="visual_gate" in t)
        learner = PromptLearner(model.model, model.tokenizer, taxonomy, spec)
        learner.load_prompt_tensors(t)
        return PromptHead(model, learner)
