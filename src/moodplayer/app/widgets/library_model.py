"""The library as a Qt table model: ids in SQL order, rows fetched a page at a time.

Over 100,000 items the model never holds a widget, or even a row object,
per item it has not shown: ``set_query`` asks the library for the matching
ids in display order (SQLite searches and sorts), and ``fetchMore`` turns
the next page of ids into rows as the view scrolls towards the end. Sorting
by a column is a new id query, not a sort of the rows in Python.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from ...core import describe
from ...engine.library.browse import BrowseQuery
from ..i18n import qt_words

PAGE = 256
ROW_ROLE = Qt.UserRole  # the BrowseRow behind a row
# (key, header, sort key or None when the column cannot be sorted in SQL)
COLUMNS = [("title", QT_TRANSLATE_NOOP("LibraryModel", "Title"), "title"),
           ("artist", QT_TRANSLATE_NOOP("LibraryModel", "Artist"), "artist"),
           ("album", QT_TRANSLATE_NOOP("LibraryModel", "Album"), "album"),
           ("genre", QT_TRANSLATE_NOOP("LibraryModel", "Genre"), "genre"),
           ("kind", QT_TRANSLATE_NOOP("LibraryModel", "Kind"), "kind"),
           ("length", QT_TRANSLATE_NOOP("LibraryModel", "Length"), "length"),
           ("mood", QT_TRANSLATE_NOOP("LibraryModel", "Mood"), None),
           ("why", QT_TRANSLATE_NOOP("LibraryModel", "Why"), None)]


def fmt_length(seconds) -> str:
    if not seconds:
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class LibraryModel(QAbstractTableModel):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.query = BrowseQuery()
        self.ids: list = []
        self.rows: list = []
        self._fetched = 0  # ids turned into rows so far (a row may have vanished meanwhile)
        self.active = False  # False until the first query: a header click only records the order
        self._swatches: dict = {}

    # -- what is shown -----------------------------------------------------------------
    def set_query(self, query: BrowseQuery) -> None:
        """Run a new search/filter/sort and show its first page."""
        ids = self.library.browse_ids(query)
        self.beginResetModel()
        self.query, self.ids, self.rows, self._fetched = query, ids, [], 0
        self.active = True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """The same query again (after a scan)."""
        self.set_query(self.query)

    @property
    def total(self) -> int:
        return len(self.ids)

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- paging ------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._fetched < len(self.ids)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        page = self.ids[self._fetched:self._fetched + PAGE]
        self._fetched += len(page)
        rows = self.library.browse_rows(page)
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    # -- the table ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        query = replace(self.query, sort=key, descending=order == Qt.DescendingOrder)
        if self.active:
            self.set_query(query)
        else:
            self.query = query

    def data(self, index, role=Qt.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self._text(row, key)
        if role == Qt.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.DecorationRole and key == "mood":
            return self._swatch(row.mood_color)
        if role == Qt.ForegroundRole and row.status != "ok":
            return QApplication.palette().color(QPalette.PlaceholderText)
        if role == Qt.TextAlignmentRole and key == "length":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def _text(self, row, key: str) -> str:
        if key == "title":
            return row.title or Path(row.path).stem
        if key == "kind":
            return self.tr("Video") if row.kind == "video" else self.tr("Music")
        if key == "length":
            return fmt_length(row.duration)
        if key == "mood":
            return describe.capitalised(describe.emotion_name(row.mood, qt_words))
        if key == "why":
            return row.why.replace("; ", " · ")
        return getattr(row, key) or ""

    def _tooltip(self, row, key: str) -> str:
        if row.status != "ok":
            return self.tr("This file is missing: {path}").format(path=row.path)
        if key == "mood":
            return self.tr("{feeling} · {sureness} ({numbers})").format(
                feeling=describe.capitalised(describe.feeling(row.valence, row.arousal, qt_words)),
                sureness=describe.sureness(row.confidence, qt_words),
                numbers=self.tr("valence {valence:+.2f}, arousal {arousal:+.2f}").format(
                    valence=row.valence, arousal=row.arousal))
        if key == "why":
            return row.why.replace("; ", "\n")
        return row.path

    def _swatch(self, color: str) -> QIcon:
        icon = self._swatches.get(color)
        if icon is None:
            pm = QPixmap(12, 12)
            pm.fill(QColor(color))
            icon = self._swatches[color] = QIcon(pm)
        return icon
