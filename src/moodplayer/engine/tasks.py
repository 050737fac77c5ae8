"""Cancellation and progress for long work, shared by CLI and GUI workers."""

from __future__ import annotations

import threading
from typing import Callable, Optional

from .errors import Cancelled

# progress(done, total, message): total may be 0 when unknown.
ProgressFn = Callable[[int, int, str], None]


class CancelToken:
    """A flag another thread sets; long loops call ``check()`` between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int, message: str = "") -> None:
    """Default progress callback: report nothing."""


def check(token: Optional[CancelToken]) -> None:
    if token is not None:
        token.check()
