"""Seconds per epoch of DAPT / CoOp / linear probe: 16 shots x 8 classes, ViT-B-32.

Random weights run at the speed of real ones, so no download is needed:

    PYTHONPATH=src python benchmarks/bench_dapt.py --device cpu --epochs 2
    PYTHONPATH=src python benchmarks/bench_dapt.py --device cuda --epochs 5

Prints one JSON line per method. Photo decoding is timed separately (it
happens once per training run, not per epoch).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image


def write_photos(root: Path, names, shots: int) -> None:
    rng = np.random.default_rng(0)
    for label, name in enumerate(names):
        (root / name).mkdir(parents=True)
        for i in range(shots):
            px = rng.integers(0, 255, (256, 320, 3), dtype=np.uint8)
            Image.fromarray(px).save(root / name / f"{i}.jpg", quality=90)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="ViT-B-32")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--shots", type=int, default=16)
    ap.add_argument("--methods", default="dapt,coop,linear")
    args = ap.parse_args()

    import torch

    from moodplayer.engine.dapt.data import load_labelled, load_pixels
    from moodplayer.engine.dapt.trainer import TuneConfig, train
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.model import builtin_model_config, load_model, save_model_folder

    tax = load_taxonomy("mikels8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = save_model_folder(tmp / "model", builtin_model_config(args.model))
        model = load_model(f"local-dir:{folder}", device=args.device, precision="fp32")
        write_photos(tmp / "photos", tax.names, args.shots)
        data = load_labelled(tmp / "photos", tax)
        t = time.perf_counter()
        pixels = load_pixels(data, model.preprocess, model.image_size)
        decode = time.perf_counter() - t
        for method in args.methods.split(","):
            cfg = TuneConfig(method=method, epochs=args.epochs)
            result = train(model, tax, data, cfg, model.device, pixels=pixels)
            print(json.dumps({
                "model": args.model, "device": str(model.device),
                "gpu": torch.cuda.get_device_name() if model.device.type == "cuda" else None,
                "threads": torch.get_num_threads(), "method": method,
                "photos": len(data.items), "epochs": args.epochs,
                "seconds_total": round(result.seconds, 2),
                "seconds_per_epoch": round(result.seconds_per_epoch, 3),
                "decode_seconds": round(decode, 2)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
