"""Queue rules (plain data) and the controller walking a queue through a player."""

from __future__ import annotations

import pytest

from moodplayer.core.play_queue import PlayQueue
from moodplayer.engine.tracks import Track as QueueEntry
from moodplayer.engine.playback import NullPlayer


def entries(n, folder=None):
    return [QueueEntry(path=str(folder / f"t{i}.ogg") if folder else f"t{i}", title=f"T{i}")
            for i in range(n)]


def titles(q):
    return [e.title for e in q.entries]


def test_queue_edits_keep_the_playing_entry():
    q = PlayQueue(entries(5))
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
    q = PlayQueue(entries(2))
    assert q.back() is None
    assert q.advance().title == "T0" and q.advance().title == "T1"
    assert q.advance() is None and q.current_entry() is None
    q.insert_next(QueueEntry(path="x", title="X"))
    assert titles(q)[-1] == "X"


@pytest.fixture
def controller(qtbot):
    from moodplayer.app.player_controller import PlayerController

    player = NullPlayer(default_duration=0.15, duration_of=lambda p: None)
    c = PlayerController(player)
    yield c
    c.shutdown()


def test_controller_advances_at_end_and_skips_unplayable_items(qtbot, controller, tmp_path):
    good = entries(3, tmp_path)
    for e in good:
        open(e.path, "wb").write(b"x")
    broken = QueueEntry(path=str(tmp_path / "missing.ogg"), title="Broken")
    controller.set_queue([good[0], broken, good[1], good[2]])
    played = []
    controller.now_playing.connect(lambda e: played.append(e.title if e else None))
    with qtbot.waitSignal(controller.skipped, timeout=5000) as skipped:
        controller.play_index(0)
    assert skipped.args == ["Broken", "the file is missing"]
    with qtbot.waitSignal(controller.queue_finished, timeout=5000):
        pass
    assert [t for t in played if t] == ["T0", "Broken", "T1", "T2"]
    assert controller.player.state().value == "stopped"


def test_controller_toggle_and_previous(qtbot, controller, tmp_path):
    es = entries(2, tmp_path)
    for e in es:
        open(e.path, "wb").write(b"x")
    controller.player.default_duration = 30.0
    controller.set_queue(es)
    controller.toggle()  # nothing playing: starts the first
    assert controller.queue.current == 0 and controller.player.state().value == "playing"
    controller.toggle()
    assert controller.player.state().value == "paused"
    controller.next()
    assert controller.player.current() == es[1].path
    controller.previous()
    assert controller.player.current() == es[0].path
