"""Decoding: where the excerpts come from, what is kept, and a reason for every bad file."""

from __future__ import annotations

import numpy as np
import pytest

from moodplayer.engine.audio.decode import (EXCERPT_S, MAX_DURATION_S, SAMPLE_RATE, decode,
                                            plan_excerpts)
from moodplayer.engine.audio.errors import AudioError

from . import media_files, synth

SR = SAMPLE_RATE


def glide(seconds: float, sr: int = SR) -> np.ndarray:
    """A tone whose pitch says the time: 100 Hz + 5 Hz per second."""
    t = np.arange(int(seconds * sr)) / sr
    return (0.3 * np.sin(2 * np.pi * (100 * t + 2.5 * t * t))).astype(np.float32)


def pitch_at(x: np.ndarray, sr: int = SR, seconds: float = 0.5) -> float:
    """Frequency of the first ``seconds`` from zero crossings."""
    seg = x[:int(seconds * sr)]
    crossings = np.flatnonzero((seg[:-1] < 0) & (seg[1:] >= 0))
    return (len(crossings) - 1) / ((crossings[-1] - crossings[0]) / sr)


@pytest.fixture(scope="module")
def long_flac(media_dir):
    return synth.write(media_dir / "glide.flac", glide(150.0), sr=SR)


def test_three_excerpts_spread_over_the_middle_each_landing_where_planned(long_flac):
    audio = decode(long_flac)
    assert audio.duration == pytest.approx(150.0, abs=0.1)
    assert len(audio.excerpts) == 3
    planned = plan_excerpts(150.0)
    assert planned[0] > 10 and planned[-1] + EXCERPT_S < 140  # intro and outro skipped
    for (start, length), plan, first in zip(audio.excerpts, planned, audio.bounds()):
        assert start == pytest.approx(plan, abs=0.05)
        assert length == pytest.approx(EXCERPT_S, abs=0.01)
        # The glide's pitch proves the seek landed on the planned second.
        assert pitch_at(audio.mono[first:]) == pytest.approx(100 + 5 * (plan + 0.25), abs=1.5)
    assert audio.samples.dtype == np.float32 and audio.sample_rate == SR


def test_an_excerpt_that_lands_in_a_silence_starts_at_the_sound_after_it(media_dir):
    x = glide(150.0)
    gap = plan_excerpts(150.0)[1]
    x[int(gap * SR):int((gap + 6) * SR)] = 0.0  # six silent seconds where the middle one starts
    audio = decode(synth.write(media_dir / "gap.flac", x, sr=SR))
    start, length = audio.excerpts[1]
    assert start == pytest.approx(gap + 6, abs=0.1) and length == pytest.approx(EXCERPT_S)
    assert pitch_at(audio.mono[audio.bounds()[1]:]) == pytest.approx(100 + 5 * (gap + 6.25),
                                                                     abs=1.5)


def test_mono_stays_mono_stereo_stays_stereo(media_dir):
    tone = synth.sine(440, 5, -20, sr=44100)
    mono = decode(synth.write(media_dir / "mono.mp3", tone, sr=44100))
    stereo = decode(synth.write(media_dir / "stereo.wav", np.stack([tone, 0.5 * tone], 1), 44100))
    assert mono.samples.shape[0] == 1
    assert stereo.samples.shape[0] == 2
    # Resampled to the analysis rate; left is twice right, as written.
    assert stereo.samples.shape[1] == pytest.approx(5 * SR, rel=0.01)
    assert np.abs(stereo.samples[0]).max() == pytest.approx(2 * np.abs(stereo.samples[1]).max(),
                                                            rel=0.02)


@pytest.mark.parametrize("lead_in", [3.0, 30.0])
def test_short_file_is_read_whole_from_its_first_sound(media_dir, lead_in):
    x = np.concatenate([np.zeros(int(lead_in * SR), np.float32), synth.sine(440, 8, -20, sr=SR)])
    audio = decode(synth.write(media_dir / f"lead-in-{lead_in:.0f}.wav", x, sr=SR))
    assert len(audio.excerpts) == 1
    assert audio.excerpts[0][0] == pytest.approx(lead_in, abs=0.1)  # the silence was skipped
    assert audio.seconds == pytest.approx(8.0, abs=0.1)
    assert np.abs(audio.mono[:100]).max() > 0.01


def test_video_soundtrack_and_m4a_decode(media_dir):
    tone = synth.sine(440, 6, -12, sr=SR)
    video = decode(media_files.write_video(media_dir / "clip.mp4", np.vstack([tone, tone])))
    m4a = decode(media_files.write_m4a(media_dir / "tone.m4a", tone))
    for audio in (video, m4a):
        assert audio.codec == "aac"
        assert audio.seconds == pytest.approx(6.0, abs=0.2)
        assert pitch_at(audio.mono[SR:]) == pytest.approx(440, abs=3)


@pytest.fixture(scope="module")
def bad_files(media_dir):
    d = media_dir / "bad"
    d.mkdir()
    song = synth.write(d / "song.mp3", synth.chord_piece(0, "major", "organ", seconds=60, sr=SR),
                       sr=SR)
    silence = synth.write(d / "silence.flac", np.zeros(20 * SR, np.float32), sr=SR)
    (d / "notes.mp3").write_text("these are my notes, not music\n" * 20)
    (d / "empty.mp3").write_bytes(b"")
    return {
        "empty": (d / "empty.mp3", "empty (0 bytes)"),
        "truncated": (media_files.write_truncated(song, d / "cut.mp3", 0.4), "cut short"),
        "stub": (media_files.write_truncated(song, d / "stub.mp3", 0.02), "cut short"),
        "text": (d / "notes.mp3", "not an audio or video file"),
        "picture": (media_files.write_jpeg(d / "cover.mp3"), "no audio stream"),
        "silence": (silence, "silent"),
        "drm": (media_files.write_drm_m4a(d / "bought.m4a", synth.sine(440, 5, -20, sr=SR)), "DRM"),
        "no-sound-video": (media_files.write_video(d / "mute.mp4"), "no audio stream"),
        "ten-hours": (media_files.write_sparse_wav(d / "ten-hours.wav", 10), "10.0 hours"),
        "fifo": (media_files.make_fifo(d / "pipe.mp3"), "named pipe"),
        "folder": (d, "folder"),
        "missing": (d / "gone.mp3", "missing"),
    }


@pytest.mark.parametrize("kind", ["empty", "truncated", "stub", "text", "picture", "silence",
                                  "drm", "no-sound-video", "ten-hours", "fifo", "folder",
                                  "missing"])
def test_bad_files_raise_audio_error_with_a_plain_reason(bad_files, kind):
    import time

    path, words = bad_files[kind]
    start = time.monotonic()
    with pytest.raises(AudioError) as info:
        decode(path)
    assert words in info.value.reason
    assert info.value.path == str(path)
    assert time.monotonic() - start < 5  # never waits: not on a pipe, not on 10 hours


def test_limits_are_sane():
    assert MAX_DURATION_S >= 3 * 3600  # a long film is still analysed
    assert plan_excerpts(None) == [0.0] and plan_excerpts(45.0) == [0.0]
    assert plan_excerpts(200.0, count=1) == [100.0 - EXCERPT_S / 2]  # one: from the middle
