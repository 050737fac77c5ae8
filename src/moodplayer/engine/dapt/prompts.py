"""Learnable prompts around a frozen open_clip ViT CLIP.

Two sets of parameters, nothing else trains:

* text context: vectors in the token-embedding space placed in each
  emotion's prompts (``text_context.py``). The default, ``anchored``, learns
  the words of one taxonomy template around the emotion name and adds what
  they change to the zero-shot ensemble's feature:
  ``t_c = normalise(ensemble_c + f_c(ctx) - f_c(ctx_start))``. At the start
  ``f_c(ctx) == f_c(ctx_start)`` exactly, so the untrained adapter reads
  photos exactly as zero-shot does, and each step runs 8 sentences through
  the text tower instead of the ensemble's 192 (24x less work; on ViT-B-32
  on this 2-core CPU, 0.5 s a step instead of 12 s). ``ensemble`` learns
  every template over every emotion word (exact too, 24x the cost);
  ``shared`` is CoOp's: n vectors shared by all emotions, random at first.
* visual prompts: ``n_visual`` vectors in the ViT's width, inserted right
  after the class token, after ``ln_pre`` (VPT-shallow, as DAPT's reference
  code does); their outputs are dropped before pooling. A prompt token
  changes every other token's attention however small it is, so each prompt
  has a gate g >= 0, starting at 0, that scales its attention weight
  (an additive attention mask of log(g + 1e-10)): at g = 0 the image tower
  computes what it computes without prompts (to 1e-10 of an attention
  weight), and the gradient on g is still that of an ordinary attention
  weight, so training opens the gates it needs.

The CLIP module is passed to each forward instead of being held, so the same
learner runs against the fp32 training copy and against the app's fp16/bf16
inference model, and its ``state_dict`` holds the prompts only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..errors import MoodPlayerError
from . import text_context
from .towers import UnsupportedBackbone, check_supported, dtype_of  # noqa: F401  (re-exported)

TEXT_PROMPTS = ("anchored", "ensemble", "shared")
GATE_EPS = 1e-10  # attention weight left to a closed gate: far below anything the features show


@dataclass
class PromptSpec:
    """Which prompts a learner has; recorded in the adapter, rebuilt from it."""

    text: str = "anchored"  # "anchored" | "ensemble" | "shared" (see the module doc)
    n_text: int = 16  # shared only: the number of context vectors
    ctx_init: Optional[str] = None  # shared only: words the context starts as (None: random)
    template: Optional[int] = None  # anchored only: the template learned (None: the closest)
    n_visual: int = 16
    gate: bool = True  # visual prompts start closed (False: open, as in VPT and the paper)


class PromptLearner(nn.Module):
    """Text context vectors and/or visual prompt tokens; nothing of CLIP itself."""

    def __init__(self, clip: nn.Module, tokenizer, taxonomy, spec: PromptSpec,
                 generator: Optional[torch.Generator] = None):
        super().__init__()
        check_supported(clip)
        if spec.text not in TEXT_PROMPTS:
            raise MoodPlayerError(f"unknown text prompts '{spec.text}': use {', '.join(TEXT_PROMPTS)}")
        self.class_names = list(taxonomy.names)
        self.spec = spec
        device = clip.visual.conv1.weight.device
        self.text_ctx = self.template_ctx = self.visual_ctx = self.visual_gate = None
        if spec.text == "shared":
            layout = self._init_shared(clip, tokenizer, spec, generator)
        else:
            layout = self._init_templates(clip, tokenizer, taxonomy, spec)
        # The sequences around the learned vectors. Not saved in adapters
        # (persistent=False): rebuilt from the taxonomy and the backbone that
        # loads the adapter.
        for name in ("tokens", "embedded", "slots", "owner"):
            self.register_buffer(name, getattr(layout, name), persistent=False)
        self.n_classes = layout.n_classes
        if spec.n_visual:
            self._init_visual(clip, spec, generator)
        self.to(device)

    # -- construction ------------------------------------------------------
    def _init_shared(self, clip, tokenizer, spec, generator) -> text_context.Layout:
        layout = text_context.shared_layout(clip, tokenizer, self.class_names, spec.n_text)
        if not spec.n_text:  # visual prompts only: the emotion names alone
            return layout
        width = layout.embedded.shape[-1]
        # CoOp's init (normal, std 0.02), drawn on the CPU from the caller's
        # generator so a seed gives the same prompts on every device.
        init = torch.empty(spec.n_text, width).normal_(0, 0.02, generator=generator)
        if spec.ctx_init:  # CoOp's "a photo of" start: the last vectors become those words
            ids = text_context._inner_ids(tokenizer, spec.ctx_init)[-spec.n_text:]
            init[spec.n_text - len(ids):] = text_context._embed(clip, ids).cpu()
        self.text_ctx = nn.Parameter(init)
        return layout

    def _init_templates(self, clip, tokenizer, taxonomy, spec) -> text_context.Layout:
        if spec.text == "ensemble":
            layout = text_context.template_layout(
                clip, tokenizer, taxonomy, range(len(taxonomy.templates)), all_words=True)
        else:
            anchor = text_context.ensemble_features(clip, tokenizer, taxonomy)
            if spec.template is None:
                spec.template = text_context.closest_template(clip, tokenizer, taxonomy, anchor)
            if not 0 <= spec.template < len(taxonomy.templates):
                raise MoodPlayerError(f"the taxonomy has no template number {spec.template}")
            layout = text_context.template_layout(clip, tokenizer, taxonomy,
                                                  [spec.template], all_words=False)
            with torch.no_grad():
                start = text_context.class_features(clip, layout, layout.start.to(anchor.device))
            self.register_buffer("anchor", anchor, persistent=False)
            self.register_buffer("anchor_start", start, persistent=False)
        self.template_ctx = nn.Parameter(layout.start.clone())
        return layout

    def _init_visual(self, clip, spec, generator) -> None:
        width = clip.visual.conv1.weight.shape[0]
        # VPT's init: Xavier-uniform over the patch fan-in.
        patch = clip.visual.conv1.weight.shape[-1] * clip.visual.conv1.weight.shape[-2]
        bound = math.sqrt(6.0 / float(3 * patch + width))
        init = torch.empty(spec.n_visual, width).uniform_(-bound, bound, generator=generator)
        self.visual_ctx = nn.Parameter(init)
        if spec.gate:
            self.visual_gate = nn.Parameter(torch.zeros(spec.n_visual))

    # -- text -------------------------------------------------------------
    def text_features(self, clip: nn.Module) -> torch.Tensor:
        """(C, D) normalised emotion text features with the learned context."""
        layout = text_context.Layout(self.tokens, self.embedded, self.slots, self.owner,
                                     self.n_classes, None)
        ctx = self.text_ctx if self.text_ctx is not None else self.template_ctx
        feats = text_context.class_features(clip, layout, ctx)
        if self.spec.text == "anchored":
            feats = F.normalize(self.anchor + feats - self.anchor_start, dim=-1)
        return feats

    # -- image ------------------------------------------------------------
    def image_features(self, clip: nn.Module, pixels: torch.Tensor) -> torch.Tensor:
        """(B, D) unnormalised image features with the visual prompts inserted."""
        visual = clip.visual
        dtype = dtype_of(clip)
        x = visual.conv1(pixels.to(visual.conv1.weight.device, dtype))
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)  # (B, patches, width)
        cls = visual.class_embedding.to(x.dtype).view(1, 1, -1).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + visual.positional_embedding.to(x.dtype)
        x = visual.ln_pre(x)  # patch dropout is off in eval mode, so it is skipped here
        n = 0 if self.visual_ctx is None else self.n_visual
        mask = None
        if n:
            prompts = self.visual_ctx.to(x.dtype).unsqueeze(0).expand(x.shape[0], -1, -1)
            x = torch.cat([x[:, :1], prompts, x[:, 1:]], dim=1)
            mask = self._gate_mask(x.shape[1], x.dtype)
        x = visual.transformer(x, attn_mask=mask)
        if n:
            x = torch.cat([x[:, :1], x[:, 1 + n:]], dim=1)
        pooled, _ = visual._pool(x)
        if getattr(visual, "proj", None) is not None:
            pooled = pooled @ visual.proj
        return pooled

    def _gate_mask(self, length: int, dtype) -> Optional[torch.Tensor]:
        """(L, L) additive attention mask: log(gate) on the prompt columns."""
        if self.visual_gate is None:
            return None
        gate = self.visual_gate
        # Below 0 counts as 0, yet the gradient passes at 0 (clamp's would be 0
        # there, and a closed gate could never open).
        gate = gate + (gate.clamp(min=0) - gate).detach()
        gate = torch.log(gate + GATE_EPS)
        columns = torch.zeros(length, device=gate.device, dtype=gate.dtype)
        columns = torch.cat([columns[:1], gate, columns[1 + self.n_visual:]])
        return columns.unsqueeze(0).expand(length, -1).to(dtype)

    @property
    def n_visual(self) -> int:
        return 0 if self.visual_ctx is None else int(self.visual_ctx.shape[0])

    # -- files --------------------------------------------------------------
    def prompt_tensors(self) -> dict:
        """The trained parameters, for the adapter file."""
        # clone: on the CPU .float().cpu() would hand out the live parameter itself
        return {name: p.detach().float().cpu().clone() for name, p in self.named_parameters()}

    def load_prompt_tensors(self, tensors: dict) -> None:
        for name, param in self.named_parameters():
            value = tensors.get(name)
            if value is None or tuple(value.shape) != tuple(param.shape):
                raise MoodPlayerError(f"the adapter's {name} does not fit this model "
                                      f"(expected shape {tuple(param.shape)})")
            param.data.copy_(value.to(param.device, param.dtype))
