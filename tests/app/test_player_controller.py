"""The Qt controller walking a queue through a player, across threads (rules: tests/core)."""

from __future__ import annotations

import pytest

from moodplayer.engine.tracks import Track as QueueEntry
from moodplayer.engine.playback import NullPlayer


def entries(n, folder=None):
    return [QueueEntry(path=str(folder / f"t{i}.ogg") if folder else f"t{i}", title=f"T{i}")
            for i in range(n)]


def titles(q):
    return [e.title for e in q.entries]


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
