"""Progress on stderr: a bar on a terminal, plain lines in a log, nothing with -q.

A use case reports ``progress(done, total, message)`` (``total`` 0 when
unknown, a new total when a new phase starts). Where that goes:

* stderr is a terminal: a tqdm bar, redrawn in place, gone when the work ends;
* stderr is a file or a pipe: a line each time another 10% is done or 2 s
  have passed, so a log shows movement without a carriage-return mess;
* ``--quiet``: nothing.

Work that ends within ``delay`` seconds (default 1, ``MOODPLAYER_PROGRESS_DELAY``)
shows nothing at all: one photo needs no progress report. stdout is never
touched, so ``--json`` output stays one JSON object.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, Optional

INTERVAL_S = 2.0  # plain lines: at least this often while work goes on...
STEP = 0.10  # ...and whenever another tenth is done


def default_delay() -> float:
    try:
        return max(0.0, float(os.environ.get("MOODPLAYER_PROGRESS_DELAY", "1")))
    except ValueError:
        return 1.0


class Progress:
    """A ProgressFn for one command. Use as a context manager so the bar is cleared."""

    def __init__(self, label: str, quiet: bool = False, stream=None,
                 delay: Optional[float] = None, clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.delay = default_delay() if delay is None else delay
        self.clock = clock
        self.start = clock()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar = None
        self._total = None  # the phase being shown
        self._last_line = None  # (time, fraction) of the last plain line

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self.quiet:
            return
        if self.tty:
            self._draw(done, total, message)
        else:
            self._line(done, total, message)

    # -- a terminal ----------------------------------------------------------------
    def _draw(self, done: int, total: int, message: str) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total or None, desc=self.label, file=self.stream, leave=False,
                             delay=self.delay, dynamic_ncols=True, unit="")
        elif (total or None) != self._bar.total:
            self._bar.reset(total=total or None)  # a new phase
        self._bar.set_postfix_str(_short(message, 40), refresh=False)
        self._bar.update(max(0, done - self._bar.n))

    # -- a log ---------------------------------------------------------------------
    def _line(self, done: int, total: int, message: str) -> None:
        now = self.clock()
        if now - self.start < self.delay:
            return
        frac = done / total if total else None
        if total != self._total:  # a new phase: start counting steps again
            self._total, self._last_line = total, None
        due = self._last_line is None or now - self._last_line[0] >= INTERVAL_S or (
            frac is not None and (frac - self._last_line[1] >= STEP or
                                  (done >= total and self._last_line[1] < 1.0)))
        if not due:
            return
        self._last_line = (now, frac if frac is not None else 0.0)
        count = f"{done}/{total} ({100 * frac:.0f}%)" if total else (f"{done}" if done else "")
        text = " ".join(p for p in (f"{self.label}:", count, _short(message, 70)) if p)
        print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _short(text: str, width: int) -> str:
    """Long paths keep their end, which is the part that tells files apart."""
    text = str(text or "")
    return text if len(text) <= width else "…" + text[-(width - 1):]


def note(message: str, quiet: bool) -> None:
    """A one-line note on stderr ("Loading the model ..."), unless --quiet."""
    if not quiet:
        print(message, file=sys.stderr, flush=True)
