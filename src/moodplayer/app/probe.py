"""Launch milestones for ``benchmarks/bench_first_emotion.py``.

With ``MOODPLAYER_FIRST_EMOTION_PROBE=1`` the app prints one line per
milestone, ``probe NAME SECONDS`` (wall-clock seconds since the epoch, because
the benchmark subtracts the moment it started the process and a monotonic
clock does not cross processes), and leaves as soon as the launch photo's
emotions have been painted. Without the variable every call here is a no-op.
"""

from __future__ import annotations

import os
import sys
import threading
import time

ENV = "MOODPLAYER_FIRST_EMOTION_PROBE"

_lock = threading.Lock()
_seen: set = set()


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def mark(name: str) -> None:
    """Print ``name`` with the time, once (later calls with the same name are dropped).

    Called from the GUI thread and from workers, hence the lock.
    """
    if not enabled():
        return
    now = time.time()
    with _lock:
        if name in _seen:
            return
        _seen.add(name)
        print(f"probe {name} {now:.6f}", flush=True)


def watch_first_emotion(window) -> None:
    """Leave once the emotion bars have painted a result (not merely been given one)."""
    if not enabled():
        return
    from PySide6.QtCore import QEvent, QObject, QTimer

    bars = window.emotions.bars

    class _Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint and obj.rows:
                # The filter runs before paintEvent: finish on the next turn, once it painted.
                QTimer.singleShot(0, _finish)
            return False

    def _finish() -> None:
        mark("emotions shown")
        sys.stdout.flush()
        # Skip the interpreter's teardown of torch (1-2 s): nothing is left to save
        # that the benchmark needs, and the next run must not wait for it.
        os._exit(0)

    window._first_emotion_probe = _Painted(window)
    bars.installEventFilter(window._first_emotion_probe)
