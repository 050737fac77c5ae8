"""The library as a Qt table model: ids in SQL order, rows read a page at a time.

Over 100,000 items the model never holds a widget, or a row object for an
item nobody looked at: ``set_query`` asks the library for the matching ids
in display order (SQLite searches and sorts; on a background thread, since
sorting 100,000 rows takes SQLite ~0.1 s and typing must not stutter; only
the newest query's answer is shown), ``fetchMore`` lets the view
grow by ``STEP`` rows as it scrolls towards the end (a count, no database
work), and the rows themselves are read ``PAGE`` at a time when the view
first paints them, keeping the most recent pages. Scrolling to the end of
100,000 items therefore reads only the pages that were on screen. Sorting
by a column is a new id query, not a sort of rows in Python.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from ...core import describe
from ...engine.library.browse import BrowseQuery
from ..i18n import qt_words

PAGE = 200  # rows read from the database at once
STEP = 2000  # rows fetchMore adds to the view at once
KEPT_PAGES = 64  # pages kept in memory (12,800 rows)
ROW_ROLE = int(Qt.UserRole)  # the BrowseRow behind a row
# Roles as plain ints: data() runs for every cell on every repaint, and comparing
# Qt's enum objects costs more than the rest of the call.
DISPLAY, ACCESSIBLE, TOOLTIP = int(Qt.DisplayRole), int(Qt.AccessibleTextRole), int(Qt.ToolTipRole)
DECORATION, FOREGROUND = int(Qt.DecorationRole), int(Qt.ForegroundRole)
ALIGNMENT = int(Qt.TextAlignmentRole)
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
# (key, header, sort key or None when the column cannot be sorted in SQL)
COLUMNS = [("title", QT_TRANSLATE_NOOP("LibraryModel", "Title"), "title"),
           ("artist", QT_TRANSLATE_NOOP("LibraryModel", "Artist"), "artist"),
           ("album", QT_TRANSLATE_NOOP("LibraryModel", "Album"), "album"),
           ("genre", QT_TRANSLATE_NOOP("LibraryModel", "Genre"), "genre"),
           ("kind", QT_TRANSLATE_NOOP("LibraryModel", "Kind"), "kind"),
           ("length", QT_TRANSLATE_NOOP("LibraryModel", "Length"), "length"),
           ("mood", QT_TRANSLATE_NOOP("LibraryModel", "Mood"), None),
           ("why", QT_TRANSLATE_NOOP("LibraryModel", "Why"), None)]


log = logging.getLogger(__name__)
MOOD_COLUMN = [c[0] for c in COLUMNS].index("mood")
LENGTH_COLUMN = [c[0] for c in COLUMNS].index("length")


def fmt_length(seconds) -> str:
    if not seconds:
        return ""
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


class IdQueries(QObject):
    """Id queries on one background thread; the answer comes back on the GUI thread.

    Only the newest query matters: submitting one cancels the previous one if it
    has not started. The worker thread never touches Qt: a short timer on the GUI
    thread collects the finished answer (emitting Qt signals from Python threads
    has crashed PySide6 6.12 at exit, see thumbnails.py).
    """

    finished = Signal(int, object, str)  # ticket, ids (None on failure), problem
    POLL_MS = 10

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="library-query")
        self._future = None
        self._ticket = 0
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._collect)

    def submit(self, ticket: int, fn) -> None:
        if self._future is not None:
            self._future.cancel()  # typed on: that search is out of date (if not running)
        self._ticket, self._future = ticket, self._pool.submit(fn)
        self._timer.start()

    def _collect(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._timer.stop()
        self._future = None
        try:
            ids = future.result()
        except Exception as exc:  # noqa: BLE001 - a message for the view, never a traceback
            log.warning("library query failed: %s", exc)
            self.finished.emit(self._ticket, None, str(exc))
            return
        self.finished.emit(self._ticket, ids, "")

    def wait(self, timeout_s: float = 10.0) -> None:
        """Block until the pending answer is delivered (scripts and benchmarks)."""
        if self._future is not None:
            self._future.exception(timeout=timeout_s)
            self._collect()

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)


class LibraryModel(QAbstractTableModel):
    failed = Signal(str)  # a query could not be answered: why, in words
    busy_changed = Signal(bool)

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.query = BrowseQuery()  # the newest query asked for
        self.ids: list = []  # the answer on screen
        self.shown = 0  # rows the view has been given so far (fetchMore adds STEP)
        self.active = False  # False until the first query: a header click only records the order
        self._pages: OrderedDict = OrderedDict()  # page number -> [(BrowseRow, texts)]
        self._swatches: dict = {}
        self._ticket = 0
        self._answered = 0
        self.pages_read = 0  # for tests and the benchmark: database reads of a page
        self.queries = IdQueries(self)
        self.queries.finished.connect(self._answer)

    # -- what is shown -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A query is on its way; the rows on screen are the previous answer."""
        return self._answered != self._ticket

    def set_query(self, query: BrowseQuery) -> None:
        """Run a new search/filter/sort; its rows replace the shown ones when it answers."""
        self.query, self.active = query, True
        self._ticket += 1
        self.busy_changed.emit(True)
        self.queries.submit(self._ticket, lambda: self.library.browse_ids(query))

    def _answer(self, ticket: int, ids, problem: str) -> None:
        if ticket != self._ticket:
            return  # a newer query is on its way: it will answer
        self._answered = ticket
        self.busy_changed.emit(False)
        if ids is None:
            self.failed.emit(self.tr("The library could not be read: {problem}").format(
                problem=problem))
            return
        self.beginResetModel()
        self.ids, self.shown = ids, min(STEP, len(ids))
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """The same query again (after a scan)."""
        self.set_query(self.query)

    @property
    def total(self) -> int:
        return len(self.ids)

    def row_at(self, row: int):
        entry = self._entry(row)
        return entry[0] if entry is not None else None

    def _entry(self, row: int):
        if not 0 <= row < self.shown:
            return None
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._read(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _read(self, number: int) -> list:
        ids = self.ids[number * PAGE:(number + 1) * PAGE]
        rows = {r.id: r for r in self.library.browse_rows(ids)}
        # An item deleted since the ids were read leaves an empty row, not a shifted page.
        page = [(rows[i], self._texts(rows[i])) if i in rows else None for i in ids]
        self._pages[number] = page
        self.pages_read += 1
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- paging ------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.shown < len(self.ids)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        more = min(STEP, len(self.ids) - self.shown)
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    # -- the table ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def flags(self, index):
        return FLAGS if index.isValid() else Qt.NoItemFlags

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        query = replace(self.query, sort=key, descending=order == Qt.DescendingOrder)
        if self.active:
            self.set_query(query)
        else:
            self.query = query

    def data(self, index, role=DISPLAY):
        entry = self._entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        row, texts = entry
        role, column = int(role), index.column()
        if role == DISPLAY or role == ACCESSIBLE:
            return texts[column]
        if role == TOOLTIP:
            return self._tooltip(row, COLUMNS[column][0])
        if role == DECORATION:
            return self._swatch(row.mood_color) if column == MOOD_COLUMN else None
        if role == FOREGROUND:
            return None if row.status == "ok" else \
                QApplication.palette().color(QPalette.PlaceholderText)
        if role == ALIGNMENT:
            return RIGHT if column == LENGTH_COLUMN else None
        if role == ROW_ROLE:
            return row
        return None

    def _texts(self, row) -> tuple:
        """Every column's text, made once per row read (not once per repaint)."""
        return tuple(self._text(row, key) for key, _, _ in COLUMNS)

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
