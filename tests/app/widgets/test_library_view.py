"""The Library tab: search, filters, keyboard, and its actions on the real window's queue."""

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from moodplayer.app.widgets.library_view import LibraryView
from moodplayer.engine.library import Library
from moodplayer.engine.library.browse import NO_GENRE, BrowseQuery

from ...engine.library.synthetic_items import insert_items


def settle(qtbot, view):
    qtbot.waitUntil(lambda: view.model.active and not view.model.busy, timeout=10000)


@pytest.fixture
def view(qtbot, tmp_path, taxonomy):
    library = Library(tmp_path / "lib.sqlite3", taxonomy)
    library.facts = insert_items(library, 800)
    v = LibraryView(library)
    qtbot.addWidget(v)
    v.show()  # the first show runs the first query
    settle(qtbot, v)
    yield v
    v.model.queries.shutdown()
    library.close()


def test_typing_searches_after_a_pause(qtbot, view):
    qtbot.keyClicks(view.search, "velvet 77")
    assert view.model.query.text == ""  # still typing: nothing queried yet
    qtbot.waitUntil(lambda: view.model.query.text == "velvet 77", timeout=3000)
    settle(qtbot, view)
    lib = view.model.library
    assert view.model.ids == lib.browse_ids(BrowseQuery(text="velvet 77"))
    assert view.count.text() == f"{len(view.model.ids)} items"


def test_filters_kind_genre_and_missing(qtbot, view):
    lib = view.model.library
    view.kind.setCurrentIndex(view.kind.findData("video"))
    view.apply_filters()
    settle(qtbot, view)
    assert view.model.ids == lib.browse_ids(BrowseQuery(kind="video"))
    view.kind.setCurrentIndex(0)
    genres = [view.genre.itemData(i) for i in range(view.genre.count())]
    assert genres[0] is None and "jazz" in genres and NO_GENRE in genres
    view.genre.setCurrentIndex(view.genre.findData(NO_GENRE))
    view.apply_filters()
    settle(qtbot, view)
    assert view.model.ids == lib.browse_ids(BrowseQuery(genre=NO_GENRE))
    view.genre.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("missing"))
    view.apply_filters()
    settle(qtbot, view)
    assert view.model.ids and all(view.model.row_at(r).status == "missing"
                                  for r in range(view.model.rowCount()))
    view.table.selectRow(0)
    assert not view.b_play.isEnabled()  # a missing file cannot be played...
    assert view.b_folder.isEnabled()  # ...but its folder can be looked for


def test_enter_plays_the_selection_and_mood_cannot_be_sorted(qtbot, view):
    played = []
    view.play_requested.connect(played.append)
    view.table.setFocus()
    view.table.selectRow(2)
    qtbot.keyClick(view.table, Qt.Key_Return)
    assert [t.path for t in played[0]] == [view.model.row_at(2).path]
    assert played[0][0].item_id == view.model.row_at(2).id
    header = view.table.horizontalHeader()
    view.table.sortByColumn(6, Qt.AscendingOrder)  # Mood
    assert header.sortIndicatorSection() == 1  # the arrow stays on the real order (artist)


def test_library_actions_reach_the_queue(qtbot, window):
    view = window.library_view
    window.show_library()
    assert window.tabs.currentWidget() is view and view.search.hasFocus()
    settle(qtbot, view)
    assert view.model.total == 6  # the six generated tracks
    c = window.controller
    view.table.selectRow(0)
    first = view.model.row_at(0)
    view.b_play.click()  # play now
    assert c.queue.current_entry().path == first.path
    assert c.player.state().value == "playing"
    view.table.selectRow(1)
    view.b_next.click()
    assert c.queue.entries[c.queue.current + 1].path == view.model.row_at(1).path
    view.table.selectRow(2)
    view.b_queue.click()
    assert c.queue.entries[-1].path == view.model.row_at(2).path
    n = len(c.queue)
    view.table.selectRow(3)
    view.b_more.click()
    qtbot.waitUntil(lambda: len(c.queue) > n, timeout=10000)
    added = c.queue.entries[c.queue.current + 1:c.queue.current + 1 + len(c.queue) - n]
    assert view.model.row_at(3).path not in {e.path for e in added}
    assert all(e.reason.startswith("like “") for e in added)


class _Opened(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


def test_show_in_folder_opens_the_folder_or_says_it_is_gone(qtbot, window, tmp_path):
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")  # what the desktop would be asked
    try:
        track = Path(window.library.items()[0].path)
        assert window.library_flow.show_folder(str(track))
        assert [u.toLocalFile() for u in opened.urls] == [str(track.parent)]
        assert not window.library_flow.show_folder(str(tmp_path / "gone" / "x.mp3"))
        assert "is not there any more" in window.statusBar().currentMessage()
        assert len(opened.urls) == 1
    finally:
        QDesktopServices.unsetUrlHandler("file")
