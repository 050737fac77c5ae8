"""Shared benchmark helpers: a random-weight ViT-B-32 in the local-dir layout, test photos,
and report() / machine_flags() for benchmarks/summary.py."""

from __future__ import annotations

import json
import os
import statistics
import sys
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


def copies(src: Path, n: int, folder: str, distinct: bool = False) -> list:
    """``n`` copies of ``src`` in ``OUT/folder``. With ``distinct`` their bytes differ (a
    tag after the JPEG's end, which decoders ignore): the photo feature cache is keyed by
    content, so identical copies would be analysed once and then served from it. The tag
    names the folder, so two sets never share content."""
    d = OUT / folder
    d.mkdir(parents=True, exist_ok=True)
    data = src.read_bytes()
    paths = []
    for i in range(n):
        p = d / f"{i:04d}{src.suffix}"
        want = data + f"{folder}:{i}".encode() if distinct else data
        if not p.exists() or (distinct and p.read_bytes() != want):
            p.write_bytes(want)
        paths.append(p)
    return paths


def distinct_copies(src: Path, n: int, folder: str) -> list:
    return copies(src, n, folder, distinct=True)


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


# --- reporting: one JSON line per headline figure, for benchmarks/summary.py ---------------

REPORT_ENV = "MOODPLAYER_BENCH_REPORT"
CPU_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16")


def report(figure: str, value: float, unit: str, target: str = None, ratio: float = None,
           baseline: float = None, ok: bool = None, echo: bool = True) -> dict:
    """One headline figure: a line on stdout and, when $MOODPLAYER_BENCH_REPORT names a
    file, one JSON line appended to it (the summary reads those, not the human output,
    so a benchmark may word its own lines as it likes).

    ``target`` is the target in words ("< 1000 ms", ">= 80% of the bare encoder");
    ``ok`` whether it is met (None: no target, or not decidable here). ``ratio`` is the
    figure against its reference; given a ``baseline`` (same unit) it defaults to
    value / baseline. ``echo=False`` when the benchmark already printed the figure.
    """
    if ratio is None and baseline:
        ratio = value / baseline
    row = {"bench": Path(sys.argv[0]).stem, "figure": figure, "value": _num(value),
           "unit": unit, "target": target, "ratio": _num(ratio), "baseline": _num(baseline),
           "ok": None if ok is None else bool(ok)}
    if echo:
        print(_line(row), flush=True)
    path = os.environ.get(REPORT_ENV)
    if path:
        # one write() of a whole line in append mode: lines of two writers never interleave
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
    return row


def _num(x):
    """JSON-safe float (numpy scalars and ints included), 4 significant digits kept."""
    return None if x is None else float(f"{float(x):.4g}")


def _line(row: dict) -> str:
    text = f"{row['figure']}: {row['value']:g} {row['unit']}"
    if row["ratio"] is not None:
        text += f" ({row['ratio']:.3g}x)"
    if row["target"]:
        met = {True: "met", False: "NOT met", None: "?"}[row["ok"]]
        text += f"   target {row['target']}: {met}"
    return text


def machine_flags() -> dict:
    """What the numbers depend on: CPU model, cores, the vector/matrix units torch can use,
    torch's version and chosen kernel level, and the CUDA GPU if there is one."""
    from moodplayer.engine.vision.machine import cpu_info  # what the CPU plan is keyed by

    name, have = cpu_info()  # have: None where the OS does not say (unknown, not "absent")
    flags = {"cpu": name, "cores": os.cpu_count()}
    for unit in CPU_FLAGS:
        flags[unit] = None if have is None else unit in have
    flags.update(_torch_flags())
    return flags


def _torch_flags() -> dict:
    try:
        import torch
    except ImportError:
        return {"torch": None, "cpu_capability": None, "cuda": None}
    try:
        capability = torch.backends.cpu.get_cpu_capability()
    except AttributeError:  # torch < 2.1
        capability = None
    cuda = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    return {"torch": torch.__version__, "cpu_capability": capability, "cuda": cuda}
