"""Measure, once, which CPU path runs this model fastest without changing what it sees.

Candidates: fp32 (always), bf16 weights (only where the CPU computes bf16
natively; emulated bf16 measured 5x slower than fp32), and int8 with each
quantised engine this PyTorch has. Each is built from the fp32 image tower,
run on a fixed batch of photo-like calibration images, and timed on that
batch and on one image. A path counts only if every calibration feature
keeps a cosine of at least ``MIN_COSINE`` to fp32's; the fastest of those
wins, by the geometric mean of its batch and single-photo speed-ups, and
must beat fp32 by ``MARGIN`` (noise on a busy machine must not flip paths).

Then, for the winner, the intra-op thread count for a batch and for one
photo, and the number of decoding threads that keeps the encoder fed.
"""

from __future__ import annotations

import copy
import logging
import math
import statistics
import time
from typing import Callable, Optional

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from . import machine
from .cpu_plan import MIN_COSINE, CpuPlan

log = logging.getLogger(__name__)

CALIBRATION_IMAGES = 8
MARGIN = 1.05  # a path must be 5% faster than fp32 (geometric mean) to replace it
ROUNDS = 3  # interleaved timing rounds over all paths


def calibration_images(n: int = CALIBRATION_IMAGES, size: int = 256) -> list:
    """Photo-like RGB images: smooth colour fields with edges and grain, fixed seed."""
    rng = np.random.default_rng(1234)
    images = []
    for _ in range(n):
        coarse = (rng.random((6, 6, 3)) * 255).astype(np.uint8)
        base = np.asarray(Image.fromarray(coarse).resize((size, size), Image.BICUBIC), np.float32)
        base += rng.normal(0, 8, base.shape)
        images.append(Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)))
    return images


def _variant(visual: torch.nn.Module, path: str, engine: Optional[str]):
    """A copy of the fp32 image tower on ``path``, as pixels -> fp32 features."""
    tower = copy.deepcopy(visual)
    if path == "bf16":
        tower.to(torch.bfloat16)
        return lambda px: tower(px.to(torch.bfloat16)).float()
    if path == "int8":
        from .int8 import quantize_tower

        quantize_tower(tower, engine)
    return lambda px: tower(px).float()


def candidates() -> list:
    """(label, precision, engine) for every path worth measuring on this CPU."""
    from .int8 import available_engines
    from .model import cpu_has_fast_bf16

    out = [("fp32", "fp32", None)]
    if cpu_has_fast_bf16():
        out.append(("bf16", "bf16", None))
    out += [(f"int8-{e}", "int8", e) for e in available_engines()]
    return out


def _cosine(fn: Callable, pixels: torch.Tensor, reference: torch.Tensor) -> float:
    cosine = float((F.normalize(fn(pixels), dim=-1) * reference).sum(-1).min())
    return cosine if math.isfinite(cosine) else -1.0


@torch.inference_mode()
def _time_in_rounds(fns: dict, pixels: torch.Tensor, rounds: int = ROUNDS,
                    warm_up: bool = True) -> dict:
    """label -> (median s for the batch, median s for one photo), measured interleaved.

    Round-robin rather than one path after the other: when other programs
    load the machine for a while, every path is slowed alike and the
    ratios between them, which decide, stay right.
    """
    times = {label: ([], []) for label in fns}
    for fn in fns.values() if warm_up else ():  # first calls allocate and pack
        fn(pixels)
        fn(pixels[:1])
    for _ in range(rounds):
        for label, fn in fns.items():
            for i, px in enumerate((pixels, pixels[:1])):
                t = time.perf_counter()
                fn(px)
                times[label][i].append(time.perf_counter() - t)
    return {label: (statistics.median(b), statistics.median(s)) for label, (b, s) in times.items()}


