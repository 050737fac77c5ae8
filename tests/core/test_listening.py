"""Hearing the library: untagged, coverless tracks get a mood from their sound alone.

Synthesised ground truth: slow, quiet, dark minor pads (calm and sad) against
fast, loud, bright major pieces with drums (excited). With no genre tag, no
cover and no meaningful title, only the audio can tell them apart.
"""

import numpy as np
import pytest

from ..engine.audio import synth

SECONDS = 24.0


def calm_minor(seed: int) -> np.ndarray:
    pad = synth.chord_piece(9, "minor", "pad", seed=seed, seconds=SECONDS, chord_s=3.0)
    return synth.normalise(synth.lowpass(pad, 600.0), -32.0)


def loud_major(seed: int) -> np.ndarray:
    chords = synth.chord_piece(0, "major", "piano", seed=seed, seconds=SECONDS, chord_s=0.8)
    drums = synth.drum_track(150, seconds=SECONDS, seed=seed)
    return synth.master(chords + drums, -9.0)


@pytest.fixture
def heard_library(tmp_path, taxonomy):
    from moodplayer.core.listening import Listening
    from moodplayer.engine.library import Library

    folder = tmp_path / "rips"
    for i in range(2):  # names say nothing: the sound must
        synth.write(folder / f"track{2 * i + 1:02d}.flac", calm_minor(i))
        synth.write(folder / f"track{2 * i + 2:02d}.flac", loud_major(i))
    lib = Library(tmp_path / "library.sqlite3", taxonomy)
    lib.scan([folder])
    report = Listening(lib, workers=1).run()
    yield lib, report
    lib.close()


def test_every_track_is_heard_once_and_a_rerun_has_nothing_left(heard_library):
    from moodplayer.core.listening import Listening

    lib, report = heard_library
    assert (report.heard, report.failed, report.remaining) == (4, 0, 0)
    again = Listening(lib, workers=1).run()
    assert (again.heard, again.failed) == (0, 0)  # resumable: nothing is heard twice
    rows = {r["path"].rsplit("/", 1)[1]: r for r in lib.item_moods()}
    assert all(r["audio"] for r in rows.values())
    calm = [rows["track01.flac"], rows["track03.flac"]]
    loud = [rows["track02.flac"], rows["track04.flac"]]
    assert max(r["arousal"] for r in calm) < min(r["arousal"] for r in loud)
    assert max(r["valence"] for r in calm) < min(r["valence"] for r in loud)


def test_a_calm_sad_photo_mood_queues_the_calm_minor_tracks_first(heard_library, taxonomy,
                                                                  tiny_spec):
    from moodplayer.core.mood_session import MoodSession
    from moodplayer.engine.emotions.result import EmotionResult
    from moodplayer.engine.settings import Settings

    lib, _ = heard_library
    probs = np.full(len(taxonomy), 0.02)
    probs[taxonomy.index("sadness")] = 0.7
    probs[taxonomy.index("contentment")] = 0.2
    mood = EmotionResult.from_probs(probs, taxonomy)
    settings = Settings(model=tiny_spec, queue_length=2, diversity=0.0)
    queue = MoodSession(lib, settings).build_queue(mood)
    assert sorted(t.path.rsplit("/", 1)[1] for t in queue) == ["track01.flac", "track03.flac"]
    assert all("LUFS" in t.reason for t in queue)  # the reason says what was heard


def test_a_broken_file_gets_a_reason_and_the_rest_are_heard(tmp_path, taxonomy):
    from moodplayer.core.listening import Listening
    from moodplayer.engine.library import Library

    folder = tmp_path / "mixed"
    synth.write(folder / "good.flac", calm_minor(0))
    (folder / "broken.mp3").write_bytes(b"ID3" + bytes(2000))  # looks like an MP3, is not
    lib = Library(tmp_path / "library.sqlite3", taxonomy)
    lib.scan([folder])
    report = Listening(lib, workers=1).run()
    failures = dict((p.rsplit("/", 1)[1], why) for p, why in lib.audio_failures())
    if lib.count() == 2:  # the scanner kept the broken file: the listener must explain it
        assert report.failed == 1 and failures["broken.mp3"]
    else:  # the scanner refused it already, with its own reason
        assert [p.rsplit("/", 1)[1] for p, _ in lib.failures()] == ["broken.mp3"]
    assert report.heard == 1
    lib.close()
