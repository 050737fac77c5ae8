"""First run, rescans and the model's part of the profiles, onto ``core.library_jobs``."""

from __future__ import annotations

from ..widgets.first_run import FirstRunDialog


class LibraryFlow:
    def __init__(self, window, services):
        self.w = window
        self.jobs = services.library_jobs
        self.model = services.model
        self.tasks = services.tasks
        self.audio = services.audio
        self.listening = services.listening
        self.dialog = None
        self._scan_job = None
        self._listen_job = None

    def show_first_run(self) -> None:
        dlg = FirstRunDialog(self.w.settings.library_folders or None, self.w)
        self.dialog = dlg
        dlg.scan_requested.connect(self._scan_from_dialog)
        dlg.cancel_requested.connect(lambda: self.tasks.cancel(self._scan_job))
        dlg.finished.connect(lambda _r: self._save(self.jobs.first_run_done))
        dlg.open()

    def _scan_from_dialog(self, folders: list) -> None:
        dlg = self.dialog
        self._scan_job = self.tasks.submit(
            lambda _c, progress, cancel: self.jobs.scan(folders, progress, cancel),
            on_done=lambda summary: self._first_scan_done(dlg, folders, summary),
            on_failed=lambda msg, cancelled: dlg.scan_finished(
                "Scan cancelled." if cancelled else msg, False),
            on_progress=dlg.set_progress)

    def _first_scan_done(self, dlg, folders: list, summary) -> None:
        self._save(lambda: self.jobs.first_run_done(folders))
        self.finish_profiles(summary)
        dlg.scan_finished(summary.message, True)
        self.refresh()
        self.listen()

    def rescan(self) -> None:
        if not self.w.settings.library_folders:
            self.show_first_run()
            return
        self.w.statusBar().showMessage("Scanning the library…")
        self.tasks.submit(lambda _c, progress, cancel: self.jobs.scan(None, progress, cancel),
                          on_done=self._rescanned,
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _rescanned(self, summary) -> None:
        self.refresh()
        self.finish_profiles(summary)
        self.w.statusBar().showMessage(f"Library: {summary.items} items.", 5000)
        self.listen()

    def finish_profiles(self, summary=None) -> None:
        """Cover art and titles need the model: (re)read them on the model worker, after a
        scan and whenever the model or adapter changed (profiles never go stale)."""
        if summary is not None and not summary.waiting_for_model:
            return
        self.model.submit(self.jobs.finish_profiles,
                          on_failed=lambda msg, c: None if c else self.w.statusBar().showMessage(
                              f"Library profiles: {msg}", 8000))

    # -- listening: the sound of every item, in the background -------------------------
    def listen(self) -> None:
        """Hear the items not heard yet (never two runs at once; quitting keeps what's done)."""
        if self._listen_job is not None:
            return
        self._listen_job = self.audio.submit(
            lambda _c, progress, cancel: self.listening.run(progress, cancel),
            on_done=lambda report: self.w.status.show_listening(report.message, done=True),
            on_failed=lambda msg, c: self.w.status.show_listening(
                "Listening stopped; it continues next time." if c else f"Listening failed: {msg}",
                done=True),
            on_progress=lambda done, total, msg: self.w.status.show_listening(
                f"Listening to the library {done}/{total} {msg}".rstrip()),
            on_finished=self._listened)

    def _listened(self) -> None:
        self._listen_job = None

    def stop_listening(self) -> None:
        self.audio.cancel(self._listen_job)

    def refresh(self) -> None:
        self.w.queue_view.info.setText(self.jobs.status())

    def _save(self, fn) -> None:
        try:
            fn()
        except OSError as exc:
            self.w.statusBar().showMessage(f"Settings could not be saved: {exc}", 8000)
