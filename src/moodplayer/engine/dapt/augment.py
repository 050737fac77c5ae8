"""Training-time augmentation, as the DAPT and CoOp authors train: a random
resized crop (8-100% of the photo, aspect 3:4 to 4:3, back to the model's
size) and a random horizontal mirror.

It works on the already preprocessed pixels (the model's centre crop), so a
photo is decoded once per training run. Every draw comes from the caller's
CPU generator: a seed gives the same crops on every device.

Methods that never change the image tower (CoOp, the linear probe, DAPT
without visual prompts) see a fixed number of augmented *views* of each
photo whose features are computed once (``frozen_views``): the image tower
then runs ``views`` times per photo in all, not once per step.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ..tasks import check

CROP_SCALE = (0.08, 1.0)  # share of the photo's area a crop keeps
CROP_RATIO = (3 / 4, 4 / 3)


def _crop_box(height: int, width: int, gen: torch.Generator) -> tuple:
    """(top, left, h, w) of one random crop; the whole photo if ten draws miss."""
    area = height * width
    for _ in range(10):
        u = torch.rand(4, generator=gen).tolist()
        target = area * (CROP_SCALE[0] + u[0] * (CROP_SCALE[1] - CROP_SCALE[0]))
        log_lo, log_hi = math.log(CROP_RATIO[0]), math.log(CROP_RATIO[1])
        ratio = math.exp(log_lo + u[1] * (log_hi - log_lo))
        w = int(round(math.sqrt(target * ratio)))
        h = int(round(math.sqrt(target / ratio)))
        if 0 < w <= width and 0 < h <= height:
            return int(u[2] * (height - h + 1)), int(u[3] * (width - w + 1)), h, w
    return 0, 0, height, width


def random_resized_crop(pixels: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """(B, 3, H, W) -> (B, 3, H, W), each photo cropped on its own and resized back."""
    height, width = pixels.shape[-2:]
    out = []
    for photo in pixels:
        top, left, h, w = _crop_box(height, width, gen)
        crop = photo[:, top:top + h, left:left + w].unsqueeze(0).float()
        out.append(F.interpolate(crop, size=(height, width), mode="bilinear",
                                 align_corners=False))
    return torch.cat(out).to(pixels.dtype)


def random_flip(pixels: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    mask = torch.rand(len(pixels), generator=gen) < 0.5
    if mask.any():
        pixels = pixels.clone()
        pixels[mask] = pixels[mask].flip(-1)
    return pixels


def augment(pixels: torch.Tensor, gen: torch.Generator, flip: bool, crop: bool) -> torch.Tensor:
    if crop:
        pixels = random_resized_crop(pixels, gen)
    if flip:
        pixels = random_flip(pixels, gen)
    return pixels


def view_count(flip: bool, crop: bool, views: int) -> int:
    """How many fixed views of each photo: 1 without augmentation, the photo
    and its mirror with flips only, ``views`` with crops."""
    if crop:
        return max(1, views)
    return 2 if flip else 1


@torch.no_grad()
def frozen_views(encode, pixels: torch.Tensor, gen: torch.Generator, flip: bool, crop: bool,
                 views: int, batch: int = 64, progress=None, cancel=None) -> torch.Tensor:
    """(V, N, D) features: view 0 the photo itself, the rest augmented.

    ``encode`` maps a pixel batch to normalised features; ``progress(done,
    total, message)`` follows the batches (on a CPU with ViT-B-32, 40 photos
    x 4 views are half a minute), ``cancel`` is checked between them.
    """
    count = view_count(flip, crop, views)
    starts = range(0, len(pixels), batch)
    out = []
    for v in range(count):
        if v == 0:
            px = pixels
        elif crop:
            px = augment(pixels, gen, flip, crop)
        else:
            px = pixels.flip(-1)  # flips only: the one other view is the mirror image
        feats = []
        for i in starts:
            check(cancel)
            feats.append(encode(px[i:i + batch]))
            if progress is not None:
                progress(v * len(starts) + i // batch + 1, count * len(starts),
                         f"looking at the photos ({v + 1}/{count})")
        out.append(torch.cat(feats))
    return torch.stack(out)
