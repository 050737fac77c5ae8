"""A horizontal strip of the dropped photos: thumbnail, top emotion, errors.

Right-click a photo: "This feels like..." stores the user's correction (a
label used for tuning). The first tile stands for the whole batch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QListView, QListWidget, QListWidgetItem, QMenu

from ...core.describe import capitalised, emotion_name
from ..thumbnails import THUMB_SIZE, ThumbnailLoader
from ..i18n import qt_words

COMBINED = ""  # item data of the "all photos" tile
PATH_ROLE = Qt.UserRole


def _placeholder(text: str, role=QPalette.Mid) -> QIcon:
    """A tile drawn in the palette's colours (it follows light and dark)."""
    pal = QApplication.palette()
    pm = QPixmap(THUMB_SIZE, THUMB_SIZE)
    pm.fill(pal.color(role))
    p = QPainter(pm)
    p.setPen(pal.color(QPalette.HighlightedText if role == QPalette.Highlight
                       else QPalette.WindowText))
    p.drawText(pm.rect(), Qt.AlignCenter | Qt.TextWordWrap, text)
    p.end()
    return QIcon(pm)


class PhotoStrip(QListWidget):
    photo_selected = Signal(str)  # path, or "" for the combined mood
    label_requested = Signal(str, str)  # path, emotion name

    def __init__(self, loader: ThumbnailLoader = None, parent=None):
        super().__init__(parent)
        self.setObjectName("PhotoStrip")
        self.setViewMode(QListView.IconMode)
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Static)
        self.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.setGridSize(QSize(THUMB_SIZE + 44, THUMB_SIZE + 36))
        self.setFixedHeight(THUMB_SIZE + 52)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setAccessibleName(self.tr("Photos"))
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.currentItemChanged.connect(self._current_changed)
        self.loader = loader or ThumbnailLoader(parent=self)
        self.loader.loaded.connect(self._thumb_loaded)
        self.loader.failed.connect(self._thumb_failed)
        self.emotion_names: list = []
        self._items: dict = {}

    def set_photos(self, paths: list) -> None:
        """Show tiles right away (placeholders); thumbnails arrive as they decode."""
        self.clear()
        self._items.clear()
        if not paths:
            return
        combined = QListWidgetItem(_placeholder(self.tr("All photos\n(combined)"),
                                                QPalette.Highlight), self.tr("Combined"))
        combined.setData(Qt.AccessibleTextRole, self.tr("All photos, combined"))
        combined.setData(PATH_ROLE, COMBINED)
        self.addItem(combined)
        for path in paths:
            item = QListWidgetItem(_placeholder("…"), Path(path).name)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.addItem(item)
            self._items[str(path)] = item
            self.loader.request(str(path))

    def set_caption(self, path: str, caption: str, error: bool = False) -> None:
        item = self._items.get(str(path))
        if item is None:
            return
        item.setText(caption)
        if error:  # said in words too: "could not be read" is the caption itself
            item.setForeground(QBrush(QColor("#d9534f")))
            item.setToolTip(f"{path}\n{caption}")

    def paths(self) -> list:
        return list(self._items)

    @Slot(str, QImage)
    def _thumb_loaded(self, path: str, image: QImage) -> None:
        item = self._items.get(path)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    @Slot(str, str)
    def _thumb_failed(self, path: str, reason: str) -> None:
        item = self._items.get(path)
        if item is not None:
            item.setIcon(_placeholder(self.tr("cannot\nread")))

    def _current_changed(self, current, _previous) -> None:
        if current is not None:
            self.photo_selected.emit(current.data(PATH_ROLE))

    def _menu(self, pos) -> None:
        item = self.itemAt(pos)
        if item is None or item.data(PATH_ROLE) == COMBINED or not self.emotion_names:
            return
        path = item.data(PATH_ROLE)
        menu = QMenu(self)
        sub = menu.addMenu(self.tr("This feels like…"))
        for name in self.emotion_names:
            sub.addAction(capitalised(emotion_name(name, qt_words)),
                          lambda n=name: self.label_requested.emit(path, n))
        menu.exec(self.viewport().mapToGlobal(pos))
