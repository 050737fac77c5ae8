"""First run: pick the music and video folders, then scan them with a progress bar.

The scan itself runs on the task worker; this dialog only starts it, shows
progress and offers Cancel. The user can skip and set folders up later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout)

from .folder_list import FolderList


def default_folders() -> list:
    home = Path.home()
    return [str(p) for p in (home / "Music", home / "Videos") if p.is_dir()]


class FirstRunDialog(QDialog):
    scan_requested = Signal(list)
    cancel_requested = Signal()

    def __init__(self, folders=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to MoodPlayer"))
        self.setObjectName("FirstRun")
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("<h2>Welcome to MoodPlayer</h2><p>Choose the folders that hold "
                               "your music and videos. MoodPlayer reads their tags and cover art "
                               "once, on this computer, so it can match them to the mood of your "
                               "photos. Nothing leaves your machine.</p>"))
        intro.setWordWrap(True)
        self.folders = FolderList(default_folders() if folders is None else folders,
                                  self.tr("Add a music or video folder"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.b_skip = QPushButton(self.tr("Later"))
        self.b_scan = QPushButton(self.tr("Scan"))
        self.b_scan.setDefault(True)
        self.b_skip.clicked.connect(self._skip_or_cancel)
        self.b_scan.clicked.connect(self._scan)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.b_skip)
        buttons.addWidget(self.b_scan)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folders, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.scanning = False

    def _scan(self) -> None:
        folders = self.folders.folders()
        if not folders:
            self.status.setText(self.tr("Add at least one folder, or choose Later."))
            return
        self.scanning = True
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.b_scan.setEnabled(False)
        self.b_skip.setText(self.tr("Cancel"))
        self.status.setText(self.tr("Looking for music and videos…"))
        self.scan_requested.emit(folders)

    def _skip_or_cancel(self) -> None:
        if self.scanning:
            self.cancel_requested.emit()
        else:
            self.reject()

    def set_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.status.setText(self.tr("{done} of {total}: {file}").format(
            done=done, total=total, file=message) if total else message)

    def scan_finished(self, message: str, ok: bool) -> None:
        self.scanning = False
        self.status.setText(message)
        self.b_skip.setText(self.tr("Close") if ok else self.tr("Later"))
        self.b_scan.setEnabled(True)
        self.b_scan.setText(self.tr("Rescan"))
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if ok else 0)
        if ok:
            self.b_skip.clicked.disconnect()
            self.b_skip.clicked.connect(self.accept)
