"""Shared benchmark helpers: a random-weight ViT-B-32 in the local-dir layout, test photos."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(os.environ.get("MOODPLAYER_BENCH_DIR", Path(tempfile.gettempdir()) / "moodplayer-bench"))


def vit_b32_dir() -> Path:
    """ViT-B-32 with random weights: same shapes, same FLOPs, same speed as real ones."""
    from moodplayer.engine.vision.model import builtin_model_config, save_model_folder

    folder = OUT / "vit-b-32-random"
    if not (folder / "open_clip_model.safetensors").exists():
        save_model_folder(folder, builtin_model_config("ViT-B-32"))
    return folder


def photo(width: int, height: int, name: str, quality: int = 90) -> Path:
    """A photo-like JPEG (smooth colour fields + fine grain), so it compresses like a real one."""
    path = OUT / name
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(width)
    base = Image.fromarray((rng.random((height // 100 + 2, width // 100 + 2, 3)) * 255)
                           .astype(np.uint8)).resize((width, height), Image.BICUBIC)
    grain = rng.normal(0, 6, (height, width, 3))
    arr = np.clip(np.asarray(base, dtype=np.float32) + grain, 0, 255).astype(np.uint8)
    Image.fromarray(arr).save(path, quality=quality)
    return path


def copies(src: Path, n: int, folder: str) -> list:
    d = OUT / folder
    d.mkdir(parents=True, exist_ok=True)
    data = src.read_bytes()
    paths = []
    for i in range(n):
        p = d / f"{i:04d}{src.suffix}"
        if not p.exists():
            p.write_bytes(data)
        paths.append(p)
    return paths


def timeit(fn, repeat: int, warmup: int = 1) -> float:
    """Median seconds of ``repeat`` calls after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
