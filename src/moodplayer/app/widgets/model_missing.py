"""Shown instead of the emotion view when the CLIP model cannot be loaded.

Online: offer the download (open_clip reports no byte progress, so the bar
is a busy indicator with the size to expect). Offline: the engine's full
explanation, plus a way to pick a model folder already on disk.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from .. import assets


class ModelMissingPage(QWidget):
    download_requested = Signal()
    folder_chosen = Signal(str)
    retry_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ModelMissing")
        self.heading = assets.heading(QLabel(self.tr("The emotion model is not available yet")),
                                      1.3)
        self.heading.setObjectName("SectionTitle")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.b_download = QPushButton(self.tr("Download the model"))
        self.b_folder = QPushButton(self.tr("Use a model folder…"))
        self.b_retry = QPushButton(self.tr("Try again"))
        self.b_download.clicked.connect(self._download)
        self.b_folder.clicked.connect(self._choose)
        self.b_retry.clicked.connect(self.retry_requested)
        buttons = QHBoxLayout()
        for b in (self.b_download, self.b_folder, self.b_retry):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_problem(self, message: str, online: bool) -> None:
        self.message.setText(message)
        self.progress.setVisible(False)
        self.b_download.setVisible(online)
        self.b_download.setEnabled(True)
        if online:
            self.heading.setText(self.tr("The emotion model needs to be downloaded once"))
        else:
            self.heading.setText(
                self.tr("The emotion model is not downloaded, and this computer is offline"))

    def _download(self) -> None:
        self.b_download.setEnabled(False)
        self.progress.setVisible(True)
        self.message.setText(self.tr("Downloading the CLIP model (about 600 MB for ViT-B-32). It "
                                     "is kept on this computer, so this happens only once…"))
        self.download_requested.emit()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose an open_clip model folder"))
        if folder:
            self.folder_chosen.emit(folder)
