"""The libVLC backend, on real files with dummy outputs (no sound card, no display)."""

from __future__ import annotations

import time

import pytest

from moodplayer.engine.playback import NullPlayer, PlayerState

from ...media import make_tone, make_video
from .test_playback import Events


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
