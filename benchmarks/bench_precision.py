"""The CPU precision ladder: fp32 against bf16 and int8, measured in one run.

    python benchmarks/bench_precision.py [--photos 500] [--batch 16] [--emulate-avx2]

ViT-B-32 with random weights (same shapes and speed as real ones), loaded
through the app's own ``load_model`` at each precision, so every path is the
one users get. Per path: batch throughput and one-photo latency of the bare
image tower, the minimum cosine of its features to fp32's, and how often the
zero-shot top emotion matches fp32's over ``--photos`` synthetic photos.
Then ``auto``: which path this machine's measured plan picks, and why.

``--emulate-avx2`` reruns the script with PyTorch's kernels capped at AVX2
(``ATEN_CPU_CAPABILITY``, ``ONEDNN_MAX_CPU_ISA``, ``FBGEMM_ENABLE_INSTRUCTIONS``):
the CPUs most laptops have, without native bf16 or AVX-512.

Targets, on a CPU without native bf16: int8 batch >= 1.6x fp32, one photo
<= 0.6x fp32's time, min cosine >= 0.999, same top emotion on >= 99%. On a
bf16 CPU: auto no slower than bf16 weights (the choice before the ladder).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from common import report as _report  # noqa: E402
from common import timeit, vit_b32_dir  # noqa: E402

AVX2_ONLY = {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2",
             "FBGEMM_ENABLE_INSTRUCTIONS": "AVX2"}


def report(figure: str, value: float, unit: str, **kw) -> None:
    """Figures under emulation are named apart from the machine's own."""
    suffix = ", AVX2 emulated" if os.environ.get("ONEDNN_MAX_CPU_ISA") == "AVX2" else ""
    _report(f"{figure}{suffix}", value, unit, echo=False, **kw)


def synthetic_photos(n: int, size: int = 256) -> list:
    """Varied photo-like images: colour fields, gradients, blocks, grain."""
    rng = np.random.default_rng(500)
    out = []
    for i in range(n):
        cells = int(rng.integers(2, 12))
        coarse = (rng.random((cells, cells, 3)) * 255).astype(np.uint8)
        arr = np.asarray(Image.fromarray(coarse).resize((size, size), Image.BICUBIC), np.float32)
        ramp = np.linspace(-60, 60, size, dtype=np.float32)
        arr += (ramp[:, None, None] if i % 2 else ramp[None, :, None]) * rng.random()
        y, x = rng.integers(0, size - 64, 2)
        arr[y:y + 64, x:x + 64] = rng.random(3) * 255
        arr += rng.normal(0, rng.uniform(2, 20), arr.shape)
        out.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))
    return out


def load(precision: str):
    from moodplayer.engine.emotions.extractor import EmotionExtractor
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.model import load_model

    model = load_model(f"local-dir:{vit_b32_dir()}", "cpu", precision)
    return model, EmotionExtractor(model, load_taxonomy()).head


@torch.inference_mode()
def features_and_tops(model, head, pixels: torch.Tensor, batch: int) -> tuple:
    feats = torch.cat([head.encode_images(pixels[i:i + batch]) for i in range(0, len(pixels), batch)])
    return F.normalize(feats, dim=-1), head.logits(feats).argmax(-1)


def measure(precision: str, pixels: torch.Tensor, batch: int) -> dict:
    model, head = load(precision)
    px = pixels[:batch]
    per_img = timeit(lambda: model.encode_images(px), repeat=3) / batch
    one = timeit(lambda: model.encode_images(px[:1]), repeat=9, warmup=2)
    feats, tops = features_and_tops(model, head, pixels, batch)
    ranked = (feats @ head.text.T).sort(-1).values
    return {"model": model, "img_s": 1 / per_img, "single_ms": one * 1000,
            "feats": feats, "tops": tops, "margins": ranked[:, -1] - ranked[:, -2]}


