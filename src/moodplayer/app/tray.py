"""The tray icon: what plays, play/pause, previous, next, the window, quit, notifications.

The tray only shows and asks: its actions are signals the window routes to
the player controller, and ``show_track``/``show_playing`` keep the menu in
step with the session. ``available`` is False where the desktop has no tray
(then closing the window quits, since nothing would be left to bring it back).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QObject):
    show_requested = Signal()
    toggle_requested = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon, parent=None, available: Optional[bool] = None):
        super().__init__(parent)
        self.available = (QSystemTrayIcon.isSystemTrayAvailable() if available is None
                          else bool(available))
        self.last_message = None  # (title, text, icon): what was shown, also without a tray
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(self.tr("MoodPlayer"))
        menu = QMenu()
        menu.setObjectName("TrayMenu")
        self.now_action = menu.addAction(self.tr("Nothing playing"))
        self.now_action.setEnabled(False)  # a label: what plays now
        font = self.now_action.font()
        font.setItalic(True)
        self.now_action.setFont(font)
        menu.addSeparator()
        self.toggle_action = menu.addAction(self.tr("Play"), self.toggle_requested.emit)
        self.previous_action = menu.addAction(self.tr("Previous"), self.previous_requested.emit)
        self.next_action = menu.addAction(self.tr("Next"), self.next_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Show MoodPlayer"), self.show_requested.emit)
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)
        self.menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        if self.available:
            self.icon.show()

    def _activated(self, reason) -> None:
        if reason == QSystemTrayIcon.Trigger:
            self.show_requested.emit()

    def show_track(self, label: Optional[str]) -> None:
        text = label or self.tr("Nothing playing")
        self.now_action.setText(text if len(text) <= 60 else text[:57] + "…")
        self.icon.setToolTip(self.tr("MoodPlayer — {track}").format(track=label) if label
                             else self.tr("MoodPlayer"))

    def show_playing(self, playing: bool) -> None:
        self.toggle_action.setText(self.tr("Pause") if playing else self.tr("Play"))

    def notify(self, title: str, text: str, icon: Optional[QIcon] = None) -> None:
        self.last_message = (title, text, icon)
        if self.available and self.icon.supportsMessages():
            if icon is not None and not icon.isNull():
                self.icon.showMessage(title, text, icon, 6000)
            else:
                self.icon.showMessage(title, text, QSystemTrayIcon.Information, 6000)

    def hide(self) -> None:
        self.icon.hide()
