"""The null player: keeps time, pauses, seeks, ends, and reports bad files like a real one."""

from __future__ import annotations

import threading
import time

import pytest

from moodplayer.engine.playback import NullPlayer, PlayerState



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
