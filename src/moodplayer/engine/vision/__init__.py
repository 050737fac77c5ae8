"""CLIP through open_clip: model loading, safe photo decoding, batched encoding.

``model.py`` is the only module in the project that imports open_clip.
"""

from .model import LoadedModel, ModelSpec, load_model, pick_device, pick_precision
from .images import decode_image, is_image_path, iter_image_paths
from .encode import ImageEncoder

__all__ = [
    "LoadedModel", "ModelSpec", "load_model", "pick_device", "pick_precision",
    "decode_image", "is_image_path", "iter_image_paths", "ImageEncoder",
]
