"""Photos -> mood -> queue, as the window and the CLI run it, without Qt."""

import pytest

from moodplayer.core.mood_session import MoodSession, playlist_name
from moodplayer.engine.errors import MoodPlayerError


def test_expand_reports_unreadable_inputs_and_keeps_the_rest(photos, tmp_path):
    missing = tmp_path / "nope.jpg"
    expanded = MoodSession.expand([str(photos[0].parent), str(missing)])
    assert sorted(expanded.found) == sorted(str(p) for p in photos)
    assert [e.path for e in expanded.errors] == [str(missing)] and not expanded.empty
    assert MoodSession.expand([str(tmp_path / "empty-dir-that-is-missing")]).found == []


def test_analyse_remember_and_queue(library, settings, reader, photos):
    session = MoodSession(library, settings)
    with pytest.raises(MoodPlayerError, match="Drop photos first"):
        session.build_queue()
    analysis = session.analyse(reader, session.expand([str(p) for p in photos]))
    assert len(analysis.ok) == 3
    session.remember(analysis)
    assert session.current_mood is analysis.combined
    queue = session.build_queue()
    assert len(queue) == settings.queue_length
    assert all(t.reason and t.item_id is not None and t.kind == "music" for t in queue)
    assert len({t.path for t in queue}) == len(queue)


def test_more_like_excludes_the_seed_and_explains(library, settings, reader, photos):
    session = MoodSession(library, settings)
    session.remember(session.analyse(reader, session.expand([str(p) for p in photos])))
    seed = session.build_queue()[0]
    similar = session.more_like(seed, exclude_ids={seed.item_id})
    assert similar and seed.path not in [t.path for t in similar]
    assert all(t.reason.startswith(f"like “{seed.title}”") for t in similar)


def test_settings_kind_any_means_mixed_and_empty_library_gives_nothing(tmp_path, taxonomy,
                                                                       settings, reader, photos):
    from moodplayer.engine.library import Library

    settings.queue_kind = "any"  # what the window's settings write
    empty = Library(tmp_path / "empty.sqlite3", taxonomy)
    session = MoodSession(empty, settings)
    assert session.options().kind == "mixed"
    assert session.library_is_empty()
    mood = session.analyse(reader, session.expand([str(photos[0])])).combined
    assert session.build_queue(mood) == []
    empty.close()


def test_playlist_name_says_the_mood_and_the_time(reader, photos):
    import datetime

    mood = MoodSession.analyse(reader, MoodSession.expand([str(photos[0])])).combined
    when = datetime.datetime(2026, 12, 1, 16, 5)
    assert playlist_name(mood, when) == f"{mood.top[0].capitalize()} · 2026-12-01 16:05"
    assert playlist_name(None, when) == "Mood · 2026-12-01 16:05"
