"""The queue across restarts: written atomically, restored paused, missing files left out."""

import json

from moodplayer.core.player import PlaybackSession
from moodplayer.core.queue_memory import QueueMemory
from moodplayer.engine.playback import NullPlayer, PlayerState
from moodplayer.engine.tracks import Track


def make_session():
    player = NullPlayer(default_duration=120.0, duration_of=lambda p: None)
    return PlaybackSession(player)


def make_tracks(tmp_path, n=4):
    out = []
    for i in range(n):
        path = tmp_path / f"song{i}.ogg"
        path.write_bytes(b"x")
        out.append(Track(str(path), f"Song {i}", artist="A", album="B", duration=120.0,
                         reason=f"because {i}", score=0.5, item_id=i, valence=0.1, arousal=-0.2))
    return out


def test_a_restart_gets_the_same_queue_back_paused_at_the_same_place(tmp_path):
    tracks = make_tracks(tmp_path)
    before = make_session()
    before.set_queue(tracks)
    before.play_index(2)
    before.seek(42.0)
    before.set_shuffle(True)
    before.set_repeat("queue")
    memory = QueueMemory(tmp_path / "home" / "queue.json")
    assert memory.save(before) is None
    assert not list((tmp_path / "home").glob("*.tmp"))  # the temporary file was renamed away

    after = make_session()
    assert memory.restore(after) is None
    assert [t.path for t in after.queue.entries] == [t.path for t in tracks]
    assert after.queue.entries[2] == tracks[2]  # every field survives, reasons included
    assert after.queue.current == 2 and after.player.state() is PlayerState.PAUSED
    assert abs(after.player.position() - 42.0) < 0.2
    assert after.shuffle and after.repeat == "queue"


def test_missing_files_are_left_out_with_a_message(tmp_path):
    tracks = make_tracks(tmp_path)
    before = make_session()
    before.set_queue(tracks)
    before.play_index(1)
    before.seek(30.0)
    memory = QueueMemory(tmp_path / "queue.json")
    memory.save(before)
    for gone in (tracks[0], tracks[1]):
        (tmp_path / gone.path).unlink()
    after = make_session()
    message = memory.restore(after)
    assert message.startswith("2 items of the last queue could not be found")
    assert "song0.ogg" in message and "song1.ogg" in message
    # The playing one is gone: the one after it takes its place, from its start.
    assert after.current().path == tracks[2].path and after.player.position() == 0.0
    assert len(after.queue) == 2


def test_an_unreadable_file_costs_the_old_queue_not_the_start(tmp_path):
    memory = QueueMemory(tmp_path / "queue.json")
    session = make_session()
    assert memory.restore(session) is None and len(session.queue) == 0  # nothing saved yet
    memory.path.write_text("{ not json", encoding="utf-8")
    assert "could not be read" in memory.restore(session)
    memory.path.write_text(json.dumps({"tracks": [{"title": "no path"}]}), encoding="utf-8")
    assert "could not be read" in memory.restore(session)
    assert len(session.queue) == 0


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    tracks = make_tracks(tmp_path)
    session = make_session()
    session.set_queue(tracks)
    memory = QueueMemory(tmp_path / "queue.json")
    memory.save(session)
    good = memory.path.read_text(encoding="utf-8")
    (tmp_path / "queue.json.tmp").mkdir()  # the temporary file cannot be created
    session.set_queue(tracks[:1])
    assert "could not be saved" in memory.save(session)
    assert memory.path.read_text(encoding="utf-8") == good
