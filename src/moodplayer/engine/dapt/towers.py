"""The frozen CLIP towers as prompt tuning sees them.

Which open_clip models can take prompts, where a model class keeps its text
tower, and the text tower run on token *embeddings* (so learned vectors can
stand in for words) instead of token ids.

Supported: open_clip ``CLIP`` (and ``CustomTextCLIP`` with open_clip's own
text transformer) whose image tower is open_clip's ``VisionTransformer`` and
whose text tower has no appended class token: ViT-S/M/B/L/H/g/bigG/e CLIP
families (OpenAI, LAION, DataComp, MetaCLIP weights, quickgelu variants).
Not supported: ResNet (RN50...) and timm towers (SigLIP, EVA, MobileCLIP),
Hugging Face text towers (XLM-R, mT5), CoCa.
"""

from __future__ import annotations

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


def dtype_of(module: nn.Module) -> torch.dtype:
    return next(module.parameters()).dtype


def end_positions(tokens: torch.Tensor, tower: TextTower) -> torch.Tensor:
    """Where each sequence's summary token sits, as open_clip's text pooling finds it."""
    if tower.pool_type == "argmax":  # the EOT token has the highest id
        return tokens.argmax(dim=-1)
    if tower.pool_type == "eos":
        return (tokens == tower.eos_id).int().argmax(dim=-1)
    if tower.pool_type == "first":
        return torch.zeros(len(tokens), dtype=torch.long, device=tokens.device)
    return torch.full((len(tokens),), tokens.shape[1] - 1, dtype=torch.long, device=tokens.device)


def _project(x: torch.Tensor, projection) -> torch.Tensor:
    if projection is None:
        return x
    if isinstance(projection, nn.Linear):
        return projection(x)
    return x @ projection


def encode_embedded(clip: nn.Module, embedded: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """(N, D) unnormalised text features of token embeddings (N, L, width).

    ``tokens`` (N, L) are the ids the embeddings stand for; they only say
    where each sequence ends. Under a causal mask the end token sees nothing
    after it, so everything after the last end token is cut off: the
    taxonomy's prompts end by token 14 of 77, and the text tower then does
    about a fifth of the work for the same features.
    """
    tower = text_tower(clip)
    dtype = dtype_of(clip)
    ends = end_positions(tokens, tower)
    length = embedded.shape[1]
    if tower.attn_mask is not None and tower.pool_type in ("argmax", "eos"):
        length = int(ends.max()) + 1
    x = embedded[:, :length].to(dtype) + tower.positional_embedding[:length].to(dtype)
    mask = tower.attn_mask
    if mask is not None:
        mask = mask[:length, :length]
    x = tower.ln_final(tower.transformer(x, attn_mask=mask))
    rows = torch.arange(x.shape[0], device=x.device)
    pooled = x[:, -1] if tower.pool_type == "last" else x[rows, ends.clamp(max=length - 1)]
    return _project(pooled, tower.text_projection)
