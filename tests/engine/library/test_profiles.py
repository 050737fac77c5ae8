import numpy as np

from moodplayer.engine.library import Library
from moodplayer.engine.library.profiles import Priors

from .media import copy_media, cover_jpeg, write_wav

def _scan_sample(templates, tmp_path, extractor=None):
    root = tmp_path / "music"
    copy_media(templates, "mp3", root / "metal.mp3", title="Rage", artist="A", genre="Metal",
               bpm=170, cover=cover_jpeg((200, 0, 0)))
    copy_media(templates, "flac", root / "calm.flac", title="Still Water", artist="B",
               genre="Ambient", mood="calm", bpm=70, key="C")
    write_wav(root / "nothing.wav")
    copy_media(templates, "mkv", root / "clip.mkv")
    lib = Library(tmp_path / "lib.sqlite3")
    report = lib.scan([root], extractor=extractor)
    return lib, root, report


def _parts(lib, path):
    return {p.signal: p for p in lib.profile_parts(lib.item_by_path(path).id)}


def test_without_model_cheap_parts_then_model_parts_later(templates, tmp_path, extractor):
    lib, root, report = _scan_sample(templates, tmp_path)
    assert report.profiles.waiting_for_model == 4 and report.profiles.neutral == 2
    metal = _parts(lib, root / "metal.mp3")
    assert set(metal) == {"genre", "tags"} and "170 BPM" in metal["tags"].detail
    calm = _parts(lib, root / "calm.flac")
    assert calm["tags"].arousal < metal["tags"].arousal
    nothing = _parts(lib, root / "nothing.wav")
    assert set(nothing) == {"neutral"} and nothing["neutral"].confidence < 0.1

    gen = lib.db.generation()
    later = lib.update_profiles(extractor)  # no rescan: media untouched
    assert later.model == 4 and later.waiting_for_model == 0 and lib.db.generation() > gen
    metal = _parts(lib, root / "metal.mp3")
    assert set(metal) == {"genre", "tags", "art", "text"}
    emb = np.frombuffer(metal["art"].embedding, np.float16)
    assert emb.shape == (extractor.model.embed_dim,) and metal["art"].detail == "embedded cover"
    assert metal["art"].backbone and metal["text"].backbone
    clip = _parts(lib, root / "clip.mkv")
    assert clip["art"].detail == "3 video keyframes" and "neutral" not in clip
    assert lib.update_profiles(extractor).model == 0  # nothing left to do


def test_weights_change_without_rescan(templates, tmp_path, extractor):
    lib, root, _ = _scan_sample(templates, tmp_path, extractor)
    base = lib.arrays()
    assert len(base) == 4 and base.embedding is not None and base.has_embedding.sum() == 2  # the cover and the keyframes
    i = list(base.paths).index(str(root / "metal.mp3"))
    before = base.probs[i].copy()
    gen = lib.db.generation()
    genre_only = lib.arrays(weights={"art": 0.0, "text": 0.0, "tags": 0.0})
    assert lib.db.generation() == gen
    genre = Priors.load(lib.taxonomy).genre("metal")[0]
    assert np.allclose(genre_only.probs[i], genre, atol=1e-5)
    assert not np.allclose(before, genre_only.probs[i], atol=1e-3)


def test_taxonomy_fingerprint_change_recomputes(templates, tmp_path, extractor):
    lib, root, _ = _scan_sample(templates, tmp_path, extractor)
    from moodplayer.engine.library.db import Meta

    with lib.db.session() as s:
        s.merge(Meta(key="profiles_taxonomy", value="something-else"))
    again = lib.update_profiles(extractor)
    assert again.cheap == 4 and again.model == 4


def test_a_prompt_edit_recomputes_every_profile(templates, tmp_path, tiny_model, taxonomy, extractor):
    import dataclasses

    from moodplayer.engine.emotions.extractor import EmotionExtractor

    lib, root, _ = _scan_sample(templates, tmp_path, extractor)
    assert lib.update_profiles(extractor).cheap == 0  # nothing to redo for the same list
    lib.close()
    sad = taxonomy.emotions[-1]
    edited = dataclasses.replace(taxonomy, emotions=taxonomy.emotions[:-1] + (
        dataclasses.replace(sad, words=sad.words + ("heartbreak",)),))
    again = Library(tmp_path / "lib.sqlite3", taxonomy=edited)
    report = again.update_profiles(EmotionExtractor(tiny_model, edited, batch_size=4))
    assert report.cheap == 4 and report.model == 4
