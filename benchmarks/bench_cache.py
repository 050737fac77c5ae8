"""A second drop of the same photos comes from the feature cache: how much faster?

    python benchmarks/bench_cache.py [--n 200] [--size 1152x864] [--precision auto]

Target: the second drop of the same 200 photos is at least 10x faster than
the first (ViT-B-32 with random weights: the real model's shapes and speed).
Prints the load average next to each number: on a shared machine other work
slows the first (model-bound) drop more than the second (hash-bound) one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, os.path.dirname(__file__))
from common import copies, photo, report, vit_b32_dir  # noqa: E402

from moodplayer.engine.emotions.embedding_cache import EmbeddingCache  # noqa: E402
from moodplayer.engine.emotions.extractor import EmotionExtractor  # noqa: E402
from moodplayer.engine.emotions.taxonomy import load_taxonomy  # noqa: E402
from moodplayer.engine.vision.model import load_model  # noqa: E402


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--size", default="1152x864", help="WIDTHxHEIGHT of the test photos")
    ap.add_argument("--precision", default="auto")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))

    model = load_model(f"local-dir:{vit_b32_dir()}", "auto", args.precision)
    src = photo(w, h, f"cache-{w}x{h}.jpg")
    # distinct contents (a byte appended after the JPEG's end), like 200 different photos
    paths = copies(src, args.n, f"cache-copies-{w}x{h}")
    for i, p in enumerate(paths):
        data = src.read_bytes() + i.to_bytes(4, "little")
        if p.read_bytes() != data:
            p.write_bytes(data)
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(Path(tmp) / "features.sqlite3")
        ex = EmotionExtractor(model, load_taxonomy(), cache=cache)
        ex.analyze_paths(paths[:2])  # warm up (threads, first batch), then forget it
        cache.path.unlink()
        print(f"device={model.device} dtype={model.dtype} threads={torch.get_num_threads()} "
              f"n={args.n} photos {w}x{h} ({src.stat().st_size / 1e6:.2f} MB each)")
        before = load()
        first = timed(lambda: ex.analyze_paths(paths))
        print(f"first drop : {first:7.2f} s  ({args.n / first:6.1f} photos/s)  load {before}")
        before = load()
        second = timed(lambda: ex.analyze_paths(paths))
        print(f"second drop: {second:7.2f} s  ({args.n / second:6.1f} photos/s)  load {before}")
        ratio = first / second
        print(f"ratio {ratio:.1f}x (target >= 10x): {'PASS' if ratio >= 10 else 'FAIL'}  "
              f"load {load()}")
        report(f"first drop of {args.n} photos {w}x{h}", args.n / first, "photos/s", echo=False)
        report("second drop (feature cache)", args.n / second, "photos/s", echo=False)
        report("second drop speed-up", ratio, "x", target=">= 10x", ok=ratio >= 10, echo=False)


if __name__ == "__main__":
    main()
