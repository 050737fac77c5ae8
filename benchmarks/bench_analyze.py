"""Speed of `analyze` against the bare image encoder, measured in the same run.

    python benchmarks/bench_analyze.py [--precision auto|fp32|bf16] [--batch 16] [--n 64]

Targets (2-core CPU, ViT-B-32): batch throughput >= 80% of the bare encoder's;
one photo end to end < 1.5x the bare encoder's single-image forward.
"""

from __future__ import annotations

import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from common import copies, photo, report, timeit, vit_b32_dir  # noqa: E402

from moodplayer.engine.emotions.extractor import EmotionExtractor  # noqa: E402
from moodplayer.engine.emotions.taxonomy import load_taxonomy  # noqa: E402
from moodplayer.engine.vision.model import load_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--n", type=int, default=64, help="photos per throughput run")
    args = ap.parse_args()

    model = load_model(f"local-dir:{vit_b32_dir()}", "auto", args.precision)
    # no feature cache: every pass must decode and encode, as the bare encoder does
    ex = EmotionExtractor(model, load_taxonomy(), batch_size=args.batch, cache=False)
    print(f"device={model.device} dtype={model.dtype} threads={torch.get_num_threads()} "
          f"batch={args.batch} n={args.n}")

    pixels = torch.randn(args.batch, 3, model.image_size, model.image_size)
    bare_batch = timeit(lambda: model.encode_images(pixels), repeat=5) / args.batch
    one = pixels[:1]
    bare_one = timeit(lambda: model.encode_images(one), repeat=15, warmup=3)
    print(f"bare encoder: {1 / bare_batch:6.1f} img/s at batch {args.batch}; "
          f"{bare_one * 1000:6.1f} ms for one image")
    report(f"bare encoder, batch {args.batch}", 1 / bare_batch, "img/s", echo=False)
    report("bare encoder, one image", bare_one * 1000, "ms", echo=False)

    for label, (w, h) in (("12MP", (4000, 3000)), ("1MP", (1152, 864))):
        src = photo(w, h, f"{label}.jpg")
        paths = copies(src, args.n, f"copies-{label}")
        per_img = timeit(lambda: ex.analyze_paths(paths), repeat=2) / len(paths)
        single = timeit(lambda: ex.analyze_paths([src]), repeat=15, warmup=3)
        thr_ratio = (1 / per_img) / (1 / bare_batch)
        lat_ratio = single / bare_one
        print(f"{label:>4} ({src.stat().st_size / 1e6:.1f} MB): analyze {1 / per_img:6.1f} img/s "
              f"= {thr_ratio * 100:5.1f}% of bare (target >= 80%) | one photo "
              f"{single * 1000:6.1f} ms = {lat_ratio:4.2f}x bare (target < 1.5x)")
        report(f"analyze throughput, {label}", 1 / per_img, "img/s",
               target=">= 80% of the bare encoder", ratio=thr_ratio, ok=thr_ratio >= 0.8,
               echo=False)
        report(f"analyze one photo, {label}", single * 1000, "ms",
               target="< 1.5x the bare encoder", ratio=lat_ratio, ok=lat_ratio < 1.5, echo=False)


if __name__ == "__main__":
    main()
