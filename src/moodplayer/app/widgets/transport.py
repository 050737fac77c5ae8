"""Play/pause, previous, next, seek bar with times, shuffle, repeat, mute and volume.

The bar only shows and asks: shuffle/repeat/mute states come from the
session (``show_options``) and clicks become signals the window routes to
the controller, so the tray, the keys and MPRIS all stay in step with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtCore import QSize
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
    shuffle_toggled = Signal(bool)
    repeat_clicked = Signal()
    mute_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Transport")

        def button(icon, tip):
            b = QToolButton()
            b.setFocusPolicy(Qt.NoFocus)  # a click must not take Space from the window
            b.setIcon(self._icon(icon))
            b.setIconSize(QSize(22, 22))
            b.setToolTip(tip)
            b.setAutoRaise(True)
            return b

        self.b_prev = button(QStyle.SP_MediaSkipBackward, "Previous (Ctrl+Left)")
        self.b_play = button(QStyle.SP_MediaPlay, "Play / pause (Space)")
        self.b_play.setObjectName("PlayButton")
        self.b_next = button(QStyle.SP_MediaSkipForward, "Next (Ctrl+Right)")
        self.b_prev.clicked.connect(self.previous_requested)
        self.b_play.clicked.connect(self.toggle_requested)
        self.b_next.clicked.connect(self.next_requested)
        self.elapsed = QLabel("0:00")
        self.total = QLabel("0:00")
        self.seek = QSlider(Qt.Horizontal)
        self.seek.setRange(0, 0)
        self.seek.sliderReleased.connect(lambda: self.seek_requested.emit(self.seek.value() / 1000))
        self.seek.actionTriggered.connect(self._slider_action)
        self.seek.setToolTip("Seek (Left / Right: 5 s, Shift: 30 s)")
        # Tab reaches the sliders, a click does not take the keys away from the window.
        self.seek.setFocusPolicy(Qt.TabFocus)
        self.b_shuffle = button("shuffle", "Shuffle (S)")
        self.b_shuffle.setCheckable(True)
        self.b_shuffle.toggled.connect(self.shuffle_toggled)
        self.b_repeat = button("repeat", "Repeat: off (R)")
        self.b_repeat.setCheckable(True)
        self.b_repeat.clicked.connect(lambda: self.repeat_clicked.emit())
        self.b_fullscreen = button("fullscreen", "Fullscreen video (F)")
        self.vol_icon = button(QStyle.SP_MediaVolume, "Mute (M)")
        self.vol_icon.setIconSize(QSize(18, 18))
        self.vol_icon.clicked.connect(self.mute_clicked)
        self.volume = QSlider(Qt.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(100)
        self.volume.setToolTip("Volume (Ctrl+Up / Ctrl+Down)")
        self.volume.valueChanged.connect(self.volume_changed)
        self.volume.setFocusPolicy(Qt.TabFocus)
        layout = QHBoxLayout(self)
        for w in (self.b_prev, self.b_play, self.b_next, self.elapsed):
            layout.addWidget(w)
        layout.addWidget(self.seek, 1)
        for w in (self.total, self.b_shuffle, self.b_repeat, self.b_fullscreen, self.vol_icon,
                  self.volume):
            layout.addWidget(w)

    ICONS = {QStyle.SP_MediaPlay: "play", QStyle.SP_MediaPause: "pause",
             QStyle.SP_MediaSkipBackward: "previous", QStyle.SP_MediaSkipForward: "next",
             QStyle.SP_MediaVolume: "volume"}

    def _icon(self, standard):
        # Our SVGs read well on the dark theme; the style's icons are the fallback.
        if isinstance(standard, str):
            return assets.icon(standard)
        icon = assets.icon(self.ICONS[standard])
        return icon if not icon.isNull() else self.style().standardIcon(standard)

    def _slider_action(self, action) -> None:
        """Arrow keys on a focused seek bar seek, as a drag does when released."""
        if not self.seek.isSliderDown() and action != QSlider.SliderMove:
            self.seek_requested.emit(self.seek.sliderPosition() / 1000)

    REPEAT_TIPS = {"off": "Repeat: off (R)", "queue": "Repeat: the whole queue (R)",
                   "one": "Repeat: this track (R)"}

    def show_options(self, shuffle: bool, repeat: str, muted: bool) -> None:
        """Reflect the session's options without sending them back as requests."""
        self.b_shuffle.blockSignals(True)
        self.b_shuffle.setChecked(shuffle)
        self.b_shuffle.blockSignals(False)
        self.b_repeat.setChecked(repeat != "off")
        self.b_repeat.setIcon(self._icon("repeat-one" if repeat == "one" else "repeat"))
        self.b_repeat.setToolTip(self.REPEAT_TIPS.get(repeat, repeat))
        self.muted = muted
        self.vol_icon.setIcon(self._icon("muted") if muted else self._icon(QStyle.SP_MediaVolume))
        self.vol_icon.setToolTip("Unmute (M)" if muted else "Mute (M)")

    def set_playing(self, playing: bool) -> None:
        self.playing = playing
        self.b_play.setIcon(self._icon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))

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
