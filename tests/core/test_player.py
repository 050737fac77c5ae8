"""The playback rules with no Qt: a session over the null player, events delivered by hand."""

from moodplayer.core.player import MAX_SKIPS_IN_A_ROW, PlaybackListener, PlaybackSession
from moodplayer.engine.playback import NullPlayer, PlayerState
from moodplayer.engine.tracks import Track


class Recorder(PlaybackListener):
    def __init__(self):
        self.playing, self.skips, self.finished = [], [], 0

    def now_playing(self, entry):
        self.playing.append(entry.title if entry else None)

    def skipped(self, title, reason):
        self.skips.append((title, reason))

    def queue_finished(self):
        self.finished += 1


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
