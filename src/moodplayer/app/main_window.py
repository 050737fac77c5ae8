"""The main window: lays out the widgets and hands each area to its flow.

It builds no services (``main.py`` does, once) and decides nothing a second
front-end would need: the rules live in ``core``; the flows in ``flows/``
move work onto the workers and results onto the widgets. What stays here is
layout, the model's loading state, the now-playing strip and settings.
"""

from __future__ import annotations

import logging
import time
from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QMainWindow, QMessageBox, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from ..engine import paths
from . import assets, menus, theme, window_state
from .desktop import Desktop
from .flows.library import LibraryFlow
from .flows.listening import ListeningFlow
from .flows.models import ModelDownloadFlow
from .flows.photos import PhotosFlow
from .flows.playlists import PlaylistsFlow
from .flows.tuning import TuningFlow
from .widgets.banner import Banner
from .widgets.drop_zone import DropZone
from .widgets.emotion_view import EmotionView
from .widgets.library_view import LibraryView
from .widgets.model_missing import ModelMissingPage
from .widgets.now_playing import NowPlaying
from .widgets.photo_strip import PhotoStrip
from .widgets.queue_view import QueueView
from .widgets.settings_dialog import SettingsDialog
from .widgets.status_area import StatusArea
from .widgets.transport import TransportBar
from .widgets.tune_view import TuneView

log = logging.getLogger(__name__)

# After a launch photo's emotions are shown, the rest of the start waits this long, so
# the result paints before scans and listening take the CPU.
SERVICES_AFTER_RESULT_MS = 200
SERVICES_AT_THE_LATEST_MS = 60_000  # and never longer than this, whatever happens


