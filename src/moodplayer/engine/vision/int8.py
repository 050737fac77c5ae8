"""The image tower in int8: dynamic quantisation, attention projections included.

On a CPU without native bf16 (most laptops: AVX2 only) fp32 is the
fallback, and a ViT's time is almost all in its Linear layers. PyTorch's
dynamic quantisation stores those weights as int8 and quantises each input
on the fly, so activations and everything between the matrix products
(LayerNorm, GELU, softmax, the visual prompts of an adapter) stay fp32.

``torch.ao.quantization.quantize_dynamic`` only converts ``nn.Linear``;
``nn.MultiheadAttention`` keeps its input projection as a bare parameter and
its output projection as a class the quantiser skips on purpose. Those two
are a third of a ViT's matrix work, so each self-attention block is first
rebuilt as ``ProjectedAttention``: the same weights in two ``nn.Linear`` and
PyTorch's fused attention kernel in between (equal in fp32; tested). On a
2-core AVX2 CPU that took int8 from 1.2x to 1.5-1.9x fp32 at batch 16.

Only inference: quantised layers have no gradients, so tuning runs on fp32
weights loaded again (``dapt.trainer.training_backbone``). The text tower
stays fp32: its features are computed once per emotion list and cached.
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

# The quantised engines PyTorch can be asked for, fastest-first guesses; the
# ladder measures each that this build supports (x86 and fbgemm share kernels).
ENGINES = ("x86", "onednn", "fbgemm")


class ProjectedAttention(nn.Module):
    """Self-attention with both projections as ``nn.Linear``, so they can be quantised.

    Called like ``nn.MultiheadAttention`` (query, key, value, need_weights,
    attn_mask) and returns ``(output, None)``; only self-attention (query is
    key is value), which is all a ViT image tower does.
    """

    def __init__(self, mha: nn.MultiheadAttention):
        super().__init__()
        if not mha._qkv_same_embed_dim or mha.in_proj_weight is None:
            raise ValueError("attention with separate key/value sizes is not supported")
        width = mha.embed_dim
        self.heads = mha.num_heads
        self.batch_first = mha.batch_first
        # Built on the meta device (no random init: ~0.1 s of a ViT-B load), then
        # given the attention's own parameters: shared, not copied.
        self.in_proj = nn.Linear(width, 3 * width, bias=mha.in_proj_bias is not None,
                                 device="meta")
        self.out_proj = nn.Linear(width, width, bias=mha.out_proj.bias is not None,
                                  device="meta")
        self.in_proj.weight, self.in_proj.bias = mha.in_proj_weight, mha.in_proj_bias
        self.out_proj.weight, self.out_proj.bias = mha.out_proj.weight, mha.out_proj.bias

    def forward(self, query, key=None, value=None, need_weights: bool = False,
                attn_mask: Optional[torch.Tensor] = None):
        if (key is not None and key is not query) or (value is not None and value is not query):
            raise ValueError("ProjectedAttention only does self-attention")
        x = query if self.batch_first else query.transpose(0, 1)
        batch, length, width = x.shape
        qkv = self.in_proj(x).view(batch, length, 3, self.heads, width // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)  # each (batch, heads, length, head width)
        if attn_mask is not None and attn_mask.dtype == torch.bool:
            attn_mask = ~attn_mask  # MultiheadAttention: True = blocked; SDPA: True = attend
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
        out = self.out_proj(out.transpose(1, 2).reshape(batch, length, width))
        return (out if self.batch_first else out.transpose(0, 1)), None


def rebuild_attention(tower: nn.Module) -> int:
    """Replace every ``nn.MultiheadAttention`` in ``tower`` by ``ProjectedAttention``; count."""
    swapped = 0
    for parent in list(tower.modules()):
        # open_clip's self-attention blocks only: a pooler's or a cross-attention
        # block's attention reads another sequence (CoCa), which this cannot do.
        if not hasattr(parent, "ln_1") or hasattr(parent, "ln_1_kv"):
            continue
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.MultiheadAttention) and child._qkv_same_embed_dim:
                setattr(parent, name, ProjectedAttention(child))
                swapped += 1
    return swapped


def available_engines() -> list:
    """The quantised engines this PyTorch build has, in ``ENGINES`` order."""
    try:
        supported = set(torch.backends.quantized.supported_engines)
    except Exception:  # noqa: BLE001 - a build without quantisation
        return []
    engines = [e for e in ENGINES if e in supported]
    if "x86" in engines and "fbgemm" in engines:
        engines.remove("fbgemm")  # x86 runs these layers on fbgemm's kernels: measured the same
    return engines


@contextlib.contextmanager
def _engine(name: str):
    saved = torch.backends.quantized.engine
    torch.backends.quantized.engine = name
    try:
        yield
    finally:
        torch.backends.quantized.engine = saved


def _int8_linear(linear: nn.Linear, dynamic_linear, observer):
    """``linear`` as PyTorch's dynamic int8 Linear, the weights quantised as
    ``quantize_dynamic`` does (per-tensor symmetric; tested equal).

    Built small and then given its real weights: the int8 Linear's constructor
    packs a placeholder of the full size first, which was a third of the
    time ``quantize_dynamic`` took on ViT-B-32.
    """
    watch = observer()
    watch(linear.weight)
    scale, zero_point = watch.calculate_qparams()
    weight = torch.quantize_per_tensor(linear.weight.detach().float(), float(scale),
                                       int(zero_point), torch.qint8)
    out = dynamic_linear(1, 1, bias_=linear.bias is not None, dtype=torch.qint8)
    out.in_features, out.out_features = linear.in_features, linear.out_features
    bias = linear.bias.detach().float() if linear.bias is not None else None
    out.set_weight_bias(weight, bias)
    return out


def quantize_tower(tower: nn.Module, engine: str) -> nn.Module:
    """``tower`` (fp32, on the CPU) with its attention rebuilt and every Linear in int8.

    Works in place and returns the tower. Raises RuntimeError when this
    PyTorch cannot quantise (no engine, or the API is gone in a later release).
    """
    if engine not in available_engines():
        raise RuntimeError(f"this PyTorch has no '{engine}' int8 engine")
    try:
        from torch.ao.nn.quantized.dynamic import Linear as DynamicLinear
        from torch.ao.quantization import default_dynamic_qconfig
    except ImportError as exc:  # announced for removal in a future PyTorch
        raise RuntimeError(f"this PyTorch cannot quantise dynamically ({exc})") from None
    rebuild_attention(tower)
    targets = [(parent, name, child) for parent in tower.modules()
               for name, child in parent.named_children() if type(child) is nn.Linear]
    with warnings.catch_warnings(), _engine(engine), torch.no_grad():
        # PyTorch warns the API is deprecated; the ladder falls back when it is gone.
        warnings.simplefilter("ignore")
        for parent, name, child in targets:
            setattr(parent, name, _int8_linear(child, DynamicLinear,
                                               default_dynamic_qconfig.weight))
    return tower


def is_quantized(module: nn.Module) -> bool:
    return any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in module.modules())