def measure_paths(model, pixels: torch.Tensor, note: Callable = log.info) -> tuple:
    """(label -> measurement or {'error': ...}, label -> pixels-to-features) for every path."""
    visual = model.model.visual
    fns, results = {}, {}
    with torch.inference_mode():
        reference = F.normalize(visual(pixels).float(), dim=-1)
        for label, precision, engine in candidates():
            note(f"preparing {label}")
            try:
                fn = (lambda px: visual(px).float()) if precision == "fp32" \
                    else _variant(visual, precision, engine)
                results[label] = {"min_cosine": round(_cosine(fn, pixels, reference), 6)}
                fns[label] = fn
            except Exception as exc:  # noqa: BLE001 - a path that fails is simply not chosen
                log.warning("CPU path %s failed: %s", label, exc)
                results[label] = {"error": str(exc)[:200]}
    note("timing every path")
    for label, (batch, single) in _time_in_rounds(fns, pixels).items():
        results[label].update(batch_img_s=round(len(pixels) / batch, 2),
                              single_ms=round(single * 1000, 2))
    return results, fns


def speedup(result: dict, base: dict) -> float:
    """Geometric mean of the batch and single-photo speed-ups over ``base``."""
    batch = result["batch_img_s"] / base["batch_img_s"]
    single = base["single_ms"] / result["single_ms"]
    return math.sqrt(batch * single)


def choose(results: dict) -> tuple:
    """(label, reason) of the fastest path that keeps fp32's features."""
    base = results["fp32"]
    best, best_gain = "fp32", MARGIN
    for label, result in results.items():
        if label == "fp32" or "error" in result or result["min_cosine"] < MIN_COSINE:
            continue
        gain = speedup(result, base)
        if gain >= best_gain:
            best, best_gain = label, gain
    if best == "fp32":
        return best, "fp32: no faster path kept cosine >= %.3f to fp32" % MIN_COSINE
    r = results[best]
    return best, (f"{best}: {r['batch_img_s'] / base['batch_img_s']:.2f}x fp32's batch speed, "
                  f"{r['single_ms'] / base['single_ms']:.2f}x its time for one photo, "
                  f"min cosine {r['min_cosine']:.4f}")


def thread_choices(default: int) -> list:
    """The default intra-op thread count and up to two halvings of it."""
    counts = [default]
    while len(counts) < 3 and counts[-1] > 1:
        counts.append(max(1, counts[-1] // 2))
    return counts


def measure_threads(fn: Callable, pixels: torch.Tensor, rounds: int = ROUNDS) -> tuple:
    """(threads for a batch, threads for one photo), each the fastest measured (interleaved;
    ``fn`` is warm already: it was just timed as a path)."""
    default = torch.get_num_threads()
    counts = thread_choices(default)
    if len(counts) == 1:
        return default, default

    def on_threads(n: int) -> Callable:
        def run(px):
            torch.set_num_threads(n)
            return fn(px)
        return run

    try:
        times = _time_in_rounds({n: on_threads(n) for n in counts}, pixels, rounds, warm_up=False)
    finally:
        torch.set_num_threads(default)
    batch = min(counts, key=lambda n: times[n][0])
    single = min(counts, key=lambda n: times[n][1])
    return batch, single


def calibrate(model, note: Callable = log.info) -> CpuPlan:
    """Measure every path, threads and decoders for ``model`` (fp32, on the CPU)."""
    from .decode_speed import decode_workers_for

    load = machine.load_average()
    images = calibration_images()
    pixels = torch.stack([model.preprocess(im) for im in images]).float()
    results, fns = measure_paths(model, pixels, note)
    label, reason = choose(results)
    precision, _, engine = label.partition("-")
    plan = CpuPlan(precision=precision, engine=engine or None, reason=reason, measured=results)
    note("measuring threads")
    fn = fns[label]
    fns.clear()  # the other paths' copies of the tower can go now
    plan.threads_batch, plan.threads_single = measure_threads(fn, pixels)
    fn = None
    note("measuring photo decoding")
    plan.decode_workers = decode_workers_for(results[label]["batch_img_s"], model.image_size)
    log.info("CPU plan for %s: %s; threads %d/%d, %d decoders", model.spec.describe(), reason,
             plan.threads_batch, plan.threads_single, plan.decode_workers)
    plan.machine = machine.describe()
    plan.when = time.time()
    plan.busy_load = round(load, 2) if machine.busy(load) else 0.0
    return plan
