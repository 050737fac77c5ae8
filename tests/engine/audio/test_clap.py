"""CLAP through the local-folder path: a tiny random model, saved and loaded as users' are."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from moodplayer.engine.errors import ModelLoadError, ModelNotAvailable

from . import synth

pytest.importorskip("transformers", reason="transformers is in the 'test' extra")

CLAP_SR = 48000


@pytest.fixture(scope="module")
def tiny(taxonomy, tmp_path_factory):
    """The in-memory model and the folder it was saved to with save_pretrained."""
    from moodplayer.engine.audio.clap_folder import build_clap

    model, processor = build_clap(taxonomy=taxonomy, seed=3)
    folder = tmp_path_factory.mktemp("tiny-clap")
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return model, processor, folder


def two_excerpts(sr: int = CLAP_SR):
    from moodplayer.engine.audio.decode import Audio

    x = np.concatenate([synth.chord_piece(0, "major", "saw", seconds=12, sr=sr),
                        synth.drum_track(140, 6, sr=sr)])[None]
    return Audio(x, sr, [(30.0, 12.0), (90.0, 6.0)], 180.0, "pcm")


def test_round_trip_through_a_local_folder_gives_the_same_reading(tiny, taxonomy):
    from moodplayer.engine.audio.clap import ClapReader, load_clap

    model, processor, folder = tiny
    before = ClapReader(model, processor, taxonomy).read_audio(two_excerpts())
    loaded = load_clap(f"local-dir:{folder}", taxonomy)
    after = loaded.read_audio(two_excerpts())
    np.testing.assert_allclose(after.probs, before.probs, rtol=1e-5, atol=1e-7)
    assert load_clap(str(folder), taxonomy).spec == str(folder)  # a bare folder works too
    # Probabilities over the taxonomy, and a part shaped like the other signals'.
    assert after.probs.shape == (len(taxonomy),)
    assert after.probs.sum() == pytest.approx(1.0, abs=1e-5) and (after.probs > 0).all()
    assert after.signal == "clap" and 0 <= after.confidence <= 1
    assert after.detail.startswith("CLAP hears ")
    va = np.array([[e.valence, e.arousal] for e in taxonomy.emotions])
    assert after.valence == pytest.approx(float(after.probs @ va[:, 0]), abs=1e-5)


def test_prompts_are_music_prompts_and_chunks_fit_clap_window(tiny, taxonomy):
    from moodplayer.engine.audio.clap import EXCERPT_S, ClapReader

    model, processor, _ = tiny
    reader = ClapReader(model, processor, taxonomy)
    fear = reader.prompts(taxonomy.emotions[taxonomy.index("fear")])
    assert "fear music" in fear and all("photo" not in p for p in fear)
    assert reader.text_embeddings.shape[0] == len(taxonomy)
    chunks = reader.chunks(two_excerpts())
    assert [round(len(c) / CLAP_SR, 1) for c in chunks] == [EXCERPT_S, 2.0, 6.0]


def test_reads_a_real_file_at_clap_rate(tiny, taxonomy, tmp_path):
    from moodplayer.engine.audio.clap import load_clap

    path = synth.write(tmp_path / "song.flac", synth.chord_piece(7, "minor", "piano", seconds=15,
                                                                  sr=44100), sr=44100)
    mood = load_clap(f"local-dir:{tiny[2]}", taxonomy).read(path)
    assert mood.probs.sum() == pytest.approx(1.0, abs=1e-5)


def test_missing_model_and_missing_library_explain_themselves(taxonomy, tmp_path, monkeypatch):
    from moodplayer.engine.audio.clap import load_clap

    with pytest.raises(ModelNotAvailable) as info:  # HF_HUB_OFFLINE=1 in tests/conftest.py
        load_clap("hf-hub:laion/larger_clap_music", taxonomy)
    text = str(info.value)
    assert "laion/larger_clap_music" in text and "local-dir:" in text and "\n" not in text
    with pytest.raises(ModelLoadError):
        load_clap(f"local-dir:{tmp_path}", taxonomy)  # an empty folder
    with pytest.raises(ModelLoadError):
        load_clap("ViT-B-32:openai", taxonomy)  # a CLIP spec is not a CLAP
    monkeypatch.setitem(sys.modules, "transformers", None)  # as if never installed
    with pytest.raises(ModelNotAvailable, match="pip install"):
        load_clap(f"local-dir:{tmp_path}", taxonomy)
