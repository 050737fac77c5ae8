"""Play/pause, previous, next, seek bar with times, shuffle, repeat, mute and volume.

The bar only shows and asks: shuffle/repeat/mute states come from the
session (``show_options``) and clicks become signals the window routes to
the controller, so the tray, the keys and MPRIS all stay in step with it.
Icons are drawn in the palette's ink, so they follow the light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Signal
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
    shuffle_toggled = Signal(bool)
    repeat_clicked = Signal()
    mute_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Transport")
        self.playing, self.muted, self.repeat = False, False, "off"
        self.b_prev = self._button(QStyle.SP_MediaSkipBackward, self.tr("Previous"), "Ctrl+Left")
        self.b_play = self._button(QStyle.SP_MediaPlay, self.tr("Play / pause"), self.tr("Space"))
        self.b_play.setObjectName("PlayButton")
        self.b_play.setIcon(self._icon(QStyle.SP_MediaPlay, on_highlight=True))
        self.b_next = self._button(QStyle.SP_MediaSkipForward, self.tr("Next"), "Ctrl+Right")
        self.b_prev.clicked.connect(self.previous_requested)
        self.b_play.clicked.connect(self.toggle_requested)
        self.b_next.clicked.connect(self.next_requested)
        self.elapsed = QLabel("0:00")
        self.total = QLabel("0:00")
        self.seek = QSlider(Qt.Horizontal)
        self.seek.setRange(0, 0)
        self.seek.setAccessibleName(self.tr("Position"))
        self.seek.sliderReleased.connect(lambda: self.seek_requested.emit(self.seek.value() / 1000))
        self.seek.actionTriggered.connect(self._slider_action)
        self.seek.setToolTip(self.tr("Seek (Left / Right: 5 s, Shift: 30 s)"))
        # Tab reaches the sliders, a click does not take the keys away from the window.
        self.seek.setFocusPolicy(Qt.TabFocus)
        self._build_options()
        self.volume = QSlider(Qt.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(100)
        self.volume.setToolTip(self.tr("Volume (Ctrl+Up / Ctrl+Down)"))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.valueChanged.connect(self.volume_changed)
        self.volume.setFocusPolicy(Qt.TabFocus)
        layout = QHBoxLayout(self)
        for w in (self.b_prev, self.b_play, self.b_next, self.elapsed):
            layout.addWidget(w)
        layout.addWidget(self.seek, 1)
        for w in (self.total, self.b_shuffle, self.b_repeat, self.b_fullscreen, self.vol_icon,
                  self.volume):
            layout.addWidget(w)

    def _button(self, icon, name: str, keys: str) -> QToolButton:
        b = QToolButton()
        b.setIcon(self._icon(icon))
        b.setIconSize(QSize(22, 22))
        b.setAccessibleName(name)  # icon-only: screen readers need the word
        b.setToolTip(self.tr("{name} ({keys})").format(name=name, keys=keys))
        b.setAutoRaise(True)
        # Tab reaches every button; a click does not take Space from the window's player keys.
        b.setFocusPolicy(Qt.TabFocus)
        return b

    def _build_options(self) -> None:
        self.b_shuffle = self._button("shuffle", self.tr("Shuffle"), "S")
        self.b_shuffle.setCheckable(True)
        self.b_shuffle.toggled.connect(self.shuffle_toggled)
        self.b_repeat = self._button("repeat", self.tr(self.REPEAT_NAMES["off"]), "R")
        self.b_repeat.setCheckable(True)
        self.b_repeat.clicked.connect(lambda: self.repeat_clicked.emit())
        self.b_fullscreen = self._button("fullscreen", self.tr("Fullscreen video"), "F")
        self.vol_icon = self._button(QStyle.SP_MediaVolume, self.tr("Mute"), "M")
        self.vol_icon.setIconSize(QSize(18, 18))
        self.vol_icon.clicked.connect(self.mute_clicked)

    ICONS = {QStyle.SP_MediaPlay: "play", QStyle.SP_MediaPause: "pause",
             QStyle.SP_MediaSkipBackward: "previous", QStyle.SP_MediaSkipForward: "next",
             QStyle.SP_MediaVolume: "volume"}
    REPEAT_NAMES = {"off": QT_TRANSLATE_NOOP("TransportBar", "Repeat: off"),
                    "queue": QT_TRANSLATE_NOOP("TransportBar", "Repeat: the whole queue"),
                    "one": QT_TRANSLATE_NOOP("TransportBar", "Repeat: this track")}

    def _icon(self, standard, on_highlight: bool = False):
        # Our SVGs in the palette's ink (light or dark theme); the style's icons are the fallback.
        role = QPalette.HighlightedText if on_highlight else QPalette.ButtonText
        name = standard if isinstance(standard, str) else self.ICONS[standard]
        icon = assets.tinted_icon(name, self.palette().color(role))
        if icon.isNull() and not isinstance(standard, str):
            return self.style().standardIcon(standard)
        return icon

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "vol_icon"):
            # The theme changed: re-ink the icons.
            self.b_prev.setIcon(self._icon(QStyle.SP_MediaSkipBackward))
            self.b_next.setIcon(self._icon(QStyle.SP_MediaSkipForward))
            self.b_shuffle.setIcon(self._icon("shuffle"))
            self.b_fullscreen.setIcon(self._icon("fullscreen"))
            self.set_playing(self.playing)
            self.show_options(self.b_shuffle.isChecked(), self.repeat, self.muted)

    def _slider_action(self, action) -> None:
        """Arrow keys on a focused seek bar seek, as a drag does when released."""
        if not self.seek.isSliderDown() and action != QSlider.SliderMove:
            self.seek_requested.emit(self.seek.sliderPosition() / 1000)

    def show_options(self, shuffle: bool, repeat: str, muted: bool) -> None:
        """Reflect the session's options without sending them back as requests."""
        self.b_shuffle.blockSignals(True)
        self.b_shuffle.setChecked(shuffle)
        self.b_shuffle.blockSignals(False)
        self.repeat = repeat
        self.b_repeat.setChecked(repeat != "off")
        self.b_repeat.setIcon(self._icon("repeat-one" if repeat == "one" else "repeat"))
        name = self.tr(self.REPEAT_NAMES[repeat]) if repeat in self.REPEAT_NAMES else repeat
        self.b_repeat.setAccessibleName(name)
        self.b_repeat.setToolTip(self.tr("{name} ({keys})").format(name=name, keys="R"))
        self.muted = muted
        self.vol_icon.setIcon(self._icon("muted") if muted else self._icon(QStyle.SP_MediaVolume))
        name = self.tr("Unmute") if muted else self.tr("Mute")
        self.vol_icon.setAccessibleName(name)
        self.vol_icon.setToolTip(self.tr("{name} ({keys})").format(name=name, keys="M"))

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
