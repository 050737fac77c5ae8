"""The window as a desktop citizen: tray, close-to-tray, notifications, video, options.

Everything here is wiring between widgets and the player controller; the
rules (shuffle, repeat, mute, what "next" means) stay in ``core``. The main
window builds one ``Desktop`` and asks it three things: whether a close
should only hide the window, to put the saved queue back, and where videos
are drawn.

Settings it reads (``settings.extra``): ``close_to_tray`` (default on, used
only where a tray exists), ``notify_track`` (default off), ``replay_gain``
(track, album or off; default track).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

from ..core.now_playing import describe
from ..core.queue_memory import QueueMemory
from .fullscreen import VideoFullscreen
from .key_guard import KeyGuard
from .video_platform import embeds_video, own_window_note

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 1500  # a burst of queue edits is written once


class Desktop(QObject):
    closed = Signal()  # the window really closed: the application may end (run_app listens)

    def __init__(self, window, memory=None):
        super().__init__(window)
        self.w = window
        self.c = window.controller
        self.tray = window.tray
        self.memory = memory or QueueMemory()
        self.quitting = False
        self.restoring = False
        self.told_about_tray = False
        self._shut_down = False
        self.fullscreen = VideoFullscreen(window, embedded=lambda: self.video_embedded)
        self.keys = KeyGuard(window)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_queue)
        self._connect()
        # A click on the background or the now-playing area takes the focus back
        # from a list or button, so the player keys work again (see key_guard).
        for area in (window.centralWidget(), window.now):
            area.setFocusPolicy(Qt.ClickFocus)
        self.show_options()
        self.w.transport.b_fullscreen.setEnabled(False)  # until a video plays

    def _connect(self) -> None:
        c, t = self.c, self.w.transport
        t.shuffle_toggled.connect(c.set_shuffle)
        t.repeat_clicked.connect(c.cycle_repeat)
        t.mute_clicked.connect(c.toggle_mute)
        t.b_fullscreen.clicked.connect(self.fullscreen.toggle)
        self.w.now.video.double_clicked.connect(self.fullscreen.toggle)
        c.options_changed.connect(self.show_options)
        c.now_playing.connect(self._track_changed)
        c.restored.connect(self._track_shown)
        c.state_changed.connect(self._state_changed)
        for signal in (c.queue_changed, c.options_changed, c.now_playing):
            signal.connect(self._save_soon)
        if self.tray is not None:
            self.tray.next_requested.connect(c.next)
            self.tray.previous_requested.connect(c.previous)

    # -- options and state on every surface -------------------------------------------
    def show_options(self) -> None:
        s = self.c.session
        self.w.transport.show_options(s.shuffle, s.repeat, s.muted)
        if self.w.transport.volume.value() != s.volume:
            self.w.transport.set_volume(s.volume)
            self.w.settings.extra["volume"] = s.volume

    def _state_changed(self, state: str) -> None:
        if self.tray is not None:
            self.tray.show_playing(state == "playing")

    def _track_shown(self, track) -> None:
        self.w.transport.b_fullscreen.setEnabled(track is not None and track.kind == "video")
        if self.tray is not None:
            self.tray.show_track(track.label if track is not None else None)
        if track is None or track.kind != "video":
            self.fullscreen.leave()  # nothing left to watch

    def _track_changed(self, track) -> None:
        self._track_shown(track)
        if track is not None and self.w.settings.extra.get("notify_track", False):
            self.notify_track(track)

    def notify_track(self, track) -> None:
        """A desktop notification, only when the window is not in front."""
        if self.tray is None or self.w.isActiveWindow():
            return
        info = describe(track, self.c.player, self.w.library.cover_art)
        icon = QIcon(QPixmap(str(info.cover))) if info.cover is not None else None
        self.tray.notify(info.title, info.summary or self.tr("MoodPlayer"), icon)

    # -- video --------------------------------------------------------------------------
    @property
    def video_embedded(self) -> bool:
        return embeds_video(QGuiApplication.platformName())

    def attach_video(self) -> None:
        platform = QGuiApplication.platformName()
        embedded = embeds_video(platform)
        note = "" if embedded else QCoreApplication.translate("VideoPlatform",
                                                               own_window_note(platform))
        self.w.now.set_video_embedded(embedded, note)
        self.c.player.set_video_target(self.w.now.video_window_id() if embedded else None)

    # -- closing ------------------------------------------------------------------------
    def tray_available(self) -> bool:
        return self.tray is not None and self.tray.available

    def close_to_tray(self) -> bool:
        return self.tray_available() and bool(self.w.settings.extra.get("close_to_tray", True))

    def apply_replay_gain(self) -> None:
        set_gain = getattr(self.c.player, "set_replay_gain", None)  # libVLC only
        if set_gain is not None:
            set_gain(self.w.settings.extra.get("replay_gain", "track"))
            if self.c.player.state().value != "stopped":
                self.w.statusBar().showMessage(self.tr("The new ReplayGain setting applies "
                                                       "from the next track."), 6000)

    def keep_running_on_close(self) -> bool:
        """True when a close should only hide the window (playback goes on in the tray)."""
        if self.quitting or not self.close_to_tray():
            return False
        self.fullscreen.leave()
        self.w.save_state()
        self.save_queue()
        self.w.hide()
        if not self.told_about_tray:
            self.told_about_tray = True
            self.tray.notify(self.tr("MoodPlayer is still playing"),
                             self.tr("It keeps playing in the tray. Quit it from the tray menu."))
        return True

    def escape(self) -> None:
        """Esc: out of fullscreen; otherwise the focus goes back to the window."""
        if self.fullscreen.active:
            self.fullscreen.leave()
        else:
            self.w.centralWidget().setFocus()

    def connect_application(self, app) -> None:
        """The app ends when the window really closes; a logout closes it for real."""
        self.closed.connect(app.quit)
        app.commitDataRequest.connect(lambda *_: setattr(self, "quitting", True))
        app.aboutToQuit.connect(self.save_queue)

    def quit(self) -> None:
        self.quitting = True
        self.w.close()

    def receive_paths(self, paths: list) -> None:
        """Paths from a second launch (single instance): show the window, read the photos."""
        self.w.show_in_front()
        if paths:
            self.w.photos.add_photos(paths)

    # -- the queue across restarts ---------------------------------------------------------
    def restore_queue(self) -> None:
        self.restoring = True  # the restore's own queue_changed must not rewrite the file
        try:
            message = self.c.restore(self.memory)
        finally:
            self.restoring = False
        if message:
            self.w.banner.show_message(message, "info")

    def _save_soon(self, *_):
        if not self.restoring:
            self._save_timer.start()

    def save_queue(self) -> None:
        self._save_timer.stop()
        if self._shut_down:
            return  # saved on the way out; the player is gone now
        problem = self.memory.save(self.c.session)
        if problem:
            self.w.statusBar().showMessage(problem, 8000)

    def shutdown(self) -> None:
        self.keys.remove()
        self.save_queue()
        self._shut_down = True
        self.closed.emit()
