"""The tray icon: show the window, play/pause, quit, and notifications."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QObject):
    show_requested = Signal()
    toggle_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon, parent=None):
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.last_message = None  # (title, text): what was shown, also without a tray
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(self.tr("MoodPlayer"))
        menu = QMenu()
        menu.addAction(self.tr("Show MoodPlayer"), self.show_requested.emit)
        menu.addAction(self.tr("Play / pause"), self.toggle_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)
        self._menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        if self.available:
            self.icon.show()

    def _activated(self, reason) -> None:
        if reason == QSystemTrayIcon.Trigger:
            self.show_requested.emit()

    def notify(self, title: str, text: str) -> None:
        self.last_message = (title, text)
        if self.available and self.icon.supportsMessages():
            self.icon.showMessage(title, text, QSystemTrayIcon.Information, 6000)

    def hide(self) -> None:
        self.icon.hide()
