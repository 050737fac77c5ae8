"""Synthetic labelled photos whose classes differ in a learnable way.

Class c gets its own background hue and a bright block in its own position
(8 positions on a ring); every photo jitters hue, brightness, block position
and adds pixel noise, so no two photos are alike and a class is a
distribution, not a single image.
"""

from __future__ import annotations

import colorsys
import math
from pathlib import Path

import numpy as np
from PIL import Image


def make_photo(label: int, n_classes: int, rng: np.random.Generator, size: int = 48,
               grey: bool = False, saturation: float = 0.8) -> Image.Image:
    """One photo of class ``label``; ``grey`` drops the colour cue (another domain)."""
    hue = (label / n_classes + rng.normal(0, 0.02)) % 1.0
    value = float(np.clip(0.75 + rng.normal(0, 0.08), 0.3, 1.0))
    bg = np.array(colorsys.hsv_to_rgb(hue, 0.0 if grey else saturation, value)) * 255
    img = np.empty((size, size, 3), dtype=np.float32)
    img[:] = bg
    angle = 2 * math.pi * label / n_classes
    cx = size / 2 + size * 0.3 * math.cos(angle) + rng.normal(0, 1.5)
    cy = size / 2 + size * 0.3 * math.sin(angle) + rng.normal(0, 1.5)
    half = size // 8
    x0, y0 = int(max(0, cx - half)), int(max(0, cy - half))
    img[y0:y0 + 2 * half, x0:x0 + 2 * half] = 255 - bg * 0.5
    img += rng.normal(0, 12, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def write_image_folder(root, class_names, per_class: int, seed: int = 0, size: int = 48,
                       saturation: float = 0.8) -> Path:
    root = Path(root)
    rng = np.random.default_rng(seed)
    for label, name in enumerate(class_names):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            make_photo(label, len(class_names), rng, size, saturation=saturation).save(folder / f"{name}_{i:03d}.png")
    return root
