"""Size and CPU speed of the known-good CLIP models (engine/models/catalog.py).

    python benchmarks/bench_models.py [--threads N] [--models ViT-B-32,ViT-L-14]

Builds each architecture with random weights (no download: the speed and the
size of the weights file do not depend on the values), counts the
parameters, and times the image encoder in fp32 on the CPU: a batch of 8
photos at the model's input size, median of 3 after a warm-up. Prints the
numbers the catalog quotes (download size = parameters x 4 bytes, rounded).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import report  # noqa: E402

DEFAULT = "ViT-B-32,ViT-B-16,ViT-L-14,ViT-H-14"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=DEFAULT)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--batch", type=int, default=8)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import open_clip

    print(f"torch {torch.__version__}, {args.threads} threads, fp32, batch {args.batch}")
    print(f"{'model':<10} {'params':>8} {'fp32 MB':>8} {'img/s':>7}")
    for name in args.models.split(","):
        model = open_clip.create_model(name, pretrained=None, device="cpu").eval()
        params = sum(p.numel() for p in model.parameters())
        size = model.visual.image_size
        size = size[0] if isinstance(size, (tuple, list)) else size
        x = torch.randn(args.batch, 3, size, size)
        times = []
        with torch.inference_mode():
            model.encode_image(x[:2])  # warm-up
            for _ in range(3):
                t = time.perf_counter()
                model.encode_image(x)
                times.append(time.perf_counter() - t)
        rate = args.batch / statistics.median(times)
        print(f"{name:<10} {params / 1e6:>7.1f}M {params * 4 / 1e6:>8.0f} {rate:>7.1f}", flush=True)
        report(f"{name} image encoder, fp32, batch {args.batch}, {args.threads} thread(s)", rate,
               "img/s", echo=False)
        del model


if __name__ == "__main__":
    main()
