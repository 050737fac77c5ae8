"""What plays now: cover art for music, the video itself for video.

The video surface is a native child window whose id libVLC draws into; it is
created once (a fresh native window per item would flicker and leak ids on
X11) and shown only while a video plays. Where libVLC cannot draw into it
(Qt on Wayland) a note takes its place and the video opens in its own window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from .. import assets


class VideoSurface(QWidget):
    double_clicked = Signal()  # fullscreen in, or out

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_NativeWindow)
        self.setAttribute(Qt.WA_DontCreateNativeAncestors)
        pal = self.palette()
        pal.setColor(QPalette.Window, QColor("black"))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.setMinimumSize(160, 90)

    def mouseDoubleClickEvent(self, event):
        self.double_clicked.emit()
        event.accept()


class NowPlaying(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("NowPlaying")
        self.stack = QStackedWidget()
        self.cover = QLabel()
        self.cover.setAlignment(Qt.AlignCenter)
        self.cover.setObjectName("Cover")
        self.cover.setMinimumSize(160, 160)
        assets.heading(self.cover, 4.0, bold=False)  # the "♫" placeholder
        assets.muted(self.cover)
        self.cover.setAccessibleName(self.tr("Cover art"))
        self.video = VideoSurface()
        self.video_note = assets.muted(QLabel(""))
        self.video_note.setObjectName("Muted")
        self.video_note.setWordWrap(True)
        self.video_note.setAlignment(Qt.AlignCenter)
        self.video_embedded = True
        self.stack.addWidget(self.cover)
        self.stack.addWidget(self.video)
        self.stack.addWidget(self.video_note)
        self.title = assets.heading(QLabel(self.tr("Nothing playing")), 1.2)
        self.title.setObjectName("NowTitle")
        self.title.setWordWrap(True)
        self.subtitle = assets.muted(QLabel(""))
        self.subtitle.setObjectName("Muted")
        self.subtitle.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self._cover_bytes = None
        self.show_entry(None)

    def video_window_id(self) -> int:
        return int(self.video.winId())

    def set_video_embedded(self, embedded: bool, note: str = "") -> None:
        """False: videos play in libVLC's own window and ``note`` says so here."""
        self.video_embedded = embedded
        self.video_note.setText(note)

    def show_entry(self, entry, cover: bytes = None) -> None:
        if entry is None:
            self.title.setText(self.tr("Nothing playing"))
            self.subtitle.setText("")
            self._set_cover(None, "♫")
            self.stack.setCurrentWidget(self.cover)
            return
        self.title.setText(entry.title)
        self.subtitle.setText(" · ".join(x for x in (entry.artist, entry.album) if x))
        if entry.kind == "video":
            self.stack.setCurrentWidget(self.video if self.video_embedded else self.video_note)
        else:
            self._set_cover(cover, "♫")
            self.stack.setCurrentWidget(self.cover)

    def _set_cover(self, data, fallback: str) -> None:
        self._cover_bytes = data
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.cover.setPixmap(QPixmap())
            self.cover.setText(fallback)
        else:
            self.cover.setText("")
            self.cover.setPixmap(QPixmap.fromImage(image).scaled(
                220, 220, Qt.KeepAspectRatio, Qt.SmoothTransformation))
