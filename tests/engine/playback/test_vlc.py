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


class Samples(list):
    """PCM samples, and the ctypes callbacks that must stay alive while libVLC calls them."""

    callbacks: list


def capture_pcm(player) -> Samples:
    """Route a VlcPlayer's audio into 16-bit mono samples (libVLC's amem output)."""
    import ctypes

    import vlc

    samples = Samples()

    @vlc.CallbackDecorators.AudioPlayCb
    def play(_data, buf, count, _pts):
        samples.extend((ctypes.c_int16 * count).from_address(buf)[:])

    def noop(*_):
        pass

    samples.callbacks = [play, vlc.CallbackDecorators.AudioPauseCb(noop),
                         vlc.CallbackDecorators.AudioResumeCb(noop),
                         vlc.CallbackDecorators.AudioFlushCb(noop),
                         vlc.CallbackDecorators.AudioDrainCb(noop)]
    player._player.audio_set_callbacks(*samples.callbacks, None)
    player._player.audio_set_format("S16N", 44100, 1)
    return samples


def loudness(player, path) -> float:
    """RMS of the first half second after the start of ``path`` as ``player`` renders it."""
    import math

    got = capture_pcm(player)
    player.play(str(path))
    deadline = time.time() + 5
    while len(got) < 44100 and time.time() < deadline:
        time.sleep(0.05)
    player.stop()
    middle = got[len(got) // 4: len(got) // 2]
    return math.sqrt(sum(x * x for x in middle) / max(1, len(middle)))


def test_replay_gain_track_album_and_off_change_the_level_by_the_tagged_gain(tmp_path):
    import subprocess

    from moodplayer.engine.playback.vlc import HEADLESS_OPTIONS, VlcPlayer, VlcUnavailable

    song = tmp_path / "loud.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=2", "-metadata", "REPLAYGAIN_TRACK_GAIN=-12.00 dB",
                    "-metadata", "REPLAYGAIN_ALBUM_GAIN=-6.00 dB", str(song)], check=True)
    try:
        player = VlcPlayer(HEADLESS_OPTIONS, replay_gain="off")
    except VlcUnavailable as exc:
        pytest.skip(f"libVLC not installed: {exc}")
    try:
        off = loudness(player, song)
        player.set_replay_gain("track")  # stopped: the new instance is built at once
        track = loudness(player, song)
        player.set_replay_gain("album")
        album = loudness(player, song)
    finally:
        player.close()
    assert off > 1000
    assert track / off == pytest.approx(10 ** (-12 / 20), rel=0.05)
    assert album / off == pytest.approx(10 ** (-6 / 20), rel=0.05)
    with pytest.raises(ValueError):
        player.set_replay_gain("loud")


def test_cue_opens_paused_at_the_position_and_prepare_knows_the_next_length(tmp_path, vlc_player):
    import subprocess

    song = tmp_path / "song.wav"  # WAV: libVLC seeks it exactly, whatever the length
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=330:duration=4", str(song)], check=True)
    following = make_tone(tmp_path / "next.wav", seconds=3.0)
    vlc_player.cue(str(song), 2.5)
    deadline = time.time() + 5
    while vlc_player.state() is not PlayerState.PAUSED and time.time() < deadline:
        time.sleep(0.02)
    assert vlc_player.state() is PlayerState.PAUSED
    assert vlc_player.position() == pytest.approx(2.5)
    vlc_player.play()  # resumes from there, not from the start
    deadline = time.time() + 5
    while vlc_player.position() <= 2.5 and time.time() < deadline:
        time.sleep(0.02)
    assert vlc_player.position() > 2.5
    vlc_player.prepare(str(following))
    time.sleep(0.5)  # the preparser runs on libVLC's thread
    vlc_player.stop()
    vlc_player.play(str(following))
    assert vlc_player.duration() == pytest.approx(3.0, abs=0.1)  # before playback reports it
