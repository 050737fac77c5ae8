"""How this machine runs a model on the CPU: precision, int8 engine, threads, decoders.

``precision="auto"`` on a CPU means "the fastest path whose features stay
within cosine ``MIN_COSINE`` of fp32". That is measured once per machine
and model (``calibrate.py``, a few seconds) and kept here, in a small JSON
file in the cache folder, under ``machine.machine_key()`` and the model's
identity. A damaged or unwritable file only means measuring again.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional

import torch

from .. import paths

log = logging.getLogger(__name__)

FILE_NAME = "cpu-plans.json"
VERSION = 1  # bump when what is measured, or how, changes: old plans are measured again
MIN_COSINE = 0.999  # a faster path must keep every calibration feature this close to fp32
MAX_TRIES = 3


@dataclass
class CpuPlan:
    precision: str = "fp32"  # fp32 | bf16 | int8
    engine: Optional[str] = None  # int8 only: the quantised engine that measured fastest
    threads_batch: int = 0  # intra-op threads for a batch (0: PyTorch's default)
    threads_single: int = 0  # ... for one photo
    decode_workers: int = 0  # photo decoding threads (0: the encoder's default)
    reason: str = ""  # plain words: why this path, with the numbers
    measured: dict = field(default_factory=dict)  # path -> {batch_img_s, single_ms, min_cosine}
    machine: str = ""
    when: float = 0.0
    busy_load: float = 0.0  # the load average when measured, if others kept the CPU busy
    tries: int = 1  # measurements so far; a busy one is taken again, up to MAX_TRIES

    @classmethod
    def from_dict(cls, data: dict) -> "CpuPlan":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        plan = cls(**known)
        if plan.precision not in ("fp32", "bf16", "int8"):
            raise ValueError(f"unknown precision {plan.precision!r}")
        return plan

    def threads_for(self, batch: int) -> int:
        return self.threads_single if batch == 1 else self.threads_batch


def model_key(model) -> str:
    """The model as speed sees it: its spec, input size and parameter count."""
    count = sum(p.numel() for p in model.model.visual.parameters())
    return f"{model.spec.raw}|{model.image_size}|{count}"


def _path() -> Path:
    return paths.cache_dir() / FILE_NAME


def _read_all() -> dict:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring the CPU speed file %s (%s): measuring again", _path(), exc)
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    plans = data.get("plans")
    return plans if isinstance(plans, dict) else {}


def load_plan(key: str) -> Optional[CpuPlan]:
    raw = _read_all().get(key)
    if raw is None:
        return None
    try:
        return CpuPlan.from_dict(raw)
    except (TypeError, ValueError) as exc:
        log.warning("ignoring a damaged CPU plan (%s): measuring again", exc)
        return None


def save_plan(key: str, plan: CpuPlan) -> None:
    """Keep ``plan`` for next time; a failure is logged, never raised."""
    plans = _read_all()
    plans[key] = asdict(plan)
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cpu-plans-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": VERSION, "plans": plans}, f, indent=1)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
    except OSError as exc:
        log.warning("could not keep the CPU speed measurement in %s: %s", path, exc)


def forget_plans() -> bool:
    """Drop every kept measurement (the next load measures again); True if one existed."""
    try:
        _path().unlink()
        return True
    except FileNotFoundError:
        return False


def apply_plan(model, plan: CpuPlan, defer_int8: bool = False) -> None:
    """Turn a freshly loaded fp32 CPU model into ``plan``'s path, in place.

    With ``defer_int8`` the int8 rewrite (~0.3 s for ViT-B-32) waits until the
    model has read one photo (``LoadedModel.settle``): a double-clicked photo
    is read at once by the fp32 weights already in memory, the rest in int8.
    """
    model.plan = plan
    if plan.precision == "bf16":
        model.model.to(torch.bfloat16)
        model.dtype = torch.bfloat16
    elif plan.precision == "int8":
        from .int8 import available_engines

        engine = plan.engine if plan.engine in available_engines() else None
        plan.engine = engine or (available_engines() or [None])[0]
        if plan.engine is None:
            raise RuntimeError("this PyTorch build has no int8 engine")
        model.pending_int8 = True
        if not defer_int8:
            finish_int8(model)
        return
    model.precision = plan.precision


def finish_int8(model) -> None:
    """The deferred int8 rewrite of the image tower, now; fp32 stays if it fails."""
    from .digest import weights_digest
    from .int8 import quantize_tower

    if not model.pending_int8:
        return
    model.pending_int8 = False
    digest = weights_digest(model.model)  # the photo cache's key, before the rewrite
    try:
        quantize_tower(model.model.visual, model.plan.engine)
    except Exception as exc:  # noqa: BLE001 - mid-analysis: keep reading in fp32
        log.warning("int8 failed (%s); the model stays fp32", exc)
        model.plan.reason = f"fp32: int8 failed ({exc})"
        model.plan.precision = "fp32"
        return
    model.weights_digest, model.precision = digest, "int8"


def _fastest_int8(plan: CpuPlan) -> Optional[str]:
    """The int8 engine that measured fastest in ``plan``, if any was measured."""
    timed = {label: r for label, r in plan.measured.items()
             if label.startswith("int8-") and "batch_img_s" in r}
    if not timed:
        return None
    return max(timed, key=lambda label: timed[label]["batch_img_s"]).partition("-")[2]


MEASURED = ""  # said through ``note`` when a measurement the reader waited for is over


def _needs_measuring(plan: Optional[CpuPlan]) -> bool:
    return plan is None or bool(plan.busy_load and plan.tries < MAX_TRIES)


def _measure_now(model, key: str, previous: Optional[CpuPlan], note) -> CpuPlan:
    (note or log.info)(
        "Measuring the fastest way to run this model on this computer (only this once; "
        "a few seconds)..." if previous is None else
        "Measuring this computer's speed again: it was busy with other work last time...")
    from .calibrate import calibrate

    plan = calibrate(model)
    plan.tries = previous.tries + 1 if previous is not None else 1
    save_plan(key, plan)
    return plan


def finish_pending(model) -> None:
    """What a reader deferred (``defer``), now: the measurement, then the int8 rewrite."""
    if model.pending_measure is not None:
        key, previous, note = model.pending_measure
        model.pending_measure = None
        try:
            plan = _measure_now(model, key, previous, note)
            apply_plan(model, plan, defer_int8=True)
        except Exception as exc:  # noqa: BLE001 - mid-analysis: keep reading in fp32
            log.warning("measuring the CPU paths failed (%s); staying on fp32", exc)
        finally:
            if note is not None:
                note(MEASURED)
    finish_int8(model)


def use_cpu_plan(model, requested: str, note: Optional[Callable[[str], None]] = None,
                 defer: bool = False) -> CpuPlan:
    """Put a freshly loaded fp32 CPU model on its plan: kept, measured now, or int8 as asked.

    With ``defer`` (the window and ``analyze``) nothing slow happens before the
    first photo: a missing measurement and the int8 rewrite wait until that
    photo was read in fp32 (``LoadedModel.settle``).
    """
    from . import machine

    key = f"{machine.machine_key()}|{model_key(model)}"
    plan = load_plan(key)
    if requested == "auto" and _needs_measuring(plan):
        if defer:
            model.pending_measure = (key, plan, note)
            model.plan = CpuPlan(reason="fp32 until this computer's speed is measured")
            return model.plan
        plan = _measure_now(model, key, plan, note)
    if requested == "int8" and (plan is None or plan.precision != "int8"):
        engine = _fastest_int8(plan) if plan is not None else None
        plan = replace(plan or CpuPlan(), precision="int8", engine=engine,
                       reason="int8: asked for in the settings")
    try:
        apply_plan(model, plan, defer)
    except Exception as exc:  # noqa: BLE001 - a path this PyTorch cannot take
        if requested == "int8":
            from ..errors import ModelLoadError

            raise ModelLoadError(f"precision int8 is not available here: {exc}. "
                                 f"Use auto or fp32.") from None
        log.warning("the measured CPU path %s failed (%s); using fp32", plan.precision, exc)
        plan = replace(plan, precision="fp32", engine=None, reason=f"fp32: {plan.precision} failed")
        apply_plan(model, plan)
    return plan
