"""A list of folders with Add / Remove buttons (library and watch folders)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)


class FolderList(QWidget):
    changed = Signal()

    def __init__(self, folders=(), title: str = "", parent=None):
        super().__init__(parent)
        self.dialog_title = title or self.tr("Choose a folder")
        self.list = QListWidget()
        self.list.setMinimumHeight(70)
        add = QPushButton(self.tr("Add…"))
        add.setAccessibleName(self.tr("Add a folder"))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove the selected folder"))
        self.list.setAccessibleName(self.dialog_title)
        add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_folders(folders)

    def set_folders(self, folders) -> None:
        self.list.clear()
        for f in folders:
            self.add_folder(f)

    def add_folder(self, folder) -> None:
        folder = str(folder)
        if folder and folder not in self.folders():
            self.list.addItem(folder)
            if not Path(folder).is_dir():
                self.list.item(self.list.count() - 1).setToolTip(
                    self.tr("This folder does not exist now"))
            self.changed.emit()

    def folders(self) -> list:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _add(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.dialog_title, str(Path.home()))
        if folder:
            self.add_folder(folder)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
