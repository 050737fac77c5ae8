"""Build a model without drawing random weights that are about to be overwritten.

open_clip builds the network (every Linear, attention and embedding draws its
random initial weights) and then loads the checkpoint over all of them, with
``strict=True`` so a parameter the file lacks is an error. Measured on a
2-core CPU for ViT-B-32: the random draws took ~5 s of a ~7 s load; the
checkpoint itself ~1.2 s. Inside ``skip_random_init()`` torch's
``nn.init`` fill functions leave the (uninitialised) tensor as it is.

Only the thread that entered the block is affected: the window's other
worker may build a module of its own meanwhile and must get real random
weights. Deterministic fills (``zeros_``, ``ones_``, ``constant_``) stay, so
buffers and any state the checkpoint does not hold are still set.
"""

from __future__ import annotations

import contextlib
import threading

import torch

# The random fills torch's layers call from reset_parameters (and open_clip's init_parameters).
RANDOM_FILLS = ("uniform_", "normal_", "trunc_normal_", "kaiming_uniform_", "kaiming_normal_",
                "xavier_uniform_", "xavier_normal_", "orthogonal_", "sparse_")

_lock = threading.RLock()


def _skipping(original, owner: int):
    def fill(tensor, *args, **kwargs):
        if threading.get_ident() == owner:
            return tensor
        return original(tensor, *args, **kwargs)
    fill.__wrapped__ = original
    return fill


@contextlib.contextmanager
def skip_random_init(enabled: bool = True):
    """Within the block, this thread's ``torch.nn.init`` random fills do nothing.

    Use it only around building a model whose every parameter is then loaded
    strictly from a checkpoint; otherwise the weights are whatever memory held.
    """
    if not enabled:
        yield
        return
    with _lock:  # one patcher at a time, so the originals are restored exactly
        saved = [(module, name, getattr(module, name)) for module in _holders()
                 for name in RANDOM_FILLS if hasattr(module, name)]
        owner = threading.get_ident()
        for module, name, original in saved:
            setattr(module, name, _skipping(original, owner))
        try:
            yield
        finally:
            for module, name, original in saved:
                setattr(module, name, original)


def _holders() -> list:
    """torch.nn.init, and the layer modules that imported its fills by name
    (attention's ``from torch.nn.init import xavier_uniform_``)."""
    import torch.nn.modules.activation as activation
    import torch.nn.modules.transformer as transformer

    return [torch.nn.init, activation, transformer]


def weights_will_load(spec) -> bool:
    """True when open_clip is sure to load (strictly) or refuse: a local folder with a
    weights file, or an architecture with a pretrained tag or file.

    Not for ``hf-hub:`` specs: open_clip goes on with random weights when their
    download fails, and those must then really be random.
    """
    from pathlib import Path

    if spec.kind == "local":
        folder = Path(spec.name)
        return any(any(folder.glob(f"*{suffix}")) for suffix in (".safetensors", ".bin", ".pth"))
    return spec.kind == "name" and bool(spec.pretrained)
