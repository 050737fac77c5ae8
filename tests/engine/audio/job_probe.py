"""A per-file function that reports what a job worker runs under (no analysis, no warm-up)."""

from __future__ import annotations

import os


def worker_conditions(path: str) -> dict:
    return {"nice": os.nice(0), "threads": os.environ.get("OPENBLAS_NUM_THREADS"),
            "pid": os.getpid()}
