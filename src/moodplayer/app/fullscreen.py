"""Fullscreen video: the window itself goes fullscreen with only the video left.

libVLC draws into one native window (the now-playing surface). Moving that
widget into another top-level window would give it a new native id, and
libVLC cannot follow a video to a new window in mid-play. So instead the
main window goes fullscreen and hides everything around the video; the video
surface never moves, never gets a new id, and leaving restores what was shown.
When libVLC shows video in a window of its own (Wayland without XWayland),
that window goes fullscreen instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class VideoFullscreen(QObject):
    changed = Signal(bool)

    def __init__(self, window, embedded=lambda: True):
        super().__init__(window)
        self.window = window
        self.embedded = embedded  # is the video drawn inside the window (else libVLC's own)?
        self.active = False
        self._hidden = []  # widgets we hid, to show again on leaving
        self._margins = None  # per layout we flattened: {layout: margins}
        self._geometry = None
        self._document_mode = False

    def _around_the_video(self) -> list:
        w = self.window
        return [w.menuBar(), w.statusBar(), w.banner, w.transport, w.tabs.tabBar(),
                w.split.widget(0), w.queue_view, w.now.title, w.now.subtitle]

    def toggle(self) -> bool:
        if self.active:
            self.leave()
        else:
            self.enter()
        return self.active

    def enter(self) -> bool:
        """Fullscreen when a video plays; returns False (and changes nothing) otherwise."""
        w = self.window
        track = w.controller.queue.current_entry()
        if self.active or track is None or track.kind != "video":
            return False
        if not self.embedded():
            self._player_fullscreen(True)
            self.active = True
            self.changed.emit(True)
            return True
        w.tabs.setCurrentWidget(w.split)
        self._hidden = [x for x in self._around_the_video() if x.isVisible()]
        for widget in self._hidden:
            widget.hide()
        # No frame around the picture: flatten the margins between the video and the screen.
        layouts = [w.centralWidget().layout(), w.now.layout()]
        self._margins = {layout: layout.contentsMargins() for layout in layouts}
        for layout in layouts:
            layout.setContentsMargins(0, 0, 0, 0)
        self._document_mode = w.tabs.documentMode()
        w.tabs.setDocumentMode(True)
        self._geometry = w.saveGeometry()
        w.setGeometry(w.screen().geometry())  # also where no window manager handles fullscreen
        w.showFullScreen()
        self.active = True
        self.changed.emit(True)
        return True

    def leave(self) -> None:
        if not self.active:
            return
        w = self.window
        self.active = False
        if not self.embedded():
            self._player_fullscreen(False)
            self.changed.emit(False)
            return
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        for layout, margins in (self._margins or {}).items():
            layout.setContentsMargins(margins)
        w.tabs.setDocumentMode(self._document_mode)
        w.showNormal()
        if self._geometry is not None:
            w.restoreGeometry(self._geometry)  # maximized or not, where it was
        self.changed.emit(False)

    def _player_fullscreen(self, on: bool) -> None:
        set_fullscreen = getattr(self.window.controller.player, "set_fullscreen", None)
        if set_fullscreen is not None:  # libVLC's own window; the null player has none
            set_fullscreen(on)
