"""Tuning time: the automatic search a user runs, and seconds per epoch per method.

Random weights run at the speed of real ones, so no download is needed
(ViT-B-32 is the app's default model):

    # what the Tune tab costs: 40 labels (5 per emotion), automatic settings
    PYTHONPATH=src python benchmarks/bench_dapt.py auto --device cpu
    # the same, every trial run to its last epoch (no early stop): the worst case
    PYTHONPATH=src python benchmarks/bench_dapt.py auto --device cpu --no-early-stop
    # cancelling: how long after the request the search returns
    PYTHONPATH=src python benchmarks/bench_dapt.py auto --device cpu --cancel-after 20
    # seconds per epoch, settings as given
    PYTHONPATH=src python benchmarks/bench_dapt.py epochs --device cpu --epochs 2

Prints one JSON line per measurement, with the load average before and after:
the machine these numbers come from is shared, and other jobs slow it down.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import report  # noqa: E402


def write_photos(root: Path, names, shots: int) -> None:
    rng = np.random.default_rng(0)
    for label, name in enumerate(names):
        (root / name).mkdir(parents=True)
        for i in range(shots):
            px = rng.integers(0, 255, (256, 320, 3), dtype=np.uint8)
            Image.fromarray(px).save(root / name / f"{i}.jpg", quality=90)


def _load_average() -> list:
    return [round(x, 2) for x in os.getloadavg()]


def _progress(every: float = 5.0):
    """Progress on stderr at most every ``every`` seconds, and the last message."""
    state = {"last": 0.0, "message": ""}

    def show(done, total, message=""):
        state["message"] = message
        now = time.monotonic()
        if now - state["last"] >= every or done >= total:
            state["last"] = now
            print(f"  {done}/{total} {message}", file=sys.stderr, flush=True)
    return show, state


def bench_auto(args, model, tax, data, device) -> dict:
    from moodplayer.engine.dapt.auto import auto_tune, default_space
    from moodplayer.engine.dapt.trainer import TuneConfig
    from moodplayer.engine.errors import Cancelled
    from moodplayer.engine.tasks import CancelToken

    space = default_space(args.method, True)
    if args.no_early_stop:
        space = dataclasses.replace(space, patience=space.max_epochs)
    cancel = CancelToken()
    show, state = _progress()
    started = time.perf_counter()
    requested = []

    def press_cancel():  # as the window's Cancel button does, from another thread
        requested.append(time.perf_counter())
        cancel.cancel()

    timer = threading.Timer(args.cancel_after, press_cancel) if args.cancel_after else None
    if timer is not None:
        timer.start()
    progress = show

    load_before = _load_average()
    out = {"mode": "auto", "model": args.model, "device": str(device), "method": args.method,
           "photos": len(data.items), "threads": _threads(), "load_before": load_before,
           "early_stop": not args.no_early_stop}
    try:
        result = auto_tune(model, tax, data, args.method, TuneConfig(), device, space=space,
                           budget_s=args.budget, progress=progress, cancel=cancel)
        out.update(outcome=result.outcome, seconds_total=round(time.perf_counter() - started, 1),
                   trials=[{k: t.to_json()[k] for k in ("lr", "visual_scale", "epochs_run",
                                                        "status", "seconds")}
                           for t in result.trials], notes=result.notes)
    except Cancelled:
        timer = None
        out.update(cancelled=True, seconds_total=round(time.perf_counter() - started, 1),
                   cancel_to_return_s=round(time.perf_counter() - requested[0], 2),
                   last_message=state["message"])
    if timer is not None:
        timer.cancel()
    out["load_after"] = _load_average()
    return out


def _threads() -> int:
    import torch

    return torch.get_num_threads()


def bench_epochs(args, model, tax, data, device) -> list:
    from moodplayer.engine.dapt.data import load_pixels
    from moodplayer.engine.dapt.trainer import TuneConfig, train

    t = time.perf_counter()
    pixels = load_pixels(data, model.preprocess, model.image_size)
    decode = time.perf_counter() - t
    rows = []
    for method in args.methods.split(","):
        load_before = _load_average()
        cfg = TuneConfig(method=method, epochs=args.epochs)
        result = train(model, tax, data, cfg, device, pixels=pixels)
        rows.append({"mode": "epochs", "model": args.model, "device": str(device),
                     "threads": _threads(), "method": method, "photos": len(data.items),
                     "epochs": args.epochs, "seconds_total": round(result.seconds, 2),
                     "seconds_per_epoch": round(result.seconds_per_epoch, 3),
                     "decode_seconds": round(decode, 2), "load_before": load_before,
                     "load_after": _load_average()})
    return rows


def report_row(row: dict) -> None:
    """A row's headline figure for benchmarks/summary.py (the JSON line says the rest)."""
    where = f"{row['model']}, {row['device']}, {row['photos']} photos"
    if row["mode"] == "epochs":
        report(f"{row['method']}: {row['epochs']} epoch(s), {where}", row["seconds_per_epoch"],
               "s/epoch", echo=False)
    elif row.get("cancelled"):
        report(f"auto-tune ({row['method']}): cancel to return, {where}",
               row["cancel_to_return_s"], "s", echo=False)
    else:
        report(f"auto-tune ({row['method']}), {len(row['trials'])} trial(s), {where}",
               row["seconds_total"], "s", echo=False)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["auto", "epochs"], nargs="?", default="auto")
    ap.add_argument("--model", default="ViT-B-32")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--shots", type=int, help="photos per emotion (default: 5 auto, 16 epochs)")
    ap.add_argument("--method", default="dapt", help="auto: the method searched")
    ap.add_argument("--budget", type=float, default=180.0, help="auto: the search's time budget, s")
    ap.add_argument("--no-early-stop", action="store_true", help="auto: every trial to its end")
    ap.add_argument("--cancel-after", type=float, help="auto: cancel after this many seconds")
    ap.add_argument("--epochs", type=int, default=2, help="epochs: epochs per method")
    ap.add_argument("--methods", default="dapt,coop,linear", help="epochs: methods timed")
    args = ap.parse_args()

    from moodplayer.engine.dapt.data import load_labelled
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.model import builtin_model_config, load_model, save_model_folder

    tax = load_taxonomy("mikels8")
    shots = args.shots or (5 if args.mode == "auto" else 16)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = save_model_folder(tmp / "model", builtin_model_config(args.model))
        model = load_model(f"local-dir:{folder}", device=args.device, precision="fp32")
        write_photos(tmp / "photos", tax.names, shots)
        data = load_labelled(tmp / "photos", tax)
        if args.mode == "auto":
            rows = [bench_auto(args, model, tax, data, model.device)]
        else:
            rows = bench_epochs(args, model, tax, data, model.device)
    for row in rows:
        print(json.dumps(row), flush=True)
        report_row(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
