"""Dropped photos -> emotions on screen -> a queue that starts playing."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from ...core.describe import emotion_name
from ...core.mood_session import pasted_image_path
from ...engine.fsnames import UNREADABLE_FOLDER, display
from ..i18n import Translates, qt_words
from ..widgets.drop_zone import DropZone
from ..widgets.photo_strip import COMBINED


class PhotosFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.session = services.session
        self.auto = services.auto_playlists
        self.model = services.model
        self.tasks = services.tasks
        self.analysis = None  # the last Analysis shown
        self.results: dict = {}  # path -> PhotoResult
        self.timings: dict = {}  # for the benchmark: drop -> first sound
        self._job = None
        self._settled: list = []  # callbacks for when the photos added so far are read or not

    def when_settled(self, callback) -> None:
        """Call ``callback`` once the photos being added are analysed and shown, or have
        failed, or were cancelled (whatever happens, it is called)."""
        self._settled.append(callback)

    def _settle(self) -> None:
        callbacks, self._settled = self._settled, []
        for callback in callbacks:
            callback()

    # -- getting photos in ---------------------------------------------------------
    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.w, self.tr("Choose a photo folder"),
                                                  str(Path.home()))
        if folder:
            self.add_photos([folder])

    def paste(self) -> None:
        self.add_from_mime(QGuiApplication.clipboard().mimeData())

    def add_from_mime(self, mime) -> bool:
        found = DropZone.local_paths(mime)
        if not found and mime.hasImage():
            image = QImage(mime.imageData())  # a copied picture, not a file: keep it
            target = pasted_image_path()
            if not image.isNull() and image.save(target):
                found = [target]
        if found:
            self.add_photos(found)
            return True
        self.w.statusBar().showMessage(self.tr("The clipboard holds no photos or image files."),
                                       5000)
        return False

    def add_photos(self, inputs: list) -> None:
        """Expand files/folders on the task worker, then analyse on the model worker."""
        self.timings = {"drop": time.perf_counter()}
        self.tasks.submit(lambda _c, _p, cancel: self.session.expand(inputs, cancel),
                          on_done=self._expanded, on_failed=self._expand_failed)

    def _expand_failed(self, message: str, _cancelled: bool) -> None:
        self.w.banner.show_message(message, "error")
        self._settle()

    def _expanded(self, expanded) -> None:
        if expanded.empty:
            self.w.banner.show_message(self.tr(
                "No photos found in what was dropped (MoodPlayer reads JPEG, PNG, WebP, GIF, "
                "TIFF, BMP and more)."))
            self._settle()
            return
        self.cancel()
        self._show_pending(expanded.found, expanded.errors)
        self._job = self.model.submit(
            lambda reader, progress, cancel: self.session.analyse(reader, expanded, progress, cancel),
            on_done=self._analysed, on_failed=self._failed,
            on_progress=self.w.status.show_progress,
            on_finished=self._finished)

    def _show_pending(self, found: list, errors: list) -> None:
        strip = self.w.strip
        strip.set_photos(found + [e.path for e in errors])
        for e in errors:
            strip.set_caption(e.path, e.reason, error=True)
        self.results = {}
        self.w.status.set_busy(True, len(found))
        if self.w.model_state != "ready":
            self.w.emotions.show_message(
                self.tr("Waiting for the model…"),
                self.tr("The photos will be analysed as soon as it is loaded."))

    def cancel(self) -> None:
        if self._job is not None:
            self.model.cancel(self._job)

    def _finished(self) -> None:
        self._job = None
        self.w.status.set_busy(False)
        self._settle()

    def _failed(self, message: str, cancelled: bool) -> None:
        if cancelled:
            self.w.statusBar().showMessage(self.tr("Analysis cancelled."), 5000)
        else:
            self.w.banner.show_message(message, "error")
            self.w.emotions.show_message(self.tr("Could not analyse the photos"), message)

    # -- showing what was read -----------------------------------------------------
    def _analysed(self, analysis) -> None:
        self.timings["analysed"] = time.perf_counter()
        if self.show_analysis(analysis):
            self.build_queue(analysis.combined,
                             autoplay=bool(self.w.settings.extra.get("autoplay_drop", True)))

    def show_analysis(self, analysis) -> bool:
        """Captions, bars and the combined mood; False when no photo could be read."""
        self.analysis = analysis
        self.session.remember(analysis)
        self.results = {p.path: p for p in analysis.photos}
        for p in analysis.photos:
            if p.result is not None:
                top = p.result.top[0]
                self.w.strip.set_caption(p.path, f"{emotion_name(top, qt_words)} "
                                                 f"{p.result.emotions[top]:.0%}")
            else:
                self.w.strip.set_caption(p.path, p.error or self.tr("could not be read"),
                                         error=True)
        self._report_unreadable(analysis)
        if analysis.combined is None:
            self.w.emotions.show_message(
                self.tr("No readable photo"),
                self.tr("None of these photos could be read; hover them for why."))
            return False
        self.show_photo(COMBINED)
        self.w.strip.setCurrentRow(0)
        return True

    def _report_unreadable(self, analysis) -> None:
        failed = [p for p in analysis.photos if p.result is None]
        folders = [p for p in failed if (p.error or "").startswith(UNREADABLE_FOLDER)]
        photos = [p for p in failed if p not in folders]
        parts = []
        if folders:  # a folder that could not be entered is named with its reason
            listed = ", ".join(f"{display(p.path)} ({p.error[len(UNREADABLE_FOLDER) + 2:]})"
                               for p in folders[:3])
            if len(folders) > 3:
                listed = self.tr("{names} and {n} more").format(names=listed, n=len(folders) - 3)
            parts.append(self.tr("Could not open {folders}.").format(folders=listed))
        if photos:
            names = ", ".join(display(Path(p.path).name) for p in photos[:3])
            if len(photos) > 3:
                names = self.tr("{names} and {n} more").format(names=names, n=len(photos) - 3)
            parts.append(self.tr("{failed} of {total} photos could not be read ({names}): "
                                 "{problem}.").format(failed=len(photos),
                                                      total=len(analysis.photos) - len(folders),
                                                      names=names, problem=photos[0].error))
        if parts and analysis.ok:
            parts.append(self.tr("The others were analysed."))
        if parts:
            self.w.banner.show_message(" ".join(parts))

    def show_photo(self, path: str) -> None:
        emotions = self.w.emotions
        if path == COMBINED:
            if self.analysis is not None and self.analysis.combined is not None:
                n = len(self.analysis.ok)
                emotions.show_result(self.tr("Combined mood of 1 photo") if n == 1 else
                                     self.tr("Combined mood of {n} photos").format(n=n),
                                     self.analysis.combined)
            return
        photo = self.results.get(path)
        if photo is None:
            emotions.show_message(Path(path).name, self.tr("Not analysed yet."))
        elif photo.result is None:
            emotions.show_message(Path(path).name,
                                  self.tr("Could not be read: {problem}").format(problem=photo.error))
        else:
            emotions.show_result(Path(path).name, photo.result)

    # -- queues --------------------------------------------------------------------
    def build_queue(self, mood, autoplay: bool = False) -> None:
        if self.session.library_is_empty():
            self.w.queue_view.info.setText("")
            self.w.banner.show_message(self.tr(
                "Your library is empty, so there is nothing to play yet. Choose Library > Choose "
                "library folders to add music and videos."), "info")
            return
        self.tasks.submit(lambda _c, _p, _cancel: self.session.build_queue(mood),
                          on_done=lambda tracks: self._queued(tracks, autoplay),
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _queued(self, tracks: list, autoplay: bool) -> None:
        self.timings["queued"] = time.perf_counter()
        if not tracks:
            kind = self.w.settings.queue_kind
            what = (self.tr("music") if kind == "music" else self.tr("video") if kind == "video"
                    else self.tr("music or video"))
            self.w.banner.show_message(self.tr("No {kind} in the library fits this mood (try "
                                               "another kind in Settings).").format(kind=what),
                                       "info")
        self.w.controller.set_queue(tracks, autoplay=autoplay)

    def regenerate(self) -> None:
        if self.session.current_mood is None:
            self.w.statusBar().showMessage(
                self.tr("Drop photos first: the queue follows their mood."), 5000)
            return
        self.build_queue(self.session.current_mood, autoplay=False)

    def more_like(self, index: int) -> None:
        queue = self.w.controller.queue
        if not 0 <= index < len(queue):
            return
        track = queue.entries[index]
        exclude = {e.item_id for e in queue.entries}
        self.tasks.submit(lambda _c, _p, _cancel: self.session.more_like(track, exclude),
                          on_done=lambda tracks: self._more_found(track, tracks),
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _more_found(self, track, tracks: list) -> None:
        if not tracks:
            self.w.statusBar().showMessage(
                self.tr("Nothing else like “{title}”.").format(title=track.title), 5000)
            return
        self.w.controller.insert_next(tracks)
        self.w.statusBar().showMessage(
            self.tr("Added {n} like “{title}” after the current item.").format(
                n=len(tracks), title=track.title), 5000)

    # -- watched folders -----------------------------------------------------------
    def watched_batch(self, folder: str, photos: list) -> None:
        """New photos in a watched folder: one job makes and saves the auto-playlist."""
        self.model.submit(
            lambda reader, progress, cancel: self.auto.make(reader, folder, photos, progress, cancel),
            on_done=self._auto_made,
            on_failed=lambda msg, c: None if c else self.w.banner.show_message(msg, "error"))

    def _auto_made(self, made) -> None:
        self.w.strip.set_photos([p.path for p in made.analysis.photos])
        self.show_analysis(made.analysis)
        if self.w.tray is not None:
            self.w.tray.notify(self.tr("New auto-playlist"), made.message)
        self.w.statusBar().showMessage(made.message, 10000)
        if made.name and made.autoplay:
            self.w.controller.set_queue(made.tracks, autoplay=True)
