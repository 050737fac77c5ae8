"""Queue rules as plain data: what 'next' means after edits."""

import pytest

from moodplayer.core.play_queue import PlayQueue
from moodplayer.engine.tracks import Track


def tracks(n):
    return [Track(path=f"t{i}", title=f"T{i}") for i in range(n)]


def titles(q):
    return [e.title for e in q.entries]


def test_queue_edits_keep_the_playing_entry():
    q = PlayQueue(tracks(5))
    q.go_to(2)
    q.move(4, 0)
    assert titles(q) == ["T4", "T0", "T1", "T2", "T3"] and q.current_entry().title == "T2"
    q.play_next(0)  # T4 goes right after the playing T2
    assert titles(q) == ["T0", "T1", "T2", "T4", "T3"] and q.current_entry().title == "T2"
    q.remove(0)
    assert q.current_entry().title == "T2"
    q.remove(q.current)  # removing the playing one: next continues with what followed it
    assert q.advance().title == "T4"
    assert titles(q) == ["T1", "T4", "T3"]
    q.reorder([2, 1, 0])
    assert titles(q) == ["T3", "T4", "T1"] and q.current_entry().title == "T4"
    with pytest.raises(ValueError):
        q.reorder([0, 0, 1, 2])


def test_queue_advance_and_back_at_the_edges():
    q = PlayQueue(tracks(2))
    assert q.back() is None
    assert q.advance().title == "T0" and q.advance().title == "T1"
    assert q.advance() is None and q.current_entry() is None
    q.insert_next(Track(path="x", title="X"))
    assert titles(q)[-1] == "X"
