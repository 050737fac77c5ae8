"""Download progress: bytes per second, how often to report, and the words for it.

``download_model`` reports ``progress(done_bytes, total_bytes, bytes_per_s)``;
the CLI's bar and the window's label both turn that into the same sentence
with ``describe_progress``, so "123 MB of 605 MB, 4.2 MB/s, about 2 min left"
reads the same everywhere.
"""

from __future__ import annotations

import collections
import time
from typing import Callable, Optional

# progress(done_bytes, total_bytes, bytes_per_s); total_bytes is 0 when unknown.
DownloadProgress = Callable[[int, int, float], None]

REPORT_EVERY_S = 0.2


class RateMeter:
    """Bytes per second over the last few seconds (a sliding window)."""

    def __init__(self, window_s: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.window_s = window_s
        self.clock = clock
        self.samples = collections.deque()  # (time, bytes so far)
        self.count = 0
        self.samples.append((clock(), 0))

    def add(self, n: int) -> None:
        self.count += n
        now = self.clock()
        self.samples.append((now, self.count))
        while len(self.samples) > 2 and now - self.samples[1][0] > self.window_s:
            self.samples.popleft()

    def rate(self) -> float:
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


class Reporter:
    """Calls progress(done, total, rate) at most every REPORT_EVERY_S, and always at the end.

    One reporter spans every file of a model, so the bar runs once from 0 to
    the whole model's size instead of restarting for each file.
    """

    def __init__(self, progress: Optional[DownloadProgress], total: int, done: int = 0):
        self.progress = progress
        self.total = total
        self.done = done
        self.meter = RateMeter()
        self.last = 0.0

    def add(self, n: int) -> None:
        self.done += n
        self.meter.add(n)
        self.report()

    def report(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.progress is not None and (final or now - self.last >= REPORT_EVERY_S):
            self.last = now
            self.progress(self.done, self.total, self.meter.rate())


def human_bytes(n: float) -> str:
    """605 MB, 1.7 GB, 12 kB: decimal units, as download sizes are usually quoted."""
    n = max(float(n), 0.0)
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.0f} MB" if n >= 1e7 else f"{n / 1e6:.1f} MB"
    if n >= 1e3:
        return f"{n / 1e3:.0f} kB"
    return f"{n:.0f} bytes"


def human_duration(seconds: float) -> str:
    """About how long: "40 s", "1 min 30 s", "12 min", "1 h 5 min" (coarser as it grows)."""
    seconds = max(int(round(seconds)), 0)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 600:  # a few minutes: to 10 s, as the difference still matters
        minutes, rest = divmod(int(round(seconds / 10.0)) * 10, 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    minutes = (seconds + 30) // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def describe_progress(done: int, total: int, rate: float) -> str:
    """"123 MB of 605 MB · 4.2 MB/s · about 2 min left" (parts left out when unknown)."""
    parts = [f"{human_bytes(done)} of {human_bytes(total)}" if total > 0 else human_bytes(done)]
    if rate > 0:
        parts.append(f"{human_bytes(rate)}/s")
        if total > done:
            parts.append(f"about {human_duration(max((total - done) / rate, 1))} left")
    return " · ".join(parts)
