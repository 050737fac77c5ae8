"""First run, rescans and the model's part of the profiles, onto ``core.library_jobs``."""

from __future__ import annotations

from ..widgets.first_run import FirstRunDialog


class LibraryFlow:
    def __init__(self, window, services):
        self.w = window
        self.jobs = services.library_jobs
        self.model = services.model
        self.tasks = services.tasks
        self.dialog = None
        self._scan_job = None

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
        if summary.missing_folders:
            self.w.banner.show_message(summary.unreadable_message)

    def show_notice(self) -> None:
        """At start: a rebuilt (damaged) or read-only library is said in the banner."""
        notice = self.jobs.notice()
        if notice:
            self.w.banner.show_message(notice, "warning")
        if self.jobs.needs_recovery_scan():
            self.tasks.submit(lambda _c, progress, cancel:
                              self.jobs.finish_recovery(progress, cancel),
                              on_done=lambda msg: (self.refresh(), self.w.banner.show_message(msg)),
                              on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def finish_profiles(self, summary) -> None:
        """Cover art and titles need the model: read them on the model worker."""
        if not summary.waiting_for_model:
            return
        self.model.submit(self.jobs.finish_profiles,
                          on_failed=lambda msg, c: None if c else self.w.statusBar().showMessage(
                              f"Library profiles: {msg}", 8000))

    def refresh(self) -> None:
        self.w.queue_view.info.setText(self.jobs.status())

    def _save(self, fn) -> None:
        try:
            fn()
        except OSError as exc:
            self.w.statusBar().showMessage(f"Settings could not be saved: {exc}", 8000)