class MainWindow(QMainWindow):
    services_started = Signal()  # the start's deferred part ran (watching, library, listening)

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
        self.model_info = None  # core.factory.ReaderInfo once loaded
        self.model_state = "loading"  # loading | ready | missing | error
        self.launch = None  # core.launch.LaunchStart: the reader loading since the launch
        self._services_started = False
        self._first_run = True
        self._services_timer = QTimer(self)  # the deferred part of the start (start_background)
        self._services_timer.setSingleShot(True)
        self._services_timer.timeout.connect(lambda: self.start_services(self._first_run))

        self.setWindowTitle(self.tr("MoodPlayer"))
        self.setWindowIcon(assets.icon("moodplayer"))
        self.setAcceptDrops(True)
        self._build_ui()
        self.photos = PhotosFlow(self, services)
        self.tuning_flow = TuningFlow(self, services)
        self.library_flow = LibraryFlow(self, services)
        self.listening = ListeningFlow(self, services)
        self.lists = PlaylistsFlow(self, services)
        self.model_download = ModelDownloadFlow(self, services)
        self.commands = menus.command_table(self)
        menu_bar, actions = menus.build_menus(self, self.commands)
        self.playlists_menu = menus.submenu_before(menu_bar[menus.FILE], actions["Quit"],
                                                   self.tr("Saved playlists"))
        self.playlists_menu.aboutToShow.connect(lambda: self.lists.fill_menu(self.playlists_menu))
        self.theme_menu = menus.choice_menu(
            menu_bar[menus.VIEW], self.tr("Theme"),
            [(theme.SYSTEM, self.tr("System")), (theme.LIGHT, self.tr("Light")),
             (theme.DARK, self.tr("Dark"))], self.settings.extra.get("theme", theme.SYSTEM),
            self.set_theme)
        menus.add_media_keys(self, self.controller)
        self._connect()
        volume = window_state.restore(self, self.settings.extra)
        self.transport.set_volume(volume)
        self.controller.set_volume(volume)
        self.desktop = Desktop(self)  # tray, close-to-tray, fullscreen, keys, queue memory

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.banner = Banner()
        self.drop, self.strip, self.emotions = DropZone(), PhotoStrip(), EmotionView()
        self.model_missing = ModelMissingPage()
        self.mood_stack = QStackedWidget()
        self.mood_stack.addWidget(self.emotions)
        self.mood_stack.addWidget(self.model_missing)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.drop, 0), (self.strip, 0), (self.mood_stack, 1)):
            ll.addWidget(widget, stretch)

        self.now, self.queue_view = NowPlaying(), QueueView()
        self.right_split = QSplitter(Qt.Vertical)
        self.right_split.addWidget(self.now)
        self.right_split.addWidget(self.queue_view)
        self.right_split.setStretchFactor(0, 2)
        self.right_split.setStretchFactor(1, 3)
        self.split = QSplitter(Qt.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.right_split)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)

        self.tune = TuneView()
        self.library_view = LibraryView(self.library)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("MainTabs")
        self.tabs.addTab(self.split, self.tr("Mood"))
        self.tabs.addTab(self.library_view, self.tr("Library"))
        self.tabs.addTab(self.tune, self.tr("Tune"))
        self.transport = TransportBar()
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.addWidget(self.banner)
        cl.addWidget(self.tabs, 1)
        cl.addWidget(self.transport)
        self.setCentralWidget(central)
        self.status = StatusArea(self.statusBar())
        self.resize(1180, 760)

    def _connect(self) -> None:
        self.drop.paths_dropped.connect(self.photos.add_photos)
        self.strip.photo_selected.connect(self.photos.show_photo)
        self.strip.label_requested.connect(self.tuning_flow.add_label)
        self.status.cancel_requested.connect(self.photos.cancel)
        c = self.controller
        c.now_playing.connect(self._on_now_playing)
        c.restored.connect(self._show_track)
        c.state_changed.connect(lambda state: self.transport.set_playing(state == "playing"))
        c.position_changed.connect(self.transport.set_position)
        c.skipped.connect(lambda title, why: self.banner.show_message(
            self.tr("Skipped “{title}”: {reason}.").format(title=title, reason=why)))
        c.queue_changed.connect(lambda: self.queue_view.show_queue(c.queue))
        c.queue_finished.connect(
            lambda: self.statusBar().showMessage(self.tr("End of the queue."), 5000))
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
        q.more_like_requested.connect(self.photos.more_like)
        q.regenerate_requested.connect(self.photos.regenerate)
        q.save_requested.connect(self.lists.save_queue)
        self.model.context_ready.connect(self._on_model_ready)
        self.model.context_failed.connect(self._on_model_failed)
        self.model_missing.retry_requested.connect(self.load_model)
        self.model_missing.folder_chosen.connect(self._use_model_folder)
        self.watcher.batch_ready.connect(self.photos.watched_batch)
        self.watcher.folder_problem.connect(
            lambda folder, msg: self.statusBar().showMessage(
                self.tr("{folder}: {problem}").format(folder=folder, problem=msg), 8000))
        if self.tray is not None:
            self.tray.show_requested.connect(self.show_in_front)
            self.tray.toggle_requested.connect(c.toggle)
            self.tray.quit_requested.connect(self.quit_app)

    # ------------------------------------------------------------ startup
    def start_background(self, first_run: bool = True, photos=()) -> None:
        """After the window is up: load the model, then the rest of the start.

        With launch ``photos`` (a double-click) they are analysed first and the
        rest (watching, the library's views, first-run setup, listening) waits
        until their emotions are shown: on two cores it would only slow them.
        """
        if self.services.player_message:
            self.banner.show_message(self.services.player_message)
        if getattr(self.settings, "problems", None):  # hand-edited settings: said once, not hidden
            self.banner.show_message(" ".join(self.settings.problems))
        self.desktop.attach_video()
        self.desktop.restore_queue()  # before the photos: their queue must not be replaced by it
        self.load_model()
        if not photos:
            self.start_services(first_run)
            return
        self._first_run = first_run
        self._services_timer.start(SERVICES_AT_THE_LATEST_MS)
        self.photos.when_settled(lambda: self._services_timer.start(SERVICES_AFTER_RESULT_MS))
        self.photos.add_photos(list(photos))

    def start_services(self, first_run: bool = True) -> None:
        """The part of the start the first emotion does not wait for (runs once)."""
        self._services_timer.stop()
        if self._services_started:
            return
        self._services_started = True
        self.watcher.set_folders(self.settings.watch_folders)
        self.library_flow.refresh()
        self.library_flow.show_notice()
        self.tuning_flow.refresh()
        if first_run and self.services.library_jobs.needs_first_run():
            self.library_flow.show_first_run()
        elif self.settings.library_folders and self.settings.extra.get("listen", True):
            self.listening.listen()  # resume hearing what is not heard yet
        self.services_started.emit()

    def load_model(self) -> None:
        from .workers import reader_loader

        self.model_state = "loading"
        self.status.show_loading()
        self.model.load_context(reader_loader(self.settings, self.launch))

    @Slot(object)
    def _on_model_ready(self, info) -> None:
        self.model_state = "ready"
        self.model_info = info
        self.taxonomy = info.taxonomy
        self.emotions.set_taxonomy(self.taxonomy)
        self.strip.emotion_names = list(self.taxonomy.names)
        self.mood_stack.setCurrentWidget(self.emotions)
        self.status.show_model(info, self.settings.model)
        self.library_flow.finish_profiles()  # a new model or adapter: profiles follow it
        if info.adapter_problem:
            self.banner.show_message(
                self.tr("The tuned adapter is not used ({problem}); photos are read without "
                        "tuning.").format(problem=info.adapter_problem), "info")
        self.tuning_flow.refresh()

    @Slot(str, str)
    def _on_model_failed(self, kind: str, message: str) -> None:
        self.model_state = "missing" if kind.startswith("missing") else "error"
        self.status.show_no_model()
        self.model_missing.show_problem(message, online=kind == "missing-online")
        if self.model_state == "error":
            self.model_missing.heading.setText(self.tr("The emotion model could not be loaded"))
        self.mood_stack.setCurrentWidget(self.model_missing)

    def _use_model_folder(self, folder: str) -> None:
        self.settings.model = f"local-dir:{folder}"
        self._save_settings()
        self.load_model()

    def show_active_adapter(self, active: Optional[str]) -> None:
        """The status bar names the head in use: zero-shot or the adapter's name."""
        if self.model_info is not None:
            self.model_info.adapter, self.model_info.adapter_problem = active, None
            self.status.show_model(self.model_info, self.settings.model)
        self.library_flow.finish_profiles()  # covers and titles are read with the new head

    # ------------------------------------------------------------ drops
    def dragEnterEvent(self, event):  # the whole window is a drop target too
        if DropZone.local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        found = DropZone.local_paths(event.mimeData())
        if found:
            event.acceptProposedAction()
            self.photos.add_photos(found)

    # ------------------------------------------------------------ playback
    @Slot(object)
    def _show_track(self, track) -> None:
        music = track is not None and track.kind != "video"
        self.now.show_entry(track, self.library.cover_art(track.path) if music else None)
        self.setWindowTitle(self.tr("{track} — MoodPlayer").format(track=track.label)
                            if track is not None else self.tr("MoodPlayer"))

    @Slot(object)
    def _on_now_playing(self, track) -> None:
        self._show_track(track)
        if track is None:
            return
        try:  # play history: the next queues avoid repeating it at once
            self.library.record_played(track.path)
        except Exception as exc:  # noqa: BLE001 - history is a nicety, never a blocker
            log.warning("could not record a play: %s", exc)
        timings = self.photos.timings
        if "drop" in timings and "started" not in timings:
            timings["started"] = time.perf_counter()

    def _set_volume(self, volume: int) -> None:
        self.controller.set_volume(volume)
        self.settings.extra["volume"] = volume

    def change_volume(self, delta: int) -> None:
        self.transport.volume.setValue(max(0, min(100, self.transport.volume.value() + delta)))

    # ------------------------------------------------------------- settings
    def show_settings(self) -> None:
        dlg = SettingsDialog(self.settings, self, self.desktop.tray_available())
        if dlg.exec() == SettingsDialog.Accepted:
            self.apply_settings_dialog(dlg)

    def apply_settings_dialog(self, dlg) -> set:
        changed = dlg.apply_to(self.settings)
        self._save_settings()
        if {"model", "device"} & changed:
            self.load_model()
        if "watch_folders" in changed:
            self.watcher.set_folders(self.settings.watch_folders)
        if "library_folders" in changed:
            self.library_flow.rescan()
        if "replay_gain" in changed:
            self.desktop.apply_replay_gain()
        if "theme" in changed:
            self.set_theme(self.settings.extra.get("theme", theme.SYSTEM))
        if "language" in changed:
            self.statusBar().showMessage(
                self.tr("The new language is used from the next start."), 8000)
        return changed

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.statusBar().showMessage(
                self.tr("Settings could not be saved: {problem}").format(problem=exc), 8000)

    def save_state(self) -> None:
        window_state.save(self, self.settings.extra)
        self._save_settings()

    def set_theme(self, choice: str) -> None:
        """View > Theme: System, Light or Dark, applied at once and remembered."""
        from PySide6.QtWidgets import QApplication

        self.settings.extra["theme"] = theme.apply(QApplication.instance(), choice,
                                                   assets.stylesheet())
        for act in self.theme_menu.actions():
            act.setChecked(act.data() == self.settings.extra["theme"])
        self._save_settings()

    def show_library(self) -> None:
        """Library > Browse: the Library tab, with the search box ready to type in."""
        self.tabs.setCurrentWidget(self.library_view)
        self.library_view.search.setFocus()
        self.library_view.search.selectAll()

    # ---------------------------------------------------------------- misc
    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"),
                                menus.shortcuts_html(self.commands))

    def show_log_folder(self) -> None:
        QMessageBox.information(self, self.tr("Log folder"),
                                self.tr("Logs are in {folder}").format(folder=paths.logs_dir()))

    def show_in_front(self) -> None:
        """Back from the tray (or from behind other windows), as it was."""
        if self.isMinimized() or not self.isVisible():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Really quit, even when closing only hides the window in the tray."""
        self.desktop.quit()

    def closeEvent(self, event):
        if self.desktop.keep_running_on_close():
            event.ignore()
            return
        self.save_state()
        self._services_timer.stop()  # a start still pending has nothing left to start
        self._services_started = True
        self.desktop.shutdown()
        self.services.shutdown()
        self.strip.loader.shutdown()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)

