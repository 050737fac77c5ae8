"""The first-run model download: the model-missing page onto ``engine.models`` on the downloads worker.

Download -> ``download_model`` (progress, cancel, resume, disk-space check,
all in the engine) -> the page shows bytes, speed and time left -> on success
the window loads the model. Cancel keeps the partial file, so the next click
resumes it; a failure for want of a network says how to carry a model to an
offline computer.
"""

from __future__ import annotations

from functools import partial

from ...engine.errors import ModelNotAvailable
from ...engine.models import carry_instructions, download_model, find_known, find_on_disk
from ..i18n import Translates

KIB = 1024  # progress travels in KiB: Qt signals carry 32-bit ints, a 3.9 GB model's bytes do not fit


def _download(spec: str, _context, progress, cancel):
    """The job, on the downloads worker: ``download_model`` with progress the worker can carry."""

    def report(done: int, total: int, rate: float) -> None:
        progress(done // KIB, total // KIB, f"{rate:.0f}")

    try:
        return download_model(spec, progress=report, cancel=cancel)
    except ModelNotAvailable as exc:
        raise ModelNotAvailable(f"{exc}\n\n{carry_instructions(spec)}") from None


class ModelDownloadFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.tasks = services.downloads  # its own thread: scans never wait behind it
        self.page = window.model_missing
        self._job = None
        self._last = (0, 0)  # bytes done, total: what a pause or failure keeps
        self.page.download_requested.connect(self.start)
        self.page.cancel_requested.connect(self.cancel)
        services.model.context_failed.connect(self.describe)

    @property
    def running(self) -> bool:
        return self._job is not None

    def describe(self, _kind: str = "", _message: str = "") -> int:
        """Tell the page what a download would fetch; returns what an earlier one left on disk."""
        spec = self.w.settings.model
        known = find_known(spec)
        try:
            found = find_on_disk(spec)
        except OSError:  # an unreadable models folder: the download will say more
            found = None
        kept = found.partial_bytes if found is not None else 0
        self.page.set_model(spec, known.title if known else spec,
                            known.download_mb * 10**6 if known else 0, kept)
        return kept

    def start(self) -> None:
        if self.running:
            return
        self.page.show_downloading()
        self._status(self.tr("Downloading the emotion model…"))
        self._job = self.tasks.submit(partial(_download, self.w.settings.model),
                                      on_done=self._done, on_failed=self._failed,
                                      on_progress=self._progress, on_finished=self._finished)

    def cancel(self) -> None:
        if self.running:
            self.tasks.cancel(self._job)

    def _progress(self, done_kib: int, total_kib: int, rate: str) -> None:
        self._last = (done_kib * KIB, total_kib * KIB)
        self.page.show_progress(*self._last, float(rate or 0))
        if total_kib:
            self._status(self.tr("Downloading the emotion model: {percent}%").format(
                percent=100 * done_kib // total_kib))

    def _done(self, result) -> None:
        self.page.show_finished(result.total_bytes)
        self.w.load_model()

    def _failed(self, message: str, cancelled: bool) -> None:
        if cancelled:
            self.page.show_paused(*self._last)
            self._status(self.tr("No emotion model (download paused)"))
            return
        self._status(self.tr("No emotion model"))
        self.page.show_failed(message, self.describe())  # what is on disk now

    def _finished(self) -> None:
        self._job = None

    def _status(self, text: str) -> None:
        self.w.status.model_label.setText(text)
