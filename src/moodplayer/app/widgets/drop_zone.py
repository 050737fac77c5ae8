"""The big target the user drops photos and folders on (or clicks to open)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QVBoxLayout

from .. import assets


class DropZone(QFrame):
    paths_dropped = Signal(list)  # of str: files and folders, as given

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("DropZone")
        self.setAcceptDrops(True)
        self.setCursor(Qt.PointingHandCursor)
        # Keyboard users reach it with Tab and open the file dialog with Enter or Space.
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName(self.tr("Drop photos here"))
        self.setAccessibleDescription(self.tr("Press Enter to choose photos"))
        self.setMinimumHeight(72)
        layout = QVBoxLayout(self)
        self.title = assets.heading(QLabel(self.tr("Drop photos or a folder here")), 1.2)
        self.title.setObjectName("DropTitle")
        self.hint = assets.muted(
            QLabel(self.tr("or click to choose · Ctrl+O · paste with Ctrl+V")))
        self.hint.setObjectName("DropHint")
        for w in (self.title, self.hint):
            w.setAlignment(Qt.AlignCenter)
            layout.addWidget(w)
        self._set_hover(False)

    def _set_hover(self, on: bool) -> None:
        self.setProperty("hover", on)
        self.style().unpolish(self)
        self.style().polish(self)

    @staticmethod
    def local_paths(mime) -> list:
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event):
        if self.local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event):
        self._set_hover(False)

    def dropEvent(self, event):
        self._set_hover(False)
        paths = self.local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.LeftButton:
            self.open_dialog()

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.open_dialog()
            return
        super().keyPressEvent(event)

    def open_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose photos"), str(Path.home()),
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.heic *.gif *.bmp *.tif *.tiff);;"
                    "All files (*)"))
        if files:
            self.paths_dropped.emit(files)
