"""CLIP through open_clip: model loading, safe photo decoding, batched encoding.

``model.py`` is the only module in the project that imports open_clip.
Names are resolved lazily: the window imports ``vision.images`` at start-up,
and must not pay for importing torch (1.3 s) before it is shown.
"""

import importlib

_EXPORTS = {
    "LoadedModel": "model", "ModelSpec": "model", "load_model": "model",
    "pick_device": "model", "pick_precision": "model",
    "decode_image": "images", "is_image_path": "images", "iter_image_paths": "images",
    "ImageEncoder": "encode",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
