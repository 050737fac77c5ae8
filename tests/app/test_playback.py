"""The player state machine, against the null player and real libVLC (dummy outputs)."""

from __future__ import annotations

import threading
import time

import pytest

from moodplayer.engine.playback import NullPlayer, PlayerState

from .conftest import make_tone, make_video


class Events:
    def __init__(self, player):
        self.ended, self.errors = [], []
        self.event = threading.Event()
        player.on_end = self._end
        player.on_error = self._error

    def _end(self, path):
        self.ended.append(path)
        self.event.set()

    def _error(self, path, message):
        self.errors.append((path, message))
        self.event.set()

    def wait(self, timeout=10.0):
        assert self.event.wait(timeout), "the player never reported end or error"
        self.event.clear()


def test_null_player_keeps_time_pauses_seeks_and_ends(tmp_path):
    track = tmp_path / "a.wav"
    track.write_bytes(b"x" * 100)  # the null player never decodes: any non-empty file plays
    player = NullPlayer(default_duration=4.0, speed=10.0, duration_of=lambda p: None)
    events = Events(player)
    assert player.state() is PlayerState.STOPPED
    player.play(str(track))
    assert player.state() is PlayerState.PLAYING and player.duration() == 4.0
    time.sleep(0.1)
    player.pause()
    paused_at = player.position()
    assert player.state() is PlayerState.PAUSED and 0 < paused_at < 4.0
    time.sleep(0.1)
    assert player.position() == paused_at  # time stands still while paused
    player.seek(3.5)
    assert player.position() == 3.5
    player.play()  # resume
    events.wait(5)
    assert events.ended == [str(track)] and not events.errors
    assert player.state() is PlayerState.STOPPED


def test_null_player_reports_missing_and_empty_files(tmp_path):
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    player = NullPlayer()
    events = Events(player)
    player.play(str(tmp_path / "gone.mp3"))
    player.play(str(empty))
    assert [m for _, m in events.errors] == ["the file is missing", "the file is empty"]
    assert player.state() is PlayerState.STOPPED


def test_null_player_stop_cancels_the_pending_end(tmp_path):
    track = tmp_path / "a.wav"
    track.write_bytes(b"x")
    player = NullPlayer(default_duration=0.2, duration_of=lambda p: None)
    events = Events(player)
    player.play(str(track))
    player.stop()
    time.sleep(0.4)
    assert events.ended == []


@pytest.fixture
def vlc_player():
    from moodplayer.engine.playback.vlc import HEADLESS_OPTIONS, VlcPlayer, VlcUnavailable

    try:
        player = VlcPlayer(HEADLESS_OPTIONS)
    except VlcUnavailable as exc:
        pytest.skip(f"libVLC not installed: {exc}")
    yield player
    player.close()


def test_vlc_plays_pauses_and_ends_a_real_file(tmp_path, vlc_player):
    track = make_tone(tmp_path / "tone.ogg", seconds=1.5)
    events = Events(vlc_player)
    vlc_player.play(str(track))
    deadline = time.time() + 5
    while vlc_player.position() <= 0 and time.time() < deadline:
        time.sleep(0.05)
    assert vlc_player.state() is PlayerState.PLAYING
    assert vlc_player.duration() == pytest.approx(1.5, abs=0.2)
    vlc_player.pause()
    deadline = time.time() + 3
    while vlc_player.state() is not PlayerState.PAUSED and time.time() < deadline:
        time.sleep(0.05)
    assert vlc_player.state() is PlayerState.PAUSED
    vlc_player.play()
    events.wait(10)
    assert events.ended == [str(track)] and not events.errors


def test_vlc_plays_video_and_reports_unplayable_files(tmp_path, vlc_player):
    video = make_video(tmp_path / "clip.mp4", seconds=1.0)
    garbage = tmp_path / "noise.mp3"
    garbage.write_bytes(bytes(range(256)) * 80)
    events = Events(vlc_player)
    vlc_player.play(str(video))
    events.wait(10)
    assert events.ended == [str(video)]
    vlc_player.play(str(garbage))
    events.wait(10)
    vlc_player.play(str(tmp_path / "missing.ogg"))
    assert [p for p, _ in events.errors] == [str(garbage), str(tmp_path / "missing.ogg")]


def test_make_player_falls_back_to_null_player_without_libvlc(monkeypatch):
    import sys

    from moodplayer.engine.playback import vlc as vlc_module

    monkeypatch.setitem(sys.modules, "vlc", None)  # what a machine without python-vlc sees
    player, message = vlc_module.make_player(headless=True)
    assert isinstance(player, NullPlayer)
    assert "VLC" in message and "install" in message.lower()
