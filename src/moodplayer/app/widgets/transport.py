"""Play/pause, previous, next, seek bar with times, and volume."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

from .. import assets


def fmt(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class TransportBar(QWidget):
    toggle_requested = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    seek_requested = Signal(float)
    volume_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Transport")

        def button(icon, name, keys):
            b = QToolButton()
            b.setIcon(self._icon(icon))
            b.setIconSize(QSize(22, 22))
            b.setAccessibleName(name)  # icon-only: screen readers need the word
            b.setToolTip(self.tr("{name} ({keys})").format(name=name, keys=keys))
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.StrongFocus)
            return b

        self.b_prev = button(QStyle.SP_MediaSkipBackward, self.tr("Previous"), "Ctrl+Left")
        self.b_play = button(QStyle.SP_MediaPlay, self.tr("Play / pause"), self.tr("Space"))
        self.b_play.setObjectName("PlayButton")
        self.b_play.setIcon(self._icon(QStyle.SP_MediaPlay, on_highlight=True))
        self.b_next = button(QStyle.SP_MediaSkipForward, self.tr("Next"), "Ctrl+Right")
        self.b_prev.clicked.connect(self.previous_requested)
        self.b_play.clicked.connect(self.toggle_requested)
        self.b_next.clicked.connect(self.next_requested)
        self.elapsed = QLabel("0:00")
        self.total = QLabel("0:00")
        self.seek = QSlider(Qt.Horizontal)
        self.seek.setRange(0, 0)
        self.seek.setAccessibleName(self.tr("Position"))
        self.seek.sliderReleased.connect(lambda: self.seek_requested.emit(self.seek.value() / 1000))
        self.vol_icon = QLabel()
        self.vol_icon.setPixmap(self._icon(QStyle.SP_MediaVolume).pixmap(18, 18))
        self.vol_icon.setAccessibleName(self.tr("Volume"))
        self.volume = QSlider(Qt.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(100)
        self.volume.setToolTip(self.tr("Volume (Ctrl+Up / Ctrl+Down)"))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.valueChanged.connect(self.volume_changed)
        layout = QHBoxLayout(self)
        for w in (self.b_prev, self.b_play, self.b_next, self.elapsed):
            layout.addWidget(w)
        layout.addWidget(self.seek, 1)
        for w in (self.total, self.vol_icon, self.volume):
            layout.addWidget(w)

    ICONS = {QStyle.SP_MediaPlay: "play", QStyle.SP_MediaPause: "pause",
             QStyle.SP_MediaSkipBackward: "previous", QStyle.SP_MediaSkipForward: "next",
             QStyle.SP_MediaVolume: "volume"}

    def _icon(self, standard, on_highlight: bool = False):
        # Our SVGs in the palette's ink (light or dark theme); the style's icons are the fallback.
        role = QPalette.HighlightedText if on_highlight else QPalette.ButtonText
        icon = assets.tinted_icon(self.ICONS[standard], self.palette().color(role))
        return icon if not icon.isNull() else self.style().standardIcon(standard)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # the theme changed: re-ink the icons
            self.b_prev.setIcon(self._icon(QStyle.SP_MediaSkipBackward))
            self.b_next.setIcon(self._icon(QStyle.SP_MediaSkipForward))
            self.vol_icon.setPixmap(self._icon(QStyle.SP_MediaVolume).pixmap(18, 18))
            self.set_playing(getattr(self, "playing", False))

    def set_playing(self, playing: bool) -> None:
        self.playing = playing
        self.b_play.setIcon(self._icon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay,
                                       on_highlight=True))
        self.b_play.setAccessibleName(self.tr("Pause") if playing else self.tr("Play"))

    def set_position(self, position: float, duration: float) -> None:
        if self.seek.isSliderDown():
            return  # the user is dragging: do not fight the hand
        self.seek.setRange(0, int(duration * 1000))
        self.seek.setValue(int(position * 1000))
        self.elapsed.setText(fmt(position))
        self.total.setText(fmt(duration))

    def set_volume(self, volume: int) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(volume)
        self.volume.blockSignals(False)
