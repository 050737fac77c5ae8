"""Listening to the library in the background, onto ``core.listening`` on its own worker.

The job's own workers are processes at low priority, so neither the window
nor playback stalls; quitting cancels it and the next start goes on where it
stopped (results are kept batch by batch).
"""

from __future__ import annotations

from ..i18n import Translates


class ListeningFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.audio = services.audio
        self.listening = services.listening
        self._job = None

    def listen(self) -> None:
        """Hear the items not heard yet; never two runs at once."""
        if self._job is not None:
            return
        status = self.w.status
        self._job = self.audio.submit(
            lambda _c, progress, cancel: self.listening.run(progress, cancel),
            on_done=lambda report: status.show_listening(0, 0, finished=self._summary(report)),
            on_failed=lambda msg, cancelled: status.show_listening(0, 0, finished=(
                self.tr("Listening paused; it goes on next time.") if cancelled
                else self.tr("Listening to the library failed: {problem}").format(problem=msg))),
            on_progress=lambda done, total, _msg: status.show_listening(done, total),
            on_finished=self._finished)

    def _summary(self, report) -> str:
        text = self.tr("Listened to {n} items.").format(n=report.heard)
        if report.failed:
            text += " " + self.tr("{n} could not be analysed.").format(n=report.failed)
        return text

    def _finished(self) -> None:
        self._job = None
