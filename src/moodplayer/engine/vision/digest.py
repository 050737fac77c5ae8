"""Fingerprints of a module's weights: names, shapes and a sample of the values.

What the photo-feature cache keys a reader by; cheap enough (a few ms for
ViT-B-32) to take at every load. Kept apart so the int8 path can take it
from the fp32 weights before it rewrites them.
"""

from __future__ import annotations

import hashlib

import torch

_SAMPLES = 64  # values sampled from each big tensor


def hash_tensor(h, name: str, t: torch.Tensor) -> None:
    t = t.detach()
    h.update(f"{name}:{tuple(t.shape)}:{t.dtype}".encode())
    flat = t.reshape(-1)
    if flat.numel() > 4096:  # big tensors: an even sample of their values
        flat = flat[:: max(1, flat.numel() // _SAMPLES)]
    h.update(flat.float().cpu().numpy().tobytes())


def hash_module_state(h, prefix: str, module: torch.nn.Module) -> None:
    for name, value in module.state_dict().items():
        # int8 layers keep (weight, bias) tuples, quantised tensors and dtypes
        parts = enumerate(value) if isinstance(value, tuple) else [("", value)]
        for i, t in parts:
            key = f"{prefix}.{name}{i if i == '' else f'.{i}'}"  # plain tensors: names as before
            if isinstance(t, torch.Tensor):
                hash_tensor(h, key, t.dequantize() if t.is_quantized else t)
            else:
                h.update(f"{key}={t!r}".encode())


def weights_digest(module: torch.nn.Module) -> str:
    h = hashlib.sha256()
    hash_module_state(h, "model", module)
    return h.hexdigest()
