"""The playback rules with no Qt: a session over the null player, events delivered by hand."""

import pytest

from moodplayer.core.player import MAX_SKIPS_IN_A_ROW, PlaybackListener, PlaybackSession
from moodplayer.engine.playback import NullPlayer, PlayerState
from moodplayer.engine.tracks import Track


class Recorder(PlaybackListener):
    def __init__(self):
        self.playing, self.skips, self.finished, self.seeks = [], [], 0, []

    def now_playing(self, entry):
        self.playing.append(entry.title if entry else None)

    def skipped(self, title, reason):
        self.skips.append((title, reason))

    def queue_finished(self):
        self.finished += 1

    def restored(self, entry):
        self.playing.append(("restored", entry.title))

    def seeked(self, seconds):
        self.seeks.append(seconds)


def session(tmp_path, n=3, broken=()):
    player = NullPlayer(default_duration=60.0, duration_of=lambda p: None)
    player.on_end = player.on_error = None  # the test delivers events itself
    tracks = []
    for i in range(n):
        path = tmp_path / f"t{i}.ogg"
        if i not in broken:
            path.write_bytes(b"x")
        tracks.append(Track(str(path), f"T{i}"))
    rec = Recorder()
    return PlaybackSession(player, listener=rec), tracks, rec


def test_end_of_a_track_plays_the_next_and_the_end_of_the_queue_stops(tmp_path):
    s, tracks, rec = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    assert s.player.current() == tracks[0].path
    s.handle_end(tracks[0].path)
    s.handle_end(tracks[0].path)  # a late duplicate event changes nothing
    assert s.player.current() == tracks[1].path
    s.handle_end(tracks[1].path)
    s.handle_end(tracks[2].path)
    assert rec.finished == 1 and s.player.state() is PlayerState.STOPPED
    assert [t for t in rec.playing if t] == ["T0", "T1", "T2"]


def test_an_error_skips_with_the_reason(tmp_path):
    s, tracks, rec = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    s.handle_error(tracks[0].path, "corrupt file")
    assert rec.skips == [("T0", "corrupt file")] and s.queue.current == 1


def test_a_queue_of_broken_files_gives_up_instead_of_spinning(tmp_path):
    n = MAX_SKIPS_IN_A_ROW + 5
    s, tracks, rec = session(tmp_path, n=n, broken=range(n))
    s.set_queue(tracks, autoplay=True)
    while rec.playing[-1] is not None:  # until the session gives up (or the queue ends)
        s.handle_error(s.queue.current_entry().path, "the file is missing")
    assert len(rec.skips) == MAX_SKIPS_IN_A_ROW
    assert rec.playing[-1] is None and s.player.state() is PlayerState.STOPPED


def test_toggle_previous_restarts_after_three_seconds(tmp_path):
    s, tracks, _ = session(tmp_path)
    s.set_queue(tracks)
    s.toggle()  # nothing playing: starts the first
    assert s.queue.current == 0 and s.player.state() is PlayerState.PLAYING
    s.toggle()
    assert s.player.state() is PlayerState.PAUSED
    s.next()
    s.seek(10.0)
    s.previous()  # 10 s in: back to the start of the same track
    assert s.queue.current == 1 and s.player.position() < 1.0
    s.previous()  # at the start: the previous track
    assert s.queue.current == 0 and s.player.current() == tracks[0].path


def test_removing_the_playing_track_moves_on(tmp_path):
    s, tracks, _ = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    s.remove(0)
    assert s.player.current() == tracks[1].path and len(s.queue) == 2


def test_repeat_one_replays_at_the_end_but_next_still_moves_on(tmp_path):
    s, tracks, rec = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    s.set_repeat("one")
    s.handle_end(tracks[0].path)
    assert s.queue.current == 0 and s.player.state() is PlayerState.PLAYING
    s.next()
    assert s.queue.current == 1


def test_repeat_queue_wraps_and_shuffle_plays_each_once(tmp_path):
    s, tracks, rec = session(tmp_path, n=5)
    s.set_queue(tracks, autoplay=True)
    s.set_repeat("queue")
    for i in range(5):
        s.handle_end(s.current().path)
    assert s.queue.current == 0 and rec.finished == 0  # wrapped to the first
    s.set_repeat("off")
    s.set_shuffle(True)
    heard = {s.current().title}
    while s.can_go_next():
        s.next()
        heard.add(s.current().title)
    assert heard == {t.title for t in tracks}
    s.next()  # nothing left in this round and no repeat: the queue ends
    assert rec.finished == 1 and s.player.state() is PlayerState.STOPPED


def test_the_player_is_told_what_comes_next(tmp_path):
    s, tracks, _ = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    assert s.player.prepared == tracks[1].path
    s.set_repeat("one")
    assert s.player.prepared == tracks[0].path  # the same track again
    s.set_repeat("off")
    s.next()
    s.next()
    assert s.player.prepared is None  # the last one: nothing to prepare


def test_seek_by_stays_inside_the_track_and_reports_the_jump(tmp_path):
    s, tracks, rec = session(tmp_path)
    s.set_queue(tracks, autoplay=True)
    s.player.pause()
    s.seek_by(+5)
    assert abs(s.player.position() - 5) < 0.01
    s.seek_by(-30)
    assert s.player.position() == 0.0
    s.seek_by(+500)
    assert s.player.position() == s.player.duration() == 60.0
    assert rec.seeks == pytest.approx([5.0, 0.0, 60.0], abs=0.05)


def test_mute_remembers_the_volume_and_moving_the_volume_unmutes(tmp_path):
    s, tracks, _ = session(tmp_path)
    s.set_volume(64)
    s.toggle_mute()
    assert s.muted and s.player.volume() == 0 and s.volume == 64
    s.toggle_mute()
    assert not s.muted and s.player.volume() == 64
    s.toggle_mute()
    s.set_volume(30)
    assert not s.muted and s.player.volume() == 30


def test_restore_comes_back_paused_at_the_position(tmp_path):
    s, tracks, rec = session(tmp_path)
    s.restore(tracks, 1, 12.5)
    assert s.current() is tracks[1] and s.player.state() is PlayerState.PAUSED
    assert abs(s.player.position() - 12.5) < 0.01
    assert rec.playing == [("restored", "T1")]
    s.toggle()  # play resumes where it was, not from the start
    assert s.player.state() is PlayerState.PLAYING and s.player.position() >= 12.5


def test_can_go_next_and_previous(tmp_path):
    s, tracks, _ = session(tmp_path, n=2)
    s.set_queue(tracks)
    assert not s.can_go_previous() and s.can_go_next()  # nothing yet: next starts the first
    s.play_index(0)
    assert s.can_go_next() and s.can_go_previous()
    s.next()
    assert not s.can_go_next()
