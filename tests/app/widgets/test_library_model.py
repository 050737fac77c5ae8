"""The library table model: ids from SQL in the background, rows a page at a time."""

from pathlib import PurePosixPath

import pytest
from PySide6.QtCore import QModelIndex, Qt

from moodplayer.app.widgets.library_model import COLUMNS, PAGE, STEP, LibraryModel
from moodplayer.engine.library import Library
from moodplayer.engine.library.browse import BrowseQuery

from ...engine.library.synthetic_items import insert_items

N = 4500  # more than two STEPs, so paging shows


@pytest.fixture
def lib(tmp_path, taxonomy):
    library = Library(tmp_path / "lib.sqlite3", taxonomy)
    library.facts = insert_items(library, N)
    yield library
    library.close()


@pytest.fixture
def model(qtbot, lib):
    m = LibraryModel(lib)
    yield m
    m.queries.shutdown()


def answered(qtbot, model, query=None):
    model.set_query(query or BrowseQuery())
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)


def col(key):
    return [c[0] for c in COLUMNS].index(key)


def test_rows_are_revealed_in_steps_and_read_only_when_shown(qtbot, lib, model):
    answered(qtbot, model)
    total = len(lib.browse_ids())
    assert model.total == total and model.rowCount() == STEP
    assert model.pages_read == 0  # nothing painted yet: nothing read
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total and model.pages_read == 0
    last = model.index(total - 1, col("title"))
    assert model.data(last) == model.row_at(total - 1).title
    assert model.pages_read == 1  # the last page only, not the 20-odd before it
    model.data(model.index(total - 2, col("artist")))
    assert model.pages_read == 1  # same page: kept


def test_cells_show_the_items_tags_and_mood_in_words(qtbot, lib, taxonomy, model):
    answered(qtbot, model, BrowseQuery(sort="path"))
    for row in (0, 49, 50, 137):  # item 50 (row 50 by path order) has no title tag
        r = model.row_at(row)
        f = lib.facts[r.id - 1]
        title = model.data(model.index(row, col("title")))
        assert title == (f["title"] or PurePosixPath(f["path"]).stem)
        assert model.data(model.index(row, col("kind"))) == ("Video" if f["kind"] == "video"
                                                             else "Music")
        emotion = taxonomy.emotions[f["emotion"]]
        assert model.data(model.index(row, col("mood"))) == emotion.name.capitalize()
        swatch = model.data(model.index(row, col("mood")), Qt.DecorationRole)
        assert swatch.pixmap(12, 12).toImage().pixelColor(5, 5).name() == emotion.color
        tip = model.data(model.index(row, col("mood")), Qt.ToolTipRole)
        assert f"{r.valence:+.2f}" in tip  # numbers only in the tooltip
        assert f"{r.valence:+.2f}" not in model.data(model.index(row, col("mood")))


def test_header_sort_is_a_new_sql_order(qtbot, lib, model):
    answered(qtbot, model)
    with qtbot.waitSignal(model.modelReset, timeout=10000):
        model.sort(col("title"), Qt.DescendingOrder)
    assert model.ids == lib.browse_ids(BrowseQuery(sort="title", descending=True))
    before = list(model.ids)
    model.sort(col("mood"), Qt.AscendingOrder)  # not sortable in SQL: nothing happens
    assert not model.busy and model.ids == before


def test_only_the_newest_query_is_shown(qtbot, lib, model):
    model.set_query(BrowseQuery(text="velvet"))
    model.set_query(BrowseQuery(text="jazz"))
    model.set_query(BrowseQuery(kind="video"))
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    qtbot.wait(50)  # any late answer of an older query would arrive now
    assert model.ids == lib.browse_ids(BrowseQuery(kind="video"))


def test_a_library_that_cannot_be_read_is_a_message(qtbot, lib, model):
    with lib.db.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE items RENAME TO items_gone")
    with qtbot.waitSignal(model.failed, timeout=10000) as seen:
        model.set_query(BrowseQuery(text="anything"))
    assert "could not be read" in seen.args[0] and "items" in seen.args[0]
    assert not model.busy and model.rowCount() == 0


def test_a_page_keeps_its_place_when_an_item_vanished(qtbot, lib, model):
    answered(qtbot, model, BrowseQuery(sort="path"))
    gone = model.ids[PAGE + 3]
    with lib.db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM items WHERE id = {gone}")
    assert model.row_at(PAGE + 3) is None  # an empty row, not every later row shifted
    assert model.row_at(PAGE + 4).id == model.ids[PAGE + 4]
    assert model.data(model.index(PAGE + 3, 0)) is None
