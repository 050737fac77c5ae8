"""Browsing the library in SQL: search, filters, sort orders and pages, against known items."""

from pathlib import PurePosixPath

import pytest

from moodplayer.engine.library import Library
from moodplayer.engine.library.browse import NO_GENRE, BrowseQuery

from .synthetic_items import insert_items

N = 600


@pytest.fixture
def lib(tmp_path, taxonomy):
    library = Library(tmp_path / "lib.sqlite3", taxonomy)
    library.facts = insert_items(library, N)
    yield library
    library.close()


def ids_where(lib, pred):
    return {k for k, f in enumerate(lib.facts, start=1) if pred(f)}


def test_default_query_lists_every_playable_item_once(lib):
    ids = lib.browse_ids()
    assert len(ids) == len(set(ids))
    assert set(ids) == ids_where(lib, lambda f: f["status"] == "ok")


def test_search_needs_every_word_somewhere_and_ignores_case(lib):
    got = set(lib.browse_ids(BrowseQuery(text="velvet ALBUM 77")))

    def found(f, word):
        return any(word in (f[k] or "").lower() for k in ("title", "artist", "album", "genre",
                                                          "path"))
    truth = ids_where(lib, lambda f: f["status"] == "ok"
                      and all(found(f, w) for w in ("velvet", "album", "77")))
    assert got == truth and 0 < len(truth) < 20


def test_search_treats_percent_and_underscore_as_plain_characters(lib):
    pct = set(lib.browse_ids(BrowseQuery(text="%")))
    assert pct == ids_where(lib, lambda f: f["status"] == "ok" and "%" in f["artist"])
    under = set(lib.browse_ids(BrowseQuery(text="r_s")))
    assert under == ids_where(lib, lambda f: f["status"] == "ok" and f["artist"] == "under_score")


def test_search_matches_the_file_path_for_untagged_items(lib):
    got = set(lib.browse_ids(BrowseQuery(text="000150")))
    assert got == {151}  # item 150: no title tag, found by its file name


def test_filters_kind_genre_and_missing_files(lib):
    videos = set(lib.browse_ids(BrowseQuery(kind="video")))
    assert videos == ids_where(lib, lambda f: f["status"] == "ok" and f["kind"] == "video")
    jazz = set(lib.browse_ids(BrowseQuery(genre="JAZZ")))
    assert jazz == ids_where(lib, lambda f: f["status"] == "ok" and f["genre"] == "jazz")
    untagged = set(lib.browse_ids(BrowseQuery(genre=NO_GENRE)))
    assert untagged == ids_where(lib, lambda f: f["status"] == "ok" and f["genre"] is None)
    missing = set(lib.browse_ids(BrowseQuery(status="missing")))
    assert missing == ids_where(lib, lambda f: f["status"] == "missing") and missing
    assert len(lib.browse_ids(BrowseQuery(status="all"))) == N


def _title_key(f):
    return (f["title"] is None, (f["title"] or "").lower())


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_title_keeps_untitled_items_last_both_ways(lib, descending):
    ids = lib.browse_ids(BrowseQuery(sort="title", descending=descending))
    titled = [k for k in ids if lib.facts[k - 1]["title"]]
    untitled = [k for k in ids if not lib.facts[k - 1]["title"]]
    assert ids == titled + untitled
    keys = [_title_key(lib.facts[k - 1]) for k in titled]
    assert keys == sorted(keys, reverse=descending)


def test_sort_by_length_puts_unknown_lengths_last(lib):
    ids = lib.browse_ids(BrowseQuery(sort="length", descending=True))
    lengths = [lib.facts[k - 1]["duration"] for k in ids]
    known = [d for d in lengths if d is not None]
    assert lengths == known + [None] * (len(lengths) - len(known))
    assert known == sorted(known, reverse=True)


def test_sort_by_artist_groups_albums_in_track_order(lib):
    ids = lib.browse_ids(BrowseQuery(sort="artist"))
    keys = [(lib.facts[k - 1]["artist"].lower(), lib.facts[k - 1]["album"].lower(),
             lib.facts[k - 1]["track"]) for k in ids]
    assert keys == sorted(keys)


def test_unknown_sort_or_status_is_a_clear_error(lib):
    with pytest.raises(ValueError, match="cannot sort by 'mood'"):
        lib.browse_ids(BrowseQuery(sort="mood"))
    with pytest.raises(ValueError, match="unknown status"):
        lib.browse_ids(BrowseQuery(status="gone"))


def test_rows_come_in_the_asked_order_with_their_stored_mood(lib, taxonomy):
    ids = lib.browse_ids(BrowseQuery(sort="title"))[100:140]
    rows = lib.browse_rows(list(reversed(ids)))
    assert [r.id for r in rows] == list(reversed(ids))
    for r in rows:
        f = lib.facts[r.id - 1]
        emotion = taxonomy.emotions[f["emotion"]]
        assert (r.path, r.artist, r.kind) == (f["path"], f["artist"], f["kind"])
        assert r.mood == emotion.name and r.mood_color == emotion.color
        assert r.valence == pytest.approx(emotion.valence, abs=1e-5)
        assert r.why == f"genre {f['genre'] or 'unknown'} → {emotion.name}"


def test_an_item_without_profile_parts_reads_as_neutral(lib, taxonomy):
    lib.db.engine.dispose()
    with lib.db.session() as s:
        from sqlalchemy import text

        s.execute(text("DELETE FROM profile_parts WHERE item_id = 1"))
    (row,) = lib.browse_rows([1])
    assert row.why == "no usable signal yet"
    assert row.confidence < 0.2


def test_rows_skip_ids_deleted_since_the_list_was_made(lib):
    assert [r.id for r in lib.browse_rows([5, 10_000, 6])] == [5, 6]
    assert lib.browse_rows([]) == []


def test_a_row_becomes_a_track_named_after_its_file_when_untitled(lib):
    (row,) = lib.browse_rows([51])  # item 50: no title tag
    track = row.to_track()
    assert track.title == PurePosixPath(lib.facts[50]["path"]).stem
    assert track.item_id == 51 and track.kind == lib.facts[50]["kind"]


def test_genres_are_counted_once_per_name(lib):
    counts = dict(lib.genres())
    for g in ("rock", "jazz", "ambient"):
        assert counts[g] == len(ids_where(lib, lambda f, g=g: f["status"] == "ok"
                                          and f["genre"] == g))
    assert counts[NO_GENRE] == len(ids_where(lib, lambda f: f["status"] == "ok"
                                             and f["genre"] is None))