def compare(name: str, r: dict, base: dict, native_bf16: bool) -> None:
    cosine = float((r["feats"] * base["feats"]).sum(-1).min())
    flips = r["tops"] != base["tops"]
    same = 1.0 - float(flips.float().mean())
    if flips.any():  # a random-weight model has near-ties: how near were the flipped ones?
        margins = base["margins"]
        print(f"       {int(flips.sum())} top emotion(s) differ; their fp32 top-2 margins "
              f"{', '.join(f'{m:.5f}' for m in margins[flips].tolist())} (cosine units; "
              f"median margin over all photos {float(margins.median()):.5f})")
    batch_ratio, single_ratio = r["img_s"] / base["img_s"], r["single_ms"] / base["single_ms"]
    print(f"{name:>5}: {r['img_s']:6.1f} img/s ({batch_ratio:4.2f}x fp32) | one photo "
          f"{r['single_ms']:6.1f} ms ({single_ratio:4.2f}x) | min cosine {cosine:.5f} | "
          f"same top emotion {same * 100:5.1f}%")
    strict = name == "int8" and not native_bf16  # the targets are for AVX2-class CPUs
    report(f"{name} batch throughput", r["img_s"], "img/s", ratio=batch_ratio,
           target=">= 1.6x fp32" if strict else None, ok=batch_ratio >= 1.6 if strict else None)
    report(f"{name} one photo", r["single_ms"], "ms", ratio=single_ratio,
           target="<= 0.6x fp32" if strict else None, ok=single_ratio <= 0.6 if strict else None)
    report(f"{name} min cosine to fp32", cosine, "", target=">= 0.999", ok=cosine >= 0.999)
    report(f"{name} same top emotion", same * 100, "%", target=">= 99%", ok=same >= 0.99)


def run(args) -> None:
    from moodplayer.engine.vision import machine
    from moodplayer.engine.vision.int8 import available_engines
    from moodplayer.engine.vision.model import cpu_has_fast_bf16

    native = cpu_has_fast_bf16()
    print(f"machine: {machine.describe()}; native bf16: {native}; threads "
          f"{torch.get_num_threads()}; {args.photos} synthetic photos, batch {args.batch}")
    model, _ = load("fp32")
    pixels = torch.stack([model.preprocess(im) for im in synthetic_photos(args.photos)])
    del model
    base = measure("fp32", pixels, args.batch)
    print(f" fp32: {base['img_s']:6.1f} img/s | one photo {base['single_ms']:6.1f} ms")
    report("fp32 batch throughput", base["img_s"], "img/s")
    paths = (["bf16"] if native else []) + (["int8"] if available_engines() else [])
    results = {}
    for name in paths:
        results[name] = measure(name, pixels, args.batch)
        compare(name, results[name], base, native)
    auto(args, pixels, native, results)


def auto(args, pixels, native: bool, results: dict) -> None:
    """What ``auto`` picks here (measured now, in a fresh home), against bf16 when native."""
    os.environ["MOODPLAYER_HOME"] = tempfile.mkdtemp(prefix="mp-bench-precision-")
    r = measure("auto", pixels, args.batch)
    plan = r["model"].plan
    print(f" auto: {plan.reason}; threads batch/one {plan.threads_batch}/{plan.threads_single}, "
          f"{plan.decode_workers} decoders")
    if native and "bf16" in results:
        ratio = r["img_s"] / results["bf16"]["img_s"]
        print(f"       {r['img_s']:6.1f} img/s = {ratio:4.2f}x bf16 weights (target >= 1.0x); "
              f"one photo {r['single_ms']:6.1f} ms")
        report("auto batch vs bf16 weights", r["img_s"], "img/s", ratio=ratio,
               target=">= 1.0x bf16", ok=ratio >= 0.95)  # 5%: the noise of a shared machine


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=500)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--emulate-avx2", action="store_true",
                    help="run again with PyTorch's kernels capped at AVX2 (no native bf16)")
    args = ap.parse_args()
    if args.emulate_avx2 and os.environ.get("ONEDNN_MAX_CPU_ISA") != "AVX2":
        argv = [a for a in sys.argv[1:] if a != "--emulate-avx2"]
        env = dict(os.environ, **AVX2_ONLY)
        raise SystemExit(subprocess.call([sys.executable, str(Path(__file__))] + argv +
                                         ["--emulate-avx2"], env=env))
    run(args)


if __name__ == "__main__":
    main()
