"""The Library tab: every track and video, searchable, sortable and filterable.

The table is a ``LibraryModel`` (ids from SQL, rows a page at a time), so it
stays smooth over 100,000 items. Typing in the search box waits for a short
pause before querying. Enter or a double-click plays the selection; the
buttons and the context menu play next, add to the queue, find more like
it, or open the folder. The view decides nothing: it reports ``Track``s
and the flow (``flows/library.py``) acts on them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMenu, QPushButton, QTableView, QToolButton,
                               QVBoxLayout, QWidget)

from ...engine.library.browse import NO_GENRE, BrowseQuery
from .. import assets
from .library_model import COLUMNS, LibraryModel

SEARCH_PAUSE_MS = 250
ALL = None  # the filters' "no filter" value


class LibraryTable(QTableView):
    """A table where Enter plays the selected rows, like a double-click."""

    activated_rows = Signal()

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.selectionModel().hasSelection():
            self.activated_rows.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    play_requested = Signal(list)  # of Track: play now
    play_next_requested = Signal(list)
    queue_requested = Signal(list)  # add at the end of the queue
    more_like_requested = Signal(object)  # one Track
    show_folder_requested = Signal(str)  # a file's path
    problem = Signal(str)  # the library could not be read: why, for the window's banner

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("LibraryView")
        self.model = LibraryModel(library, self)
        self._dirty = True  # nothing queried yet: the first show loads the rows
        self._build_filters()
        self._build_table()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row)
        self.setTabOrder(self.search, self.kind)
        self.setTabOrder(self.kind, self.genre)
        self.setTabOrder(self.genre, self.status)
        self.setTabOrder(self.status, self.table)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.model.modelReset.connect(self._count_changed)
        self.model.busy_changed.connect(self._busy)
        self.model.failed.connect(self._failed)
        app = QCoreApplication.instance()
        if app is not None:  # the query thread ends with the app, never holding it open
            app.aboutToQuit.connect(self.model.queries.shutdown)

    # -- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, artists, albums, genres…"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):  # Qt's icon-only clear button
            clear.setAccessibleName(self.tr("Clear the search"))
            clear.setToolTip(self.tr("Clear the search"))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.kind = self._combo(self.tr("Kind"), [(self.tr("Music and videos"), ALL),
                                                  (self.tr("Music"), "music"),
                                                  (self.tr("Videos"), "video")])
        self.genre = self._combo(self.tr("Genre"), [(self.tr("All genres"), ALL)])
        self.status = self._combo(self.tr("Show"), [(self.tr("Playable files"), "ok"),
                                                    (self.tr("Missing files"), "missing"),
                                                    (self.tr("All files"), "all")])
        self.count = assets.muted(QLabel(""))
        self.count.setObjectName("Muted")
        row = QHBoxLayout()
        row.addWidget(self.search, 3)
        for w in (self.kind, self.genre, self.status):
            row.addWidget(w, 1)
        row.addWidget(self.count)
        self.filter_row = row

    def _combo(self, name: str, items: list) -> QComboBox:
        box = QComboBox()
        # Narrow when the window is: the texts elide rather than widen the whole window.
        box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        box.setAccessibleName(name)
        box.setToolTip(name)
        for text, value in items:
            box.addItem(text, value)
        box.activated.connect(lambda _i: self.apply_filters())
        return box

    def _build_table(self) -> None:
        t = LibraryTable()
        t.setModel(self.model)
        t.setAccessibleName(self.tr("Library"))
        t.setSelectionBehavior(QAbstractItemView.SelectRows)
        t.setSelectionMode(QAbstractItemView.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setSortingEnabled(True)
        t.setWordWrap(False)
        t.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        t.verticalHeader().setVisible(False)
        # Rows all one height: the view never measures 100,000 rows.
        t.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicator(1, Qt.AscendingOrder)  # by artist, as the query starts
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        for col, width in enumerate((220, 150, 160, 90, 60, 60, 110)):
            header.resizeSection(col, width)
        t.doubleClicked.connect(lambda _i: self._emit_tracks(self.play_requested))
        t.activated_rows.connect(lambda: self._emit_tracks(self.play_requested))
        t.setContextMenuPolicy(Qt.CustomContextMenu)
        t.customContextMenuRequested.connect(self._menu)
        self.table = t

    def _build_buttons(self) -> None:
        self.b_play = QPushButton(self.tr("Play"))
        self.b_next = QPushButton(self.tr("Play next"))
        self.b_queue = QPushButton(self.tr("Add to queue"))
        self.b_more = QPushButton(self.tr("More like this"))
        self.b_folder = QPushButton(self.tr("Show in folder"))
        self.b_play.clicked.connect(lambda: self._emit_tracks(self.play_requested))
        self.b_next.clicked.connect(lambda: self._emit_tracks(self.play_next_requested))
        self.b_queue.clicked.connect(lambda: self._emit_tracks(self.queue_requested))
        self.b_more.clicked.connect(self._more_like)
        self.b_folder.clicked.connect(self._show_folder)
        row = QHBoxLayout()
        for b in (self.b_play, self.b_next, self.b_queue, self.b_more, self.b_folder):
            row.addWidget(b)
        row.addStretch(1)
        self.button_row = row
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- filters ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Genres and rows again, keeping the search and filters (after a scan).

        A hidden view only notes it: the query runs when the tab is shown, so a
        scan or the window's start never waits for a list nobody looks at."""
        self._dirty = True
        if self.isVisible():
            self._reload()

    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self._reload()

    def _reload(self) -> None:
        self._dirty = False
        current = self.genre.currentData()
        self.genre.clear()
        self.genre.addItem(self.tr("All genres"), ALL)
        for name, n in self.model.library.genres():
            label = name or self.tr("(no genre)")
            self.genre.addItem(self.tr("{genre} ({count})").format(genre=label, count=n),
                               NO_GENRE if not name else name)
        index = self.genre.findData(current)
        self.genre.setCurrentIndex(max(0, index))
        self.model.set_query(self.current_query())

    def current_query(self) -> BrowseQuery:
        return replace(self.model.query, text=self.search.text().strip(),
                       kind=self.kind.currentData(), genre=self.genre.currentData(),
                       status=self.status.currentData())

    def apply_filters(self) -> None:
        self._timer.stop()
        query = self.current_query()
        if query != self.model.query or not self.model.active:
            self.model.set_query(query)

    def _count_changed(self, *_):
        n = self.model.total
        self.count.setText(self.tr("1 item") if n == 1 else self.tr("{n} items").format(n=f"{n:,}"))
        self.count.setToolTip("")

    def _busy(self, busy: bool) -> None:
        if busy:
            self.count.setText(self.tr("Searching…"))
        else:
            self._count_changed()

    def _failed(self, message: str) -> None:
        self.count.setText(self.tr("Could not search"))
        self.count.setToolTip(message)
        self.problem.emit(message)

    def _keep_sortable_indicator(self, column: int, _order) -> None:
        """Mood and Why cannot be sorted in SQL: the arrow stays on the real order."""
        if COLUMNS[column][2] is not None:
            return
        q = self.model.query
        current = next((i for i, c in enumerate(COLUMNS) if c[2] == q.sort), 1)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, Qt.DescendingOrder if q.descending else Qt.AscendingOrder)
        header.blockSignals(False)

    # -- selection and actions -------------------------------------------------------------
    def selected_rows(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows if self.model.row_at(r) is not None]

    def selected_tracks(self) -> list:
        return [r.to_track() for r in self.selected_rows() if r.status == "ok"]

    def _emit_tracks(self, signal) -> None:
        tracks = self.selected_tracks()
        if tracks:
            signal.emit(tracks)

    def _more_like(self) -> None:
        tracks = self.selected_tracks()
        if tracks:
            self.more_like_requested.emit(tracks[0])

    def _show_folder(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.show_folder_requested.emit(rows[0].path)

    def _update_buttons(self, *_):
        rows = self.selected_rows()
        playable = any(r.status == "ok" for r in rows)
        for b in (self.b_play, self.b_next, self.b_queue, self.b_more):
            b.setEnabled(playable)
        self.b_folder.setEnabled(bool(rows))

    def _menu(self, pos) -> None:
        if not self.table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        for button in (self.b_play, self.b_next, self.b_queue, self.b_more, self.b_folder):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))


__all__ = ["LibraryView", "LibraryTable", "COLUMNS"]
