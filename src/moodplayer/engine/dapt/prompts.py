"""Learnable prompts around a frozen open_clip ViT CLIP.

Two sets of parameters, nothing else trains:

* text context: ``n_text`` vectors in the token-embedding space, shared by all
  classes, spliced in right after the start-of-text token, so class c reads
  ``[SOT] ctx_1 .. ctx_M <name of c> . [EOT]`` (CoOp's unified context);
* visual prompts: ``n_visual`` vectors in the ViT's width, inserted right
  after the class token, after ``ln_pre`` (VPT-shallow, as DAPT's reference
  code does). Their outputs are dropped before pooling, so an average-pooling
  tower never averages prompt tokens in.

The CLIP module is passed to each forward instead of being held, so the same
learner runs against the fp32 training copy and against the app's fp16/bf16
inference model, and its ``state_dict`` holds the prompts only.

Supported: open_clip ``CLIP`` (and ``CustomTextCLIP`` with open_clip's own
text transformer) whose image tower is open_clip's ``VisionTransformer`` and
whose text tower has no appended class token: ViT-S/M/B/L/H/g/bigG/e CLIP
families (OpenAI, LAION, DataComp, MetaCLIP weights, quickgelu variants).
Not supported: ResNet (RN50...) and timm towers (SigLIP, EVA, MobileCLIP),
Hugging Face text towers (XLM-R, mT5), CoCa.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import torch
import torch.nn as nn

from ..errors import MoodPlayerError


class UnsupportedBackbone(MoodPlayerError):
    """Prompt tuning needs a ViT image tower and a plain transformer text tower."""


@dataclass
class TextTower:
    """The frozen parts of a text tower, wherever the model class keeps them."""

    token_embedding: nn.Module
    positional_embedding: torch.Tensor
    transformer: nn.Module
    ln_final: nn.Module
    text_projection: object
    attn_mask: Optional[torch.Tensor]
    pool_type: str
    eos_id: Optional[int]


def text_tower(clip: nn.Module) -> TextTower:
    if hasattr(clip, "token_embedding"):  # CLIP keeps the text tower flat on the model
        return TextTower(clip.token_embedding, clip.positional_embedding, clip.transformer,
                         clip.ln_final, clip.text_projection, getattr(clip, "attn_mask", None),
                         getattr(clip, "text_pool_type", "argmax"),
                         getattr(clip, "text_eos_id", None))
    text = getattr(clip, "text", None)
    if text is None or not hasattr(text, "token_embedding"):
        raise UnsupportedBackbone(
            "prompt tuning needs open_clip's own text transformer; this model's text tower "
            f"({type(text).__name__}) is not supported. Use a ViT CLIP such as ViT-B-32 or ViT-L-14.")
    if getattr(text, "cls_emb", None) is not None or getattr(text, "use_pad_mask", False):
        raise UnsupportedBackbone(
            "prompt tuning does not support text towers with an appended class token or a "
            "padding mask (CoCa-style). Use a ViT CLIP such as ViT-B-32 or ViT-L-14.")
    return TextTower(text.token_embedding, text.positional_embedding, text.transformer,
                     text.ln_final, text.text_projection, getattr(text, "attn_mask", None),
                     getattr(text, "pool_type", "argmax"), getattr(text, "eos_id", None))


def check_supported(clip: nn.Module) -> None:
    """Raise UnsupportedBackbone with a readable reason, or return."""
    visual = getattr(clip, "visual", None)
    needed = ("conv1", "class_embedding", "positional_embedding", "ln_pre", "transformer", "_pool")
    if visual is None or not all(hasattr(visual, n) for n in needed):
        raise UnsupportedBackbone(
            f"prompt tuning needs a Vision Transformer image tower; this model's image tower "
            f"is {type(visual).__name__}. Use a ViT CLIP such as ViT-B-32, ViT-B-16 or ViT-L-14.")
    tower = text_tower(clip)
    if tower.pool_type not in ("argmax", "eos", "first", "last"):
        raise UnsupportedBackbone(f"text pooling '{tower.pool_type}' is not supported")


def _pool_text(x: torch.Tensor, tokens: torch.Tensor, tower: TextTower) -> torch.Tensor:
    """Pick each sequence's summary token, as open_clip's text pooling does."""
    rows = torch.arange(x.shape[0], device=x.device)
    if tower.pool_type == "argmax":  # the EOT token has the highest id
        return x[rows, tokens.argmax(dim=-1)]
    if tower.pool_type == "eos":
        return x[rows, (tokens == tower.eos_id).int().argmax(dim=-1)]
    if tower.pool_type == "first":
        return x[:, 0]
    return x[:, -1]


def _project(x: torch.Tensor, projection) -> torch.Tensor:
    if projection is None:
        return x
    if isinstance(projection, nn.Linear):
        return projection(x)
    return x @ projection


def _dtype_of(module: nn.Module) -> torch.dtype:
    return next(module.parameters()).dtype


class PromptLearner(nn.Module):
    """Text context vectors and/or visual prompt tokens; nothing of CLIP itself."""

    def __init__(self, clip: nn.Module, tokenizer, class_names: list, n_text: int = 16,
                 n_visual: int = 16, generator: Optional[torch.Generator] = None,
                 ctx_init: Optional[str] = None):
        super().__init__()
        check_supported(clip)
        tower = text_tower(clip)
        self.class_names = list(class_names)
        self.n_text, self.n_visual = int(n_text), int(n_visual)
        text_width = tower.ln_final.weight.shape[0]
        vis_width = clip.visual.conv1.weight.shape[0]
        device = clip.visual.conv1.weight.device

        # Parameters live in fp32 whatever the backbone's dtype: SGD updates of
        # size lr*grad vanish in fp16/bf16 (8 or 11 mantissa bits).
        self.text_ctx = nn.Parameter(torch.empty(self.n_text, text_width, device=device)) \
            if self.n_text else None
        self.visual_ctx = nn.Parameter(torch.empty(self.n_visual, vis_width, device=device)) \
            if self.n_visual else None
        # Inits as in CoOp (normal, std 0.02) and VPT (Xavier-uniform over the
        # patch fan-in), drawn on the CPU from the caller's generator so a seed
        # gives the same prompts on every device.
        if self.text_ctx is not None:
            init = torch.empty(self.n_text, text_width).normal_(0, 0.02, generator=generator)
            if ctx_init:
                init = self._words_into_context(init, clip, tokenizer, ctx_init)
            self.text_ctx.data.copy_(init)
        if self.visual_ctx is not None:
            patch = clip.visual.conv1.weight.shape[-1] * clip.visual.conv1.weight.shape[-2]
            bound = math.sqrt(6.0 / float(3 * patch + vis_width))
            init = torch.empty(self.n_visual, vis_width).uniform_(-bound, bound, generator=generator)
            self.visual_ctx.data.copy_(init)
        self._build_token_buffers(clip, tokenizer)

    def _words_into_context(self, init, clip, tokenizer, words: str) -> torch.Tensor:
        """Start the last context vectors as the embeddings of ``words`` (CoOp's
        "a photo of" init): the prompt then begins as a sentence CLIP knows."""
        tokens = tokenizer([words])[0]
        ids = tokens[1: int(tokens.argmax())]  # between SOT and EOT
        ids = ids[-self.n_text:]
        with torch.no_grad():
            emb = text_tower(clip).token_embedding(ids.to(clip.visual.conv1.weight.device))
        init[self.n_text - len(ids):] = emb.float().cpu()
        return init

    def _build_token_buffers(self, clip: nn.Module, tokenizer) -> None:
        """Token ids of ``X X .. X <name>.`` and the frozen embeddings around the X's."""
        tower = text_tower(clip)
        placeholder = " ".join(["X"] * self.n_text)
        texts = [f"{placeholder} {name}.".strip() for name in self.class_names]
        device = clip.visual.conv1.weight.device
        tokens = tokenizer(texts).to(device)
        with torch.no_grad():
            embedded = tower.token_embedding(tokens).float()
        # Not saved in adapters (persistent=False): rebuilt from the class names
        # and the backbone that loads the adapter.
        self.register_buffer("tokens", tokens, persistent=False)
        self.register_buffer("token_prefix", embedded[:, :1], persistent=False)
        self.register_buffer("token_suffix", embedded[:, 1 + self.n_text:], persistent=False)

    # -- text -------------------------------------------------------------
    def text_features(self, clip: nn.Module) -> torch.Tensor:
        """(C, D) unnormalised class text features with the learned context."""
        tower = text_tower(clip)
        dtype = _dtype_of(clip)
        parts = [self.token_prefix]
        if self.text_ctx is not None:
            parts.append(self.text_ctx.unsqueeze(0).expand(len(self.class_names), -1, -1))
        parts.append(self.token_suffix)
        x = torch.cat(parts, dim=1).to(dtype)
        x = x + tower.positional_embedding[: x.shape[1]].to(dtype)
        mask = tower.attn_mask
        if mask is not None:
            mask = mask[: x.shape[1], : x.shape[1]]
        x = tower.transformer(x, attn_mask=mask)
        x = tower.ln_final(x)
        return _project(_pool_text(x, self.tokens, tower), tower.text_projection)

    # -- image ------------------------------------------------------------
    def image_features(self, clip: nn.Module, pixels: torch.Tensor) -> torch.Tensor:
        """(B, D) unnormalised image features with the visual prompts inserted."""
        visual = clip.visual
        dtype = _dtype_of(clip)
        x = visual.conv1(pixels.to(visual.conv1.weight.device, dtype))
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)  # (B, patches, width)
        cls = visual.class_embedding.to(x.dtype).view(1, 1, -1).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + visual.positional_embedding.to(x.dtype)
        x = visual.ln_pre(x)  # patch dropout is off in eval mode, so it is skipped here
        n = 0
        if self.visual_ctx is not None:
            n = self.n_visual
            prompts = self.visual_ctx.to(x.dtype).unsqueeze(0).expand(x.shape[0], -1, -1)
            x = torch.cat([x[:, :1], prompts, x[:, 1:]], dim=1)
        x = visual.transformer(x)
        if n:
            x = torch.cat([x[:, :1], x[:, 1 + n:]], dim=1)
        pooled, _ = visual._pool(x)
        if getattr(visual, "proj", None) is not None:
            pooled = pooled @ visual.proj
        return pooled

    def prompt_tensors(self) -> dict:
        """The trained parameters, for the adapter file."""
        out = {}
        if self.text_ctx is not None:
            out["text_ctx"] = self.text_ctx.detach().float().cpu().contiguous()
        if self.visual_ctx is not None:
            out["visual_ctx"] = self.visual_ctx.detach().float().cpu().contiguous()
        return out

    def load_prompt_tensors(self, tensors: dict) -> None:
        for name in ("text_ctx", "visual_ctx"):
            param = getattr(self, name)
            if param is None:
                continue
            value = tensors.get(name)
            if value is None or tuple(value.shape) != tuple(param.shape):
                raise MoodPlayerError(f"the adapter's {name} does not fit this model "
                                      f"(expected shape {tuple(param.shape)})")
            param.data.copy_(value.to(param.device, param.dtype))
