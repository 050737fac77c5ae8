"""The library: first run, rescans, the model's part of the profiles (onto
``core.library_jobs``), and the Library tab's play / queue / more-like / folder actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..i18n import Translates
from ..widgets.first_run import FirstRunDialog


class LibraryFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.jobs = services.library_jobs
        self.session = services.session
        self.model = services.model
        self.tasks = services.tasks
        self.dialog = None
        self._scan_job = None
        view = getattr(window, "library_view", None)
        if view is not None:
            view.play_requested.connect(self.play)
            view.play_next_requested.connect(self.play_next)
            view.queue_requested.connect(self.add_to_queue)
            view.more_like_requested.connect(self.more_like)
            view.show_folder_requested.connect(self.show_folder)

    def _message(self, text: str, ms: int = 5000) -> None:
        self.w.statusBar().showMessage(text, ms)

    # -- scanning ----------------------------------------------------------------------
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
                self.tr("Scan cancelled.") if cancelled else msg, False),
            on_progress=dlg.set_progress)

    def _first_scan_done(self, dlg, folders: list, summary) -> None:
        self._save(lambda: self.jobs.first_run_done(folders))
        self.finish_profiles(summary)
        dlg.scan_finished(summary.message, True)
        self.refresh()
        self.w.listening.listen()

    def rescan(self) -> None:
        if not self.w.settings.library_folders:
            self.show_first_run()
            return
        self.w.statusBar().showMessage(self.tr("Scanning the library…"))
        self.tasks.submit(lambda _c, progress, cancel: self.jobs.scan(None, progress, cancel),
                          on_done=self._rescanned,
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _rescanned(self, summary) -> None:
        self.refresh()
        self.finish_profiles(summary)
        self._message(self.tr("Library: {n} items.").format(n=summary.items))
        self.w.listening.listen()
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

    def finish_profiles(self, summary=None) -> None:
        """Cover art and titles need the model: (re)read them on the model worker, after a
        scan and whenever the model or adapter changed (profiles never go stale)."""
        if summary is not None and not summary.waiting_for_model:
            return
        self.model.submit(self.jobs.finish_profiles,
                          on_done=lambda _r: self.refresh(),
                          on_failed=lambda msg, c: None if c else self._message(
                              self.tr("Library profiles: {problem}").format(problem=msg), 8000))

    def refresh(self) -> None:
        self.w.queue_view.info.setText(self.jobs.status())
        view = getattr(self.w, "library_view", None)
        if view is not None:
            view.refresh()

    def _save(self, fn) -> None:
        try:
            fn()
        except OSError as exc:
            self._message(self.tr("Settings could not be saved: {problem}").format(problem=exc),
                          8000)

    # -- the Library tab's actions ---------------------------------------------------------
    def play(self, tracks: list) -> None:
        """Play the chosen items now: they go right after the current item, the first starts."""
        if not tracks:
            return
        controller = self.w.controller
        controller.insert_next(tracks)
        first = next(i for i, e in enumerate(controller.queue.entries) if e is tracks[0])
        controller.play_index(first)

    def play_next(self, tracks: list) -> None:
        self.w.controller.insert_next(tracks)
        self._message(self.tr("{n} will play next.").format(n=self._count(tracks)))

    def add_to_queue(self, tracks: list) -> None:
        self.w.controller.append(tracks)
        self._message(self.tr("Added {n} to the end of the queue.").format(n=self._count(tracks)))

    def _count(self, tracks: list) -> str:
        return (self.tr("“{title}”").format(title=tracks[0].title) if len(tracks) == 1
                else self.tr("{n} items").format(n=len(tracks)))

    def more_like(self, track) -> None:
        exclude = {e.item_id for e in self.w.controller.queue.entries} | {track.item_id}
        self.tasks.submit(lambda _c, _p, _cancel: self.session.more_like(track, exclude),
                          on_done=lambda tracks: self._more_found(track, tracks),
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _more_found(self, track, tracks: list) -> None:
        if not tracks:
            self._message(self.tr("Nothing else in the library feels like “{title}”.").format(
                title=track.title))
            return
        self.w.controller.insert_next(tracks)
        self._message(self.tr("{n} like “{title}” will play next.").format(
            n=len(tracks), title=track.title))

    def show_folder(self, path: str) -> bool:
        """Open the file manager on the item's folder (or say why not)."""
        folder = Path(path).parent
        if not folder.is_dir():
            self._message(self.tr("The folder {folder} is not there any more.").format(
                folder=folder), 8000)
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._message(self.tr("No file manager could open {folder}.").format(folder=folder),
                          8000)
            return False
        return True
