"""Background work: one thread owns the model, another runs scans.

A ``JobWorker`` lives in its own QThread and runs jobs one after another:
a job is a plain function ``fn(context, progress, cancel) -> result``. For
the model worker the context is the ``EmotionExtractor`` (so the model, and
a CUDA context, are only ever touched from that one thread); for the task
worker it is None.

The GUI side talks to a worker through a ``WorkerHost`` living in the GUI
thread. Results travel back as signals carrying plain data, connected to the
host's @Slot methods (PySide6 runs lambdas connected to a worker's signals
in the worker thread), which then call the caller's
callbacks on the GUI thread. Every job ends with ``finished``, whatever
happened, so nothing waits forever.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from dataclasses import dataclass
from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ..engine.errors import Cancelled, ModelNotAvailable, MoodPlayerError
from ..engine.tasks import CancelToken

log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> str:
    """A message for a person. Unexpected errors are logged with their traceback."""
    if isinstance(exc, MoodPlayerError):
        return str(exc)
    log.error("unexpected error in a worker:\n%s",
              "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return QCoreApplication.translate("Workers", "Something went wrong: {problem}. Details are "
                                                 "in the log file.").format(problem=exc)


class JobWorker(QObject):
    progress = Signal(int, int, int, str)  # job, done, total, message
    done = Signal(int, object)  # job, result
    failed = Signal(int, str, bool)  # job, message, cancelled?
    finished = Signal(int)
    context_ready = Signal(object)  # info dict after a context loader ran
    context_failed = Signal(str, str)  # kind ("missing" | "error"), message

    def __init__(self):
        super().__init__()
        self.context = None

    @Slot(object)
    def load_context(self, loader) -> None:
        """Run ``loader() -> (context, info)`` here, in the worker thread."""
        try:
            self.context, info = loader()
            self.context_ready.emit(info)
        except ModelNotAvailable as exc:
            online = bool(getattr(exc, "online", False))
            self.context_failed.emit("missing-online" if online else "missing", str(exc))
        except BaseException as exc:  # noqa: BLE001 - a worker must always answer
            self.context_failed.emit("error", describe_error(exc))

    @Slot(int, object, object)
    def run(self, job: int, fn, token) -> None:
        def progress(done: int, total: int, message: str = "") -> None:
            self.progress.emit(job, int(done), int(total), str(message))

        try:
            if token.cancelled:
                raise Cancelled()
            result = fn(self.context, progress, token)
            self.done.emit(job, result)
        except Cancelled:
            self.failed.emit(job, QCoreApplication.translate("Workers", "Cancelled."), True)
        except BaseException as exc:  # noqa: BLE001
            self.failed.emit(job, describe_error(exc), False)
        finally:
            self.finished.emit(job)


@dataclass
class _Callbacks:
    on_done: Optional[Callable]
    on_failed: Optional[Callable]
    on_progress: Optional[Callable]
    on_finished: Optional[Callable]
    token: CancelToken


class WorkerHost(QObject):
    """GUI-thread handle on one worker thread: submit jobs, cancel them, shut down."""

    _run_requested = Signal(int, object, object)
    _load_requested = Signal(object)
    context_ready = Signal(object)
    context_failed = Signal(str, str)
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.name = name
        self._ids = itertools.count(1)
        self._jobs: dict = {}
        self._thread = QThread()
        self._thread.setObjectName(name)
        self.worker = JobWorker()
        self.worker.moveToThread(self._thread)
        self._run_requested.connect(self.worker.run)
        self._load_requested.connect(self.worker.load_context)
        self.worker.progress.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        self.worker.context_ready.connect(self._on_context_ready)
        self.worker.context_failed.connect(self._on_context_failed)
        self._thread.start()

    # -- requests ------------------------------------------------------------
    def load_context(self, loader: Callable) -> None:
        self._load_requested.emit(loader)

    def submit(self, fn: Callable, on_done=None, on_failed=None, on_progress=None,
               on_finished=None) -> int:
        job = next(self._ids)
        token = CancelToken()
        self._jobs[job] = _Callbacks(on_done, on_failed, on_progress, on_finished, token)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._run_requested.emit(job, fn, token)
        return job

    def cancel(self, job: Optional[int] = None) -> None:
        """Cancel one job, or every pending job. Thread-safe: the token is an Event."""
        for j, cb in list(self._jobs.items()):
            if job is None or j == job:
                cb.token.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        self.cancel()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("%s did not stop in time", self.name)

    # -- results, on the GUI thread -----------------------------------------
    @Slot(int, int, int, str)
    def _on_progress(self, job, done, total, message):
        cb = self._jobs.get(job)
        if cb and cb.on_progress:
            cb.on_progress(done, total, message)

    @Slot(int, object)
    def _on_done(self, job, result):
        cb = self._jobs.get(job)
        if cb and cb.on_done:
            cb.on_done(result)

    @Slot(int, str, bool)
    def _on_failed(self, job, message, cancelled):
        cb = self._jobs.get(job)
        if cb and cb.on_failed:
            cb.on_failed(message, cancelled)

    @Slot(int)
    def _on_finished(self, job):
        cb = self._jobs.pop(job, None)
        if cb and cb.on_finished:
            cb.on_finished()
        if not self._jobs:
            self.busy_changed.emit(False)

    @Slot(object)
    def _on_context_ready(self, info):
        self.context_ready.emit(info)

    @Slot(str, str)
    def _on_context_failed(self, kind, message):
        self.context_failed.emit(kind, message)


def reader_loader(settings, launch=None):
    """A loader for the model worker: builds the emotion reader in that thread.

    ``launch`` (a ``core.launch.LaunchStart``) has been loading it since the
    process started: the first load at start takes that one, waiting for it.
    """

    def load():
        from . import probe
        from .startup import window_reader

        if launch is not None and launch.claim():
            return launch.take_reader()
        return window_reader(settings, probe.mark)()

    return load
