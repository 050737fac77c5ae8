"""What this computer's CPU can do, in the words speed measurements are kept under.

A measured precision or thread count is only valid on the machine (and the
PyTorch build, and the kernel limits set in the environment) it was
measured on, so ``machine_key`` names all of them; a new CPU, a PyTorch
upgrade or a changed ``ONEDNN_MAX_CPU_ISA`` measures again.
"""

from __future__ import annotations

import hashlib
import os
import platform
from functools import lru_cache

import torch

# CPU features that change which kernels are fastest.
FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16",
         "amx_int8", "asimd", "asimddp", "sve", "bf16", "i8mm")
# Environment knobs that cap the instruction set PyTorch's kernels use.
KERNEL_LIMITS = ("ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA",
                 "FBGEMM_ENABLE_INSTRUCTIONS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@lru_cache(maxsize=1)
def cpu_info() -> tuple:
    """(model name, set of flags) from /proc/cpuinfo; the flags are None where the OS
    does not say (unknown, not absent), and the name then comes from ``platform``."""
    name, flags = "", None
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip().lower()
                if key == "model name" and not name:
                    name = value.strip()
                elif key in ("flags", "features") and flags is None:
                    flags = set(value.split())
    except OSError:
        pass
    return name or platform.processor() or platform.machine(), flags


def cpu_name() -> str:
    return cpu_info()[0]


def cpu_flags() -> list:
    """The features in ``FLAGS`` this CPU has (empty where the OS does not say)."""
    have = cpu_info()[1] or set()
    return [f for f in FLAGS if f in have]


def cores() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def load_average() -> float:
    """The 1-minute load average (0 where the OS does not say)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def busy(load: float) -> bool:
    """Other programs kept more than half the cores busy: timings taken now mislead."""
    return load > max(1.0, cores() / 2)


def kernel_capability() -> str:
    try:
        return str(torch.backends.cpu.get_cpu_capability())
    except Exception:  # noqa: BLE001 - older PyTorch
        return "unknown"


def describe() -> str:
    """One line for logs, benchmarks and the about box."""
    flags = " ".join(cpu_flags()) or "no flags known"
    return (f"{cpu_name()}, {cores()} cores ({flags}); torch {torch.__version__}, "
            f"kernels {kernel_capability()}")


def machine_key() -> str:
    """Short hash of everything that can change which CPU path is fastest."""
    limits = ",".join(f"{k}={os.environ.get(k, '')}" for k in KERNEL_LIMITS)
    text = "|".join((cpu_name(), " ".join(cpu_flags()), str(cores()), torch.__version__,
                     kernel_capability(), limits))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
