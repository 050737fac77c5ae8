"""Features to mood: arousal and valence move the way the literature says, on a fixed scale."""

from __future__ import annotations

import numpy as np
import pytest

from moodplayer.engine.audio.features import AudioFeatures, extract_features
from moodplayer.engine.audio.mood import CUES, features_to_mood, remap

from . import synth
from .conftest import ANALYSIS_SR as SR
from .conftest import as_audio


def intense(bpm: int, tonic: int, timbre: str, seed: int) -> np.ndarray:
    """Fast drums and bright chords, mastered loud."""
    x = synth.chord_piece(tonic, "major", timbre, seed=seed, seconds=16, sr=SR)
    x = x + synth.drum_track(bpm, 16, sr=SR, seed=seed)
    return synth.master(x, -9.0)


def calm(bpm: int, tonic: int, timbre: str, seed: int) -> np.ndarray:
    """A slow soft kick under muffled chords, played quietly."""
    x = synth.lowpass(synth.chord_piece(tonic, "major", timbre, seed=seed, seconds=16,
                                        chord_s=4.0, sr=SR), 500, sr=SR)
    x = x + 0.3 * synth.lowpass(synth.drum_track(bpm, 16, sr=SR, seed=seed, hats=False), 300, SR)
    return synth.normalise(x, -32.0)


PAIRS = [  # (intense, calm): different tempi, keys and timbres
    ((150, 0, "saw"), (66, 0, "organ")),
    ((128, 5, "square"), (72, 9, "pad")),
    ((170, 2, "piano"), (60, 7, "piano")),
    ((140, 7, "pad"), (80, 3, "saw")),
    ((122, 10, "organ"), (70, 1, "square")),
]


def mood_of(x, taxonomy):
    f = extract_features(as_audio(x))
    return f, features_to_mood(f, taxonomy)


@pytest.mark.parametrize("hot,cool", PAIRS)
def test_loud_fast_bright_outranks_quiet_slow_dark_on_every_pair(hot, cool, taxonomy):
    fh, mh = mood_of(intense(*hot, seed=hot[1]), taxonomy)
    fc, mc = mood_of(calm(*cool, seed=cool[1]), taxonomy)
    assert mh.arousal > mc.arousal + 0.5, (mh.detail, mc.detail)
    assert mh.arousal > 0.2 and mc.arousal < -0.2  # absolute, not only relative
    top_hot = taxonomy.emotions[mh.top]
    top_cool = taxonomy.emotions[mc.top]
    assert top_hot.arousal > 0 > top_cool.arousal, (mh.detail, mc.detail)


def test_each_arousal_cue_alone_moves_arousal_up(taxonomy):
    base = synth.chord_piece(4, "major", "saw", seconds=12, sr=SR) + synth.drum_track(90, 12, sr=SR)
    _, ref = mood_of(synth.normalise(base, -20), taxonomy)
    _, louder = mood_of(synth.master(base, -10), taxonomy)
    faster = synth.chord_piece(4, "major", "saw", seconds=12, sr=SR) + synth.drum_track(150, 12,
                                                                                       sr=SR)
    _, fast = mood_of(synth.normalise(faster, -20), taxonomy)
    _, darker = mood_of(synth.normalise(synth.lowpass(base, 400, SR), -20), taxonomy)
    assert louder.arousal > ref.arousal + 0.1
    assert fast.arousal > ref.arousal + 0.1
    assert darker.arousal < ref.arousal - 0.05


def test_major_reads_happier_than_minor(taxonomy):
    for tonic, timbre in ((0, "organ"), (5, "piano"), (9, "saw")):
        _, major = mood_of(synth.chord_piece(tonic, "major", timbre, seed=1, seconds=16, sr=SR),
                           taxonomy)
        _, minor = mood_of(synth.chord_piece(tonic, "minor", timbre, seed=1, seconds=16, sr=SR),
                           taxonomy)
        assert major.valence > minor.valence + 0.2, (major.detail, minor.detail)


def test_output_has_the_shape_of_a_profile_part_and_a_reason(taxonomy):
    f, m = mood_of(intense(148, 9, "saw", seed=3), taxonomy)
    assert m.probs.shape == (len(taxonomy),) and m.probs.dtype == np.float32
    assert m.probs.sum() == pytest.approx(1.0, abs=1e-5) and (m.probs > 0).all()
    assert -1 <= m.valence <= 1 and -1 <= m.arousal <= 1 and 0 < m.confidence <= 0.5
    assert m.signal == "audio"
    # "fast and loud: 148 BPM, -9 LUFS, A major -> excitement"
    assert f"{f.tempo_bpm:.0f} BPM" in m.detail and "LUFS" in m.detail
    assert m.detail.endswith(f"-> {taxonomy.emotions[m.top].name}")
    assert any(w in m.detail.split(":")[0] for w in ("fast", "loud", "busy", "bright"))


def test_the_scale_is_absolute(taxonomy):
    """A library of nothing but loud tracks still has calm and intense ones: each track is
    placed on fixed reference ranges, never relative to the others."""
    loud_slow = AudioFeatures(seconds=45, loudness_lufs=-7, tempo_bpm=62, beat_strength=0.8,
                              onset_rate=0.8, centroid_hz=900, roughness=0.06, key="D",
                              mode="minor", key_strength=0.85, mode_strength=0.2)
    loud_fast = AudioFeatures(**{**loud_slow.__dict__, "tempo_bpm": 175, "onset_rate": 7.0,
                                 "centroid_hz": 3400})
    slow, fast = features_to_mood(loud_slow, taxonomy), features_to_mood(loud_fast, taxonomy)
    assert fast.arousal - slow.arousal > 0.5
    assert remap(loud_slow.to_json(), taxonomy).arousal == slow.arousal  # stored features re-map
    assert remap("", taxonomy) is None


def test_unreliable_cues_do_not_count(taxonomy):
    """A drone's 'tempo' (no beat) and an unclear key must not sway the mood."""
    drone = AudioFeatures(seconds=45, loudness_lufs=-20, tempo_bpm=180, beat_strength=0.05,
                          onset_rate=0.5, centroid_hz=1300, roughness=0.08, key="C",
                          mode="major", key_strength=0.3, mode_strength=0.01)
    slower = AudioFeatures(**{**drone.__dict__, "tempo_bpm": 60})
    assert features_to_mood(drone, taxonomy).arousal == features_to_mood(slower, taxonomy).arousal
    assert features_to_mood(drone, taxonomy).cues["mode"][1] == 0.0
    assert "BPM" not in features_to_mood(drone, taxonomy).detail
    assert all(-1 <= c.scale(v) <= 1 for c in CUES for v in (-1e9, 0.0, 1e9))
