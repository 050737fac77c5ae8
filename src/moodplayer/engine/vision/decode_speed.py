"""How many threads should decode photos while the encoder runs.

Decoding and encoding share the same cores. Too few decoders starve the
encoder; too many steal cores from PyTorch's own threads. So: time the
decode of a phone-sized JPEG with 1, 2, 4... threads, and take the fewest
that decode ``HEADROOM`` times faster than the encoder consumes photos. When
none does (big photos on few cores), decoding is the bound and every core
that helps is used.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from . import machine
from .images import decode_image

log = logging.getLogger(__name__)

HEADROOM = 1.25
PHOTO_SIZE = (4000, 3000)  # 12 MP, what phones take
MAX_WORKERS = 8


def _sample_jpeg() -> bytes:
    """A 12 MP photo-like JPEG: smooth colour fields and grain, compressed like a real one."""
    rng = np.random.default_rng(7)
    w, h = PHOTO_SIZE
    coarse = Image.fromarray((rng.random((h // 200, w // 200, 3)) * 255).astype(np.uint8))
    arr = np.asarray(coarse.resize((w, h), Image.BILINEAR), dtype=np.int16)
    arr += rng.integers(-6, 7, size=(h, w, 1), dtype=np.int16)
    out = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


def decode_rate(path: Path, workers: int, target: int, rounds: int = 2) -> float:
    """Photos a second that ``workers`` threads decode (as the encoder's ``prepare`` does)."""
    jobs = workers * rounds
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda _: decode_image(path, target), range(workers)))  # warm-up
        start = time.perf_counter()
        list(pool.map(lambda _: decode_image(path, target), range(jobs)))
        return jobs / (time.perf_counter() - start)


def worker_choices() -> list:
    limit = min(MAX_WORKERS, machine.cores())
    counts, n = [], 1
    while n <= limit:
        counts.append(n)
        n *= 2
    if counts[-1] != limit:
        counts.append(limit)
    return counts


def decode_workers_for(encode_rate: float, target: int) -> int:
    """The fewest decoding threads that keep an encoder of ``encode_rate`` photos/s fed."""
    fd, name = tempfile.mkstemp(suffix=".jpg", prefix="moodplayer-decode-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_sample_jpeg())
        best, best_rate = 1, 0.0
        for workers in worker_choices():
            rate = decode_rate(path, workers, target)
            log.info("decoding with %d threads: %.1f photos/s (encoder %.1f)",
                     workers, rate, encode_rate)
            if rate >= HEADROOM * encode_rate:
                return workers
            if rate > best_rate * 1.05:  # more threads only count when they clearly help
                best, best_rate = workers, rate
        return best
    except Exception as exc:  # noqa: BLE001 - never fail a model load over this
        log.warning("could not measure photo decoding (%s); using the default", exc)
        return 0
    finally:
        path.unlink(missing_ok=True)
