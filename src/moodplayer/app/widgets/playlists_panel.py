"""Library > Playlists…: every saved and auto-playlist, with play, rename, delete,
import, export, and clearing old auto-playlists in one go.

A watched folder makes one auto-playlist per batch of photos, so they pile
up; "Clear auto-playlists" removes them by age (or all) and never touches the
playlists the user saved. The dialog only shows and asks; ``PlaylistsFlow``
does the work through ``core.playlists`` and calls ``show_playlists`` again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMenu, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from .. import assets

NAME_ROLE = Qt.UserRole
# "Clear auto-playlists" choices: (days, or None for all).
CLEAR_CHOICES = (7, 30, None)


class _SortKeyItem(QTableWidgetItem):
    """Sorts by a number (count, time), shows text."""

    def __init__(self, text: str, key: float):
        super().__init__(text)
        self.key = key

    def __lt__(self, other):
        return self.key < getattr(other, "key", 0)


class PlaylistsTable(QTableWidget):
    """Enter plays, Delete asks to delete: the keyboard does what the buttons do."""

    activated_rows = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.selectedItems():
            self.activated_rows.emit()
            return
        if event.key() == Qt.Key_Delete and self.selectedItems():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class PlaylistsDialog(QDialog):
    play_requested = Signal(str)
    rename_requested = Signal(str)  # the flow asks for the new name
    delete_requested = Signal(list)  # names; the flow asks for confirmation
    export_requested = Signal(str)
    import_requested = Signal()
    clear_auto_requested = Signal(object)  # days (int) or None for all

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Playlists"))
        self.setObjectName("PlaylistsDialog")
        self.resize(640, 440)
        self.intro = assets.muted(QLabel(""))
        self.intro.setObjectName("Muted")
        self.intro.setWordWrap(True)
        self.table = PlaylistsTable(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Items"), self.tr("Kind"),
                                              self.tr("Made")])
        self.table.setAccessibleName(self.tr("Saved playlists"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.sortByColumn(0, Qt.AscendingOrder)  # A to Z until the user picks an order
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self._play())
        self.table.activated_rows.connect(self._play)
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        layout.addLayout(self.bottom)
        self.show_playlists([])

    def _build_buttons(self) -> None:
        self.b_play = QPushButton(self.tr("Play"))
        self.b_rename = QPushButton(self.tr("Rename…"))
        self.b_delete = QPushButton(self.tr("Delete…"))
        self.b_export = QPushButton(self.tr("Export…"))
        self.b_import = QPushButton(self.tr("Import M3U8 / XSPF…"))
        self.b_clear = QPushButton(self.tr("Clear auto-playlists"))
        self.b_close = QPushButton(self.tr("Close"))
        self.b_play.clicked.connect(self._play)
        self.b_rename.clicked.connect(lambda: self._one(self.rename_requested))
        self.b_delete.clicked.connect(self.delete_selected)
        self.b_export.clicked.connect(lambda: self._one(self.export_requested))
        self.b_import.clicked.connect(self.import_requested)
        self.b_close.clicked.connect(self.close)
        menu = QMenu(self.b_clear)
        menu.addAction(self.tr("Older than a week"), lambda: self.clear_auto_requested.emit(7))
        menu.addAction(self.tr("Older than a month"), lambda: self.clear_auto_requested.emit(30))
        menu.addSeparator()
        menu.addAction(self.tr("All auto-playlists"), lambda: self.clear_auto_requested.emit(None))
        self.b_clear.setMenu(menu)
        self.buttons = QHBoxLayout()
        for b in (self.b_play, self.b_rename, self.b_delete, self.b_export):
            self.buttons.addWidget(b)
        self.buttons.addStretch(1)
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.b_import)
        self.bottom.addWidget(self.b_clear)
        self.bottom.addStretch(1)
        self.bottom.addWidget(self.b_close)

    # -- showing -----------------------------------------------------------------------
    def show_playlists(self, playlists: list) -> None:
        """[{"name", "count", "auto", "created"}] from core.playlists."""
        selected = set(self.selected_names())
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(playlists))
        for row, pl in enumerate(playlists):
            made = dt.datetime.fromtimestamp(pl.get("created") or 0)
            cells = [QTableWidgetItem(pl["name"]),
                     _SortKeyItem(str(pl["count"]), pl["count"]),
                     QTableWidgetItem(self.tr("Auto") if pl.get("auto") else self.tr("Saved")),
                     _SortKeyItem(f"{made:%Y-%m-%d %H:%M}", pl.get("created") or 0)]
            cells[1].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            cells[2].setToolTip(self.tr("Made from a watched photo folder") if pl.get("auto")
                                else self.tr("Saved by you"))
            for col, cell in enumerate(cells):
                cell.setData(NAME_ROLE, pl["name"])
                self.table.setItem(row, col, cell)
        self.table.setSortingEnabled(True)
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() in selected:
                self.table.selectRow(row)
        autos = sum(1 for p in playlists if p.get("auto"))
        self.intro.setText(
            self.tr("No saved playlists yet. Save a queue with Ctrl+S, or import an M3U8 or XSPF "
                    "file.") if not playlists else
            self.tr("{saved} saved by you, {auto} made from watched folders.").format(
                saved=len(playlists) - autos, auto=autos))
        self.b_clear.setEnabled(autos > 0)
        self._update_buttons()

    def selected_names(self) -> list:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).data(NAME_ROLE) for r in rows if self.table.item(r, 0)]

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(NAME_ROLE) == name:
                self.table.selectRow(row)
                return

    # -- actions ---------------------------------------------------------------------------
    def _one(self, signal) -> None:
        names = self.selected_names()
        if names:
            signal.emit(names[0])

    def _play(self) -> None:
        self._one(self.play_requested)

    def delete_selected(self) -> None:
        names = self.selected_names()
        if names:
            self.delete_requested.emit(names)

    def _update_buttons(self) -> None:
        n = len(self.selected_names())
        for b in (self.b_play, self.b_rename, self.b_export):
            b.setEnabled(n == 1)
        self.b_delete.setEnabled(n > 0)
