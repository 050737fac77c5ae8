"""The main window: wires the widgets to the services it is given.

It builds no services itself (``main.py`` does, once) and keeps no globals:
tests build a window around a null player and the tiny model the same way.
Long work always goes to a worker host; this class only reacts to results.
"""

from __future__ import annotations

import base64
import datetime
import logging
import time
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QByteArray, QMimeData, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QStackedWidget,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ..engine import paths
from ..engine.errors import MoodPlayerError
from ..engine.vision.images import iter_image_paths
from . import assets
from .services import cover_art
from .widgets.drop_zone import DropZone
from .widgets.emotion_view import EmotionView
from .widgets.first_run import FirstRunDialog
from .widgets.model_missing import ModelMissingPage
from .widgets.now_playing import NowPlaying
from .widgets.photo_strip import COMBINED, PhotoStrip
from .widgets.queue_view import QueueView
from .widgets.settings_dialog import SettingsDialog
from .widgets.transport import TransportBar
from .widgets.tune_view import TuneView

log = logging.getLogger(__name__)


class Banner(QWidget):
    """A dismissable message strip at the top of the window (errors, warnings)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignTop)
        self.hide()

    def show_message(self, text: str, level: str = "warning") -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        self.show()


class MainWindow(QMainWindow):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.library = services.library
        self.tuning = services.tuning
        self.controller = services.controller
        self.model = services.model
        self.tasks = services.tasks
        self.watcher = services.watcher
        self.tray = services.tray
        self.taxonomy = None
        self.model_info: Optional[dict] = None
        self.model_state = "loading"  # loading | ready | missing | error
        self.analysis = None  # the last Analysis shown
        self.results: dict = {}  # path -> PhotoResult
        self.current_mood = None  # EmotionResult the queue was built from
        self._analysis_job = None
        self._tune_job = None
        self.first_run_dialog = None
        self.timings: dict = {}  # for the benchmark: drop -> first sound

        self.setWindowTitle("MoodPlayer")
        self.setWindowIcon(assets.icon("moodplayer"))
        self.setAcceptDrops(True)
        self._build_ui()
        self._build_menus()
        self._connect()
        self._restore_state()

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.banner = Banner()
        self.drop = DropZone()
        self.strip = PhotoStrip()
        self.emotions = EmotionView()
        self.model_missing = ModelMissingPage()
        self.mood_stack = QStackedWidget()
        self.mood_stack.addWidget(self.emotions)
        self.mood_stack.addWidget(self.model_missing)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.drop)
        ll.addWidget(self.strip)
        ll.addWidget(self.mood_stack, 1)

        self.now = NowPlaying()
        self.queue_view = QueueView()
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.now)
        right.addWidget(self.queue_view)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        self.right_split = right

        self.split = QSplitter(Qt.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)

        self.tune = TuneView()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("MainTabs")
        self.tabs.addTab(self.split, "Mood")
        self.tabs.addTab(self.tune, "Tune")

        self.transport = TransportBar()
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.addWidget(self.banner)
        cl.addWidget(self.tabs, 1)
        cl.addWidget(self.transport)
        self.setCentralWidget(central)

        # Status bar: a message, then busy work with its own Cancel.
        self.status_model = QLabel("Loading the model…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(180)
        self.busy_bar.setVisible(False)
        self.busy_cancel = QPushButton("Cancel")
        self.busy_cancel.setVisible(False)
        self.busy_cancel.clicked.connect(self.cancel_analysis)
        sb = self.statusBar()
        sb.addPermanentWidget(self.busy_bar)
        sb.addPermanentWidget(self.busy_cancel)
        sb.addPermanentWidget(self.status_model)
        self.resize(1180, 760)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu("&File")
        self._action(f, "Open photos…", self.drop.open_dialog, QKeySequence.Open)
        self._action(f, "Open a photo folder…", self.open_folder_dialog, "Ctrl+Shift+O")
        self._action(f, "Paste photos", self.paste, QKeySequence.Paste)
        f.addSeparator()
        self._action(f, "Save queue as playlist…", self.save_queue, QKeySequence.Save)
        self._action(f, "Export queue (M3U8 / XSPF)…", self.export_queue_dialog, "Ctrl+E")
        self.playlists_menu = f.addMenu("Saved playlists")
        self.playlists_menu.aboutToShow.connect(self._fill_playlists_menu)
        f.addSeparator()
        self._action(f, "Quit", self.close, QKeySequence.Quit)
        lib = mb.addMenu("&Library")
        self._action(lib, "Choose library folders and scan…", self.show_first_run)
        self._action(lib, "Rescan library", self.rescan_library, "F5")
        p = mb.addMenu("&Playback")
        self._action(p, "Play / pause", self.controller.toggle, "Space")
        self._action(p, "Next", self.controller.next, "Ctrl+Right")
        self._action(p, "Previous", self.controller.previous, "Ctrl+Left")
        self._action(p, "Volume up", lambda: self.change_volume(+5), "Ctrl+Up")
        self._action(p, "Volume down", lambda: self.change_volume(-5), "Ctrl+Down")
        self._action(p, "Regenerate queue", self.regenerate, "Ctrl+R")
        s = mb.addMenu("&Settings")
        self._action(s, "Settings…", self.show_settings, QKeySequence.Preferences)
        self._action(s, "Tune…", lambda: self.tabs.setCurrentWidget(self.tune), "Ctrl+T")
        h = mb.addMenu("&Help")
        self._action(h, "Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(h, "Open the log folder", self.show_log_folder)
        # Media keys, where the platform delivers them to Qt.
        for key, slot in ((Qt.Key_MediaPlay, self.controller.toggle),
                          (Qt.Key_MediaTogglePlayPause, self.controller.toggle),
                          (Qt.Key_MediaPause, self.controller.toggle),
                          (Qt.Key_MediaNext, self.controller.next),
                          (Qt.Key_MediaPrevious, self.controller.previous),
                          (Qt.Key_MediaStop, self.controller.stop)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ApplicationShortcut)

    def _connect(self) -> None:
        self.drop.paths_dropped.connect(self.add_photos)
        self.strip.photo_selected.connect(self.show_photo)
        self.strip.label_requested.connect(self.add_label)
        c = self.controller
        c.now_playing.connect(self._on_now_playing)
        c.state_changed.connect(self._on_state)
        c.position_changed.connect(self.transport.set_position)
        c.skipped.connect(self._on_skipped)
        c.queue_changed.connect(self._refresh_queue)
        c.queue_finished.connect(lambda: self.statusBar().showMessage("End of the queue.", 5000))
        t = self.transport
        t.toggle_requested.connect(c.toggle)
        t.next_requested.connect(c.next)
        t.previous_requested.connect(c.previous)
        t.seek_requested.connect(c.seek)
        t.volume_changed.connect(self._set_volume)
        q = self.queue_view
        q.play_requested.connect(c.play_index)
        q.remove_requested.connect(c.remove)
        q.play_next_requested.connect(c.play_next)
        q.reordered.connect(c.reorder)
        q.more_like_requested.connect(self.more_like)
        q.regenerate_requested.connect(self.regenerate)
        q.save_requested.connect(self.save_queue)
        self.model.context_ready.connect(self._on_model_ready)
        self.model.context_failed.connect(self._on_model_failed)
        self.model_missing.retry_requested.connect(self.load_model)
        self.model_missing.download_requested.connect(self.load_model)
        self.model_missing.folder_chosen.connect(self._use_model_folder)
        self.tune.tune_requested.connect(self.start_tuning)
        self.tune.cancel_requested.connect(lambda: self.model.cancel(self._tune_job))
        self.tune.adapter_chosen.connect(self.choose_adapter)
        self.watcher.batch_ready.connect(self._on_watched_batch)
        self.watcher.folder_problem.connect(
            lambda folder, msg: self.statusBar().showMessage(f"{folder}: {msg}", 8000))
        if self.tray is not None:
            self.tray.show_requested.connect(self._raise)
            self.tray.toggle_requested.connect(c.toggle)
            self.tray.quit_requested.connect(self.close)

    # ------------------------------------------------------------ startup
    def start_background(self, first_run: bool = True) -> None:
        """After the window is up: load the model, start watching, maybe first-run setup."""
        if self.services.player_message:
            self.banner.show_message(self.services.player_message)
        self.controller.player.set_video_target(self.now.video_window_id())
        self.load_model()
        self.watcher.set_folders(self.settings.watch_folders)
        self._refresh_library_status()
        self._refresh_tune()
        if first_run and not self.settings.extra.get("first_run_done") \
                and not self.settings.library_folders:
            self.show_first_run()

    def load_model(self) -> None:
        from .workers import extractor_loader

        self.model_state = "loading"
        self.status_model.setText("Loading the emotion model…")
        self.model.load_context(extractor_loader(self.settings, self.tuning))

    @Slot(object)
    def _on_model_ready(self, info: dict) -> None:
        self.model_state = "ready"
        self.model_info = info
        self.taxonomy = info["taxonomy"]
        self.emotions.set_taxonomy(self.taxonomy)
        self.strip.emotion_names = list(self.taxonomy.names)
        self.mood_stack.setCurrentWidget(self.emotions)
        self.status_model.setText(f"{info['model']} · {info['device']} · {info['adapter']}")
        self._refresh_tune()

    @Slot(str, str)
    def _on_model_failed(self, kind: str, message: str) -> None:
        self.model_state = "missing" if kind.startswith("missing") else "error"
        self.status_model.setText("No emotion model")
        if self.model_state == "missing":
            self.model_missing.show_problem(message, online=kind == "missing-online")
        else:
            self.model_missing.heading.setText("The emotion model could not be loaded")
            self.model_missing.show_problem(message, online=False)
            self.model_missing.heading.setText("The emotion model could not be loaded")
        self.mood_stack.setCurrentWidget(self.model_missing)

    def _use_model_folder(self, folder: str) -> None:
        self.settings.model = f"local-dir:{folder}"
        self._save_settings()
        self.load_model()

    # ------------------------------------------------------------- photos
    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a photo folder", str(Path.home()))
        if folder:
            self.add_photos([folder])

    def paste(self) -> None:
        self.add_from_mime(QGuiApplication.clipboard().mimeData())

    def add_from_mime(self, mime: QMimeData) -> bool:
        paths_ = DropZone.local_paths(mime)
        if not paths_ and mime.hasImage():
            # A copied picture (not a file): keep it in the cache so it can be labelled later.
            image = QImage(mime.imageData())
            if not image.isNull():
                target = paths.cache_dir() / f"pasted-{datetime.datetime.now():%Y%m%d-%H%M%S}.png"
                if image.save(str(target)):
                    paths_ = [str(target)]
        if paths_:
            self.add_photos(paths_)
            return True
        self.statusBar().showMessage("The clipboard holds no photos or image files.", 5000)
        return False

    def dragEnterEvent(self, event):  # the whole window is a drop target too
        if DropZone.local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        paths_ = DropZone.local_paths(event.mimeData())
        if paths_:
            event.acceptProposedAction()
            self.add_photos(paths_)

    @Slot(list)
    def add_photos(self, inputs: list, on_analysed=None) -> None:
        """Expand files/folders on the task worker, then analyse on the model worker."""
        self.timings = {"drop": time.perf_counter()}

        def expand(_ctx, progress, cancel):
            errors = []
            found = []
            for p in iter_image_paths(inputs, errors):
                cancel.check()
                found.append(str(p))
            return found, errors

        def expanded(result):
            found, errors = result
            if not found and not errors:
                self.banner.show_message("No photos found in what was dropped (MoodPlayer reads "
                                         "JPEG, PNG, WebP, GIF, TIFF, BMP and more).")
                return
            self._analyse(found, errors, on_analysed)

        self.tasks.submit(expand, on_done=expanded,
                          on_failed=lambda msg, _c: self.banner.show_message(msg, "error"))

    def _analyse(self, found: list, errors: list, on_analysed=None) -> None:
        self.cancel_analysis()
        self.strip.set_photos(found + [e.path for e in errors])
        for e in errors:
            self.strip.set_caption(e.path, e.reason, error=True)
        self.results = {}
        self._set_busy(True, len(found))
        if self.model_state != "ready":
            self.emotions.show_message("Waiting for the model…",
                                       "The photos will be analysed as soon as it is loaded.")

        def analyse(extractor, progress, cancel):
            if extractor is None:
                raise MoodPlayerError("The emotion model is not loaded, so the photos cannot be "
                                      "analysed. See the message in the window.")
            return extractor.analyze_paths(found, progress, cancel, errors=errors)

        self._analysis_job = self.model.submit(
            analyse,
            on_done=lambda a: self._on_analysis(a, on_analysed),
            on_failed=self._on_analysis_failed,
            on_progress=self._on_analysis_progress,
            on_finished=lambda: self._set_busy(False))

    def cancel_analysis(self) -> None:
        if self._analysis_job is not None:
            self.model.cancel(self._analysis_job)

    def _set_busy(self, busy: bool, total: int = 0) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_cancel.setVisible(busy)
        if busy:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(0)
        else:
            self._analysis_job = None

    def _on_analysis_progress(self, done: int, total: int, message: str) -> None:
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)
        self.statusBar().showMessage(f"Analysing {done}/{total}: {Path(message).name}", 2000)

    def _on_analysis_failed(self, message: str, cancelled: bool) -> None:
        if cancelled:
            self.statusBar().showMessage("Analysis cancelled.", 5000)
        else:
            self.banner.show_message(message, "error")
            self.emotions.show_message("Could not analyse the photos", message)

    def _on_analysis(self, analysis, on_analysed=None) -> None:
        self.timings["analysed"] = time.perf_counter()
        self.analysis = analysis
        self.results = {p.path: p for p in analysis.photos}
        failed = [p for p in analysis.photos if p.result is None]
        for p in analysis.photos:
            if p.result is not None:
                top = p.result.top[0]
                self.strip.set_caption(p.path, f"{top} {p.result.emotions[top] * 100:.0f}%")
            else:
                self.strip.set_caption(p.path, p.error or "could not be read", error=True)
        if failed:
            names = ", ".join(Path(p.path).name for p in failed[:3])
            more = f" and {len(failed) - 3} more" if len(failed) > 3 else ""
            self.banner.show_message(
                f"{len(failed)} of {len(analysis.photos)} photos could not be read ({names}{more}): "
                f"{failed[0].error}. The others were analysed.")
        if analysis.combined is None:
            self.emotions.show_message("No readable photo",
                                       "None of these photos could be read; hover them for why.")
            return
        n = len(analysis.ok)
        self.emotions.show_result(f"Combined mood of {n} photo{'s' if n != 1 else ''}",
                                  analysis.combined)
        self.strip.setCurrentRow(0)
        self.current_mood = analysis.combined
        if on_analysed is not None:
            on_analysed(analysis)
        else:
            self.build_queue(analysis.combined,
                             autoplay=bool(self.settings.extra.get("autoplay_drop", True)))

    @Slot(str)
    def show_photo(self, path: str) -> None:
        if path == COMBINED:
            if self.analysis is not None and self.analysis.combined is not None:
                n = len(self.analysis.ok)
                self.emotions.show_result(f"Combined mood of {n} photo{'s' if n != 1 else ''}",
                                          self.analysis.combined)
            return
        photo = self.results.get(path)
        if photo is None:
            self.emotions.show_message(Path(path).name, "Not analysed yet.")
        elif photo.result is None:
            self.emotions.show_message(Path(path).name, f"Could not be read: {photo.error}")
        else:
            self.emotions.show_result(Path(path).name, photo.result)

    # -------------------------------------------------------------- queue
    def build_queue(self, mood, autoplay: bool = False, on_built=None) -> None:
        s = self.settings
        if self.library.count() == 0:
            self.queue_view.info.setText("")
            self.banner.show_message("Your library is empty, so there is nothing to play yet. "
                                     "Choose Library > Choose library folders to add music and "
                                     "videos.", "info")
            return

        def build(_ctx, progress, cancel):
            return self.library.build_queue(mood, kind=s.queue_kind, length=s.queue_length,
                                            diversity=s.diversity)

        def built(entries):
            self.timings["queued"] = time.perf_counter()
            if on_built is not None:
                on_built(entries)
                return
            if not entries:
                self.banner.show_message(f"No {s.queue_kind} in the library fits this mood "
                                         f"(try another kind in Settings).", "info")
            self.controller.set_queue(entries, autoplay=autoplay)

        self.tasks.submit(build, on_done=built,
                          on_failed=lambda msg, _c: self.banner.show_message(msg, "error"))

    def regenerate(self) -> None:
        if self.current_mood is None:
            self.statusBar().showMessage("Drop photos first: the queue follows their mood.", 5000)
            return
        self.build_queue(self.current_mood, autoplay=False)

    def more_like(self, index: int) -> None:
        if not 0 <= index < len(self.controller.queue):
            return
        entry = self.controller.queue.entries[index]
        exclude = {e.item_id for e in self.controller.queue.entries}
        diversity = self.settings.diversity

        def find(_ctx, progress, cancel):
            return self.library.more_like(entry, length=5, diversity=diversity,
                                          exclude_ids=exclude)

        def found(entries):
            if not entries:
                self.statusBar().showMessage(f"Nothing else like “{entry.title}”.", 5000)
                return
            self.controller.insert_next(entries)
            self.statusBar().showMessage(
                f"Added {len(entries)} like “{entry.title}” after the current item.", 5000)

        self.tasks.submit(find, on_done=found,
                          on_failed=lambda msg, _c: self.banner.show_message(msg, "error"))

    def save_queue(self) -> None:
        if not len(self.controller.queue):
            return
        default = self._playlist_name(self.current_mood)
        name, ok = QInputDialog.getText(self, "Save playlist", "Name:", text=default)
        if ok and name.strip():
            self._save_playlist(name.strip(), self.controller.queue.entries, auto=False,
                                mood=self.current_mood)

    def export_queue_dialog(self) -> None:
        if not len(self.controller.queue):
            self.statusBar().showMessage("The queue is empty: nothing to export.", 5000)
            return
        default = str(Path.home() / f"{self._playlist_name(self.current_mood)}.m3u8")
        path, _ = QFileDialog.getSaveFileName(
            self, "Export queue", default, "M3U8 playlist (*.m3u8);;XSPF playlist (*.xspf)")
        if path:
            self.export_queue(path)

    def export_queue(self, path: str) -> Optional[str]:
        """Write the queue for other players (VLC, foobar2000, phones...)."""
        if Path(path).suffix.lower() not in (".m3u8", ".m3u", ".xspf"):
            path += ".m3u8"
        try:
            written = self.library.export_queue(path, self.controller.queue.entries,
                                                title=self._playlist_name(self.current_mood))
        except (MoodPlayerError, OSError) as exc:
            self.banner.show_message(f"The queue could not be exported: {exc}", "error")
            return None
        self.statusBar().showMessage(f"Exported {len(self.controller.queue)} items to {written}.", 5000)
        return written

    def _save_playlist(self, name: str, entries, auto: bool, mood=None) -> Optional[str]:
        try:
            saved = self.library.save_playlist(name, entries, auto=auto, mood=mood)
        except (MoodPlayerError, OSError) as exc:
            self.banner.show_message(f"The playlist “{name}” could not be saved: {exc}", "error")
            return None
        self.statusBar().showMessage(f"Saved playlist “{name}”.", 5000)
        return saved

    def _fill_playlists_menu(self) -> None:
        self.playlists_menu.clear()
        lists = self.library.list_playlists()
        if not lists:
            self.playlists_menu.addAction("(none yet)").setEnabled(False)
        for pl in lists:
            label = f"{pl['name']} ({pl['count']})" + ("  · auto" if pl.get("auto") else "")
            self.playlists_menu.addAction(label, lambda n=pl["name"]: self.play_playlist(n))

    def play_playlist(self, name: str) -> None:
        self.controller.set_queue(self.library.load_playlist(name), autoplay=True)

    def _playlist_name(self, mood) -> str:
        top = mood.top[0].capitalize() if mood is not None and mood.top else "Mood"
        return f"{top} · {datetime.datetime.now():%Y-%m-%d %H:%M}"

    @Slot()
    def _refresh_queue(self) -> None:
        self.queue_view.show_queue(self.controller.queue)

    # ------------------------------------------------------------ playback
    @Slot(object)
    def _on_now_playing(self, entry) -> None:
        cover = cover_art(entry.path) if entry is not None and entry.kind != "video" else None
        self.now.show_entry(entry, cover)
        if entry is not None:
            self.setWindowTitle(f"{entry.label} — MoodPlayer")
            try:  # play history: the next queues avoid repeating it at once
                self.library.record_played(entry.path)
            except Exception as exc:  # noqa: BLE001 - history is a nicety, never a blocker
                log.warning("could not record a play: %s", exc)
            if "drop" in self.timings and "started" not in self.timings:
                self.timings["started"] = time.perf_counter()
        else:
            self.setWindowTitle("MoodPlayer")

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.transport.set_playing(state == "playing")

    @Slot(str, str)
    def _on_skipped(self, title: str, reason: str) -> None:
        self.banner.show_message(f"Skipped “{title}”: {reason}.")

    def _set_volume(self, volume: int) -> None:
        self.controller.set_volume(volume)
        self.settings.extra["volume"] = volume

    def change_volume(self, delta: int) -> None:
        v = max(0, min(100, self.transport.volume.value() + delta))
        self.transport.volume.setValue(v)

    # ------------------------------------------------------- labels, tune
    @Slot(str, str)
    def add_label(self, path: str, emotion: str) -> None:
        try:
            self.library.add_label(path, emotion)
        except (MoodPlayerError, OSError) as exc:
            self.banner.show_message(f"The label could not be saved: {exc}", "error")
            return
        self.strip.set_caption(path, f"✓ {emotion}")
        self.statusBar().showMessage(f"Saved: {Path(path).name} feels like {emotion}.", 5000)
        self._refresh_tune()

    def _refresh_tune(self) -> None:
        names = self.taxonomy.names if self.taxonomy else []
        counts = self.library.label_counts(names) if names else {}
        self.tune.set_counts(counts, self.tuning.available())
        self.tune.set_adapters(self.tuning.list_adapters(), self.settings.adapter)

    def start_tuning(self) -> None:
        labels = self.library.labels()
        tuning = self.tuning

        def run(extractor, progress, cancel):
            if extractor is None:
                raise MoodPlayerError("Tuning needs the emotion model, which is not loaded.")
            report = tuning.tune(extractor, labels, progress, cancel)
            if report.adapter_path and report.activate:  # switch in the model's own thread
                extractor.set_head(tuning.load_head(extractor, report.adapter_path))
            return report

        def done(report):
            if report.adapter_path and report.activate:
                self.settings.adapter = report.adapter_path
                self._save_settings()
                self._show_active_adapter(report.adapter_path)
            self._refresh_tune()  # first: the report's message must stay on screen
            self.tune.show_report(report.before, report.after, report.message or "Tuning finished.")

        self.tune.set_running(True)
        self._tune_job = self.model.submit(
            run, on_done=done,
            on_failed=lambda msg, cancelled: self.tune.status.setText(
                "Tuning cancelled; nothing changed." if cancelled else msg),
            on_progress=self.tune.set_progress,
            on_finished=lambda: self.tune.set_running(False))

    def _show_active_adapter(self, active) -> None:
        """The status bar names the head in use: zero-shot or the adapter's name."""
        name = Path(active).stem if active else "zero-shot"
        if self.model_info:
            self.model_info["adapter"] = name
            self.status_model.setText(f"{self.model_info['model']} · "
                                      f"{self.model_info['device']} · {name}")

    def choose_adapter(self, path: str) -> None:
        tuning = self.tuning
        adapter = path or None

        def switch(extractor, progress, cancel):
            if extractor is None:
                raise MoodPlayerError("The emotion model is not loaded.")
            extractor.set_head(tuning.load_head(extractor, adapter))
            return adapter

        def done(active):
            self.settings.adapter = active
            self._save_settings()
            self._show_active_adapter(active)
            self.tune.status.setText(f"Now using {Path(active).stem if active else 'zero-shot'}.")

        self.model.submit(switch, on_done=done,
                          on_failed=lambda msg, _c: self.banner.show_message(msg, "error"))

    # --------------------------------------------------------- watch folders
    @Slot(str, list)
    def _on_watched_batch(self, folder: str, new_paths: list) -> None:
        autoplay = bool(self.settings.extra.get("autoplay_watch", False))

        def analysed(analysis):
            mood = analysis.combined
            name = f"{Path(folder).name} · {self._playlist_name(mood)}"

            def built(entries):
                saved = self._save_playlist(name, entries, auto=True, mood=mood) if entries else None
                text = (f"{len(new_paths)} new photos in {Path(folder).name}: "
                        + (f"playlist “{name}” ({len(entries)} items)." if saved
                           else "no playlist (the library has nothing to match)."))
                if self.tray is not None:
                    self.tray.notify("New auto-playlist", text)
                self.statusBar().showMessage(text, 10000)
                if saved and autoplay:
                    self.controller.set_queue(entries, autoplay=True)

            if mood is not None:
                self.build_queue(mood, on_built=built)

        self.add_photos(new_paths, on_analysed=analysed)

    # -------------------------------------------------------------- library
    def show_first_run(self) -> None:
        dlg = FirstRunDialog(self.settings.library_folders or None, self)
        self.first_run_dialog = dlg
        job = {}

        def scan(folders):
            job["id"] = self.tasks.submit(
                lambda _c, progress, cancel: self.library.scan(folders, progress, cancel),
                on_done=lambda r: self._scan_done(dlg, folders, r),
                on_failed=lambda msg, cancelled: dlg.scan_finished(
                    "Scan cancelled." if cancelled else msg, False),
                on_progress=dlg.set_progress)

        dlg.scan_requested.connect(scan)
        dlg.cancel_requested.connect(lambda: self.tasks.cancel(job.get("id")))
        dlg.finished.connect(lambda _r: self._first_run_closed())
        dlg.open()

    def _finish_profiles(self, result: dict) -> None:
        """Cover art and titles need the model: read them on the model worker."""
        if not result.get("waiting_for_model"):
            return
        library = self.library

        def profile(extractor, progress, cancel):
            return library.update_profiles(extractor, progress, cancel) if extractor else 0

        self.model.submit(profile, on_failed=lambda msg, c: None if c else
                          self.statusBar().showMessage(f"Library profiles: {msg}", 8000))

    def _scan_done(self, dlg, folders, result: dict) -> None:
        self._finish_profiles(result)
        self.settings.library_folders = folders
        self.settings.extra["first_run_done"] = True
        self._save_settings()
        missing = result.get("missing") or []
        text = f"Found {result['items']} songs and videos."
        if missing:
            text += " Not found: " + ", ".join(missing) + "."
        dlg.scan_finished(text, True)
        self._refresh_library_status()

    def _first_run_closed(self) -> None:
        self.settings.extra["first_run_done"] = True
        self._save_settings()

    def rescan_library(self) -> None:
        folders = self.settings.library_folders
        if not folders:
            self.show_first_run()
            return
        self.statusBar().showMessage("Scanning the library…")
        self.tasks.submit(lambda _c, progress, cancel: self.library.scan(folders, progress, cancel),
                          on_done=lambda r: (self._refresh_library_status(), self._finish_profiles(r),
                                             self.statusBar().showMessage(
                                                 f"Library: {r['items']} items.", 5000)),
                          on_failed=lambda msg, _c: self.banner.show_message(msg, "error"))

    def _refresh_library_status(self) -> None:
        n = self.library.count()
        self.queue_view.info.setText(f"library: {n} items" if n else "library is empty")

    # ------------------------------------------------------------- settings
    def show_settings(self) -> None:
        dlg = SettingsDialog(self.settings, self)
        if dlg.exec() != SettingsDialog.Accepted:
            return
        self.apply_settings_dialog(dlg)

    def apply_settings_dialog(self, dlg) -> set:
        changed = dlg.apply_to(self.settings)
        self._save_settings()
        if {"model", "device"} & changed:
            self.load_model()
        if "watch_folders" in changed:
            self.watcher.set_folders(self.settings.watch_folders)
        if "library_folders" in changed:
            self.rescan_library()
        return changed

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(f"Settings could not be saved: {exc}", 8000)

    def _restore_state(self) -> None:
        extra = self.settings.extra
        for key, fn in (("geometry", self.restoreGeometry), ("split", self.split.restoreState),
                        ("right_split", self.right_split.restoreState)):
            if extra.get(key):
                try:
                    fn(QByteArray(base64.b64decode(extra[key])))
                except (ValueError, TypeError):
                    pass  # a damaged value only costs the layout
        volume = int(extra.get("volume", 80))
        self.transport.set_volume(volume)
        self.controller.set_volume(volume)

    def save_state(self) -> None:
        extra = self.settings.extra
        extra["geometry"] = base64.b64encode(bytes(self.saveGeometry())).decode()
        extra["split"] = base64.b64encode(bytes(self.split.saveState())).decode()
        extra["right_split"] = base64.b64encode(bytes(self.right_split.saveState())).decode()
        self._save_settings()

    # ---------------------------------------------------------------- misc
    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_HTML)

    def show_log_folder(self) -> None:
        QMessageBox.information(self, "Log folder", f"Logs are in {paths.logs_dir()}")

    def _raise(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event):
        self.save_state()
        self.watcher.stop()
        self.model.shutdown()
        self.tasks.shutdown()
        self.controller.shutdown()
        self.strip.loader.shutdown()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)


SHORTCUTS_HTML = """<table>
<tr><td><b>Ctrl+O</b></td><td>Open photos</td></tr>
<tr><td><b>Ctrl+Shift+O</b></td><td>Open a photo folder</td></tr>
<tr><td><b>Ctrl+V</b></td><td>Paste photos or an image</td></tr>
<tr><td><b>Space</b></td><td>Play / pause</td></tr>
<tr><td><b>Ctrl+Right / Ctrl+Left</b></td><td>Next / previous</td></tr>
<tr><td><b>Ctrl+Up / Ctrl+Down</b></td><td>Volume</td></tr>
<tr><td><b>Ctrl+R</b></td><td>Regenerate the queue</td></tr>
<tr><td><b>Delete</b></td><td>Remove the selected queue item</td></tr>
<tr><td><b>Ctrl+S</b></td><td>Save the queue as a playlist</td></tr>
<tr><td><b>F5</b></td><td>Rescan the library</td></tr>
<tr><td><b>Ctrl+T</b></td><td>Tune view</td></tr>
<tr><td><b>Ctrl+,</b></td><td>Settings</td></tr>
<tr><td><b>Media keys</b></td><td>Play/pause, next, previous, stop</td></tr>
</table>"""
