"""The photo feature cache: nothing computed twice, nothing stale served."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import torch
from PIL import Image

from moodplayer.engine import paths as paths_mod
from moodplayer.engine.emotions.embedding_cache import EmbeddingCache, content_key
from moodplayer.engine.emotions.extractor import EmotionExtractor, ZeroShotHead


def _photos(folder, n=6):
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        arr = (np.random.default_rng(i).random((40, 52, 3)) * 255).astype(np.uint8)
        Image.fromarray(arr).save(folder / f"{i}.png")
        out.append(folder / f"{i}.png")
    return out


class Counting:
    """Counts the photos the model really encodes (the cache's whole point is to avoid it)."""

    def __init__(self, extractor):
        self.n = 0
        self.extractor = extractor
        self._wrap()

    def _wrap(self):
        inner = self.extractor.encoder.encode_fn

        def encode(pixels):
            self.n += len(pixels)
            return inner(pixels)
        self.extractor.encoder.encode_fn = encode


class ShiftHead(ZeroShotHead):
    """An adapter-like head whose visual side depends on a tensor (like visual prompts)."""

    def __init__(self, model, taxonomy, shift: float):
        super().__init__(model, taxonomy)
        self.shift = torch.full((model.embed_dim,), shift)

    def encode_images(self, pixels):
        return torch.nn.functional.normalize(super().encode_images(pixels) + self.shift, dim=-1)


@pytest.fixture
def cache(tmp_path):
    return EmbeddingCache(tmp_path / "cache" / "features.sqlite3")


def _probs(analysis):
    return np.array([list(p.result.emotions.values()) for p in analysis.ok])


def test_a_second_drop_runs_no_model_and_gives_the_same_result(tiny_model, taxonomy, tmp_path,
                                                                cache):
    paths = _photos(tmp_path / "a")
    ex = EmotionExtractor(tiny_model, taxonomy, batch_size=4, cache=cache)
    count = Counting(ex)
    first = ex.analyze_paths(paths)
    assert count.n == 6
    second = ex.analyze_paths(paths)
    assert count.n == 6  # nothing encoded again
    assert np.array_equal(_probs(first), _probs(second))
    assert np.allclose(first.combined.probs(), second.combined.probs())


def test_moved_renamed_and_copied_photos_hit_an_edited_one_misses(tiny_model, taxonomy,
                                                                   tmp_path, cache):
    paths = _photos(tmp_path / "a", 3)
    ex = EmotionExtractor(tiny_model, taxonomy, batch_size=4, cache=cache)
    ex.analyze_paths(paths)
    count = Counting(ex)
    moved = tmp_path / "elsewhere" / "renamed.png"
    moved.parent.mkdir()
    shutil.move(paths[0], moved)
    shutil.copy(paths[1], tmp_path / "copy.png")
    ex.analyze_paths([moved, tmp_path / "copy.png"])
    assert count.n == 0
    Image.new("RGB", (40, 52), (255, 0, 0)).save(paths[2])  # same name, new content
    ex.analyze_paths([paths[2]])
    assert count.n == 1


def test_another_head_model_or_taxonomy_never_gets_stale_features(tiny_model, tiny_spec,
                                                                   taxonomy, tmp_path, cache):
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.model import load_model

    paths = _photos(tmp_path / "a", 3)
    ex = EmotionExtractor(tiny_model, taxonomy, batch_size=4, cache=cache)
    zero = _probs(ex.analyze_paths(paths))
    ex.set_head(ShiftHead(tiny_model, taxonomy, 0.5))
    count = Counting(ex)
    tuned = _probs(ex.analyze_paths(paths))
    assert count.n == 3 and not np.allclose(tuned, zero)
    ex.set_head(ShiftHead(tiny_model, taxonomy, -0.5))  # re-tuned: same class, new tensors
    Counting(ex)
    retuned = _probs(ex.analyze_paths(paths))
    assert not np.allclose(retuned, tuned)
    ex.set_head(None)
    count = Counting(ex)
    assert np.array_equal(_probs(ex.analyze_paths(paths)), zero) and count.n == 0

    other = load_model(tiny_spec, device="cpu", precision="fp32")  # same spec, new weights
    with torch.no_grad():
        for p in other.model.visual.parameters():
            p.add_(0.05)
    ex2 = EmotionExtractor(other, taxonomy, batch_size=4, cache=cache)
    count = Counting(ex2)
    ex2.analyze_paths(paths)
    assert count.n == 3
    edited = json.loads((paths_mod.resources_dir() / "taxonomies" / "mikels8.json").read_text())
    edited["emotions"][0]["valence"] = -0.9  # an edited emotion list: another fingerprint
    (tmp_path / "edited.json").write_text(json.dumps(edited))
    ex3 = EmotionExtractor(tiny_model, load_taxonomy(str(tmp_path / "edited.json")),
                           batch_size=4, cache=cache)
    count = Counting(ex3)
    ex3.analyze_paths(paths)
    assert count.n == 3


def test_a_damaged_or_unwritable_cache_never_fails_an_analysis(tiny_model, taxonomy, tmp_path):
    paths = _photos(tmp_path / "a", 2)
    damaged = tmp_path / "c" / "features.sqlite3"
    damaged.parent.mkdir()
    damaged.write_bytes(b"garbage" * 500)
    ex = EmotionExtractor(tiny_model, taxonomy, cache=EmbeddingCache(damaged))
    assert len(ex.analyze_paths(paths).ok) == 2
    count = Counting(ex)
    assert len(ex.analyze_paths(paths).ok) == 2 and count.n == 0  # started again, and used
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    ex = EmotionExtractor(tiny_model, taxonomy, cache=EmbeddingCache(blocked / "f.sqlite3"))
    assert len(ex.analyze_paths(paths).ok) == 2


def test_content_key_is_size_and_hash_and_refuses_what_is_not_a_file(tmp_path):
    import hashlib
    import os

    f = tmp_path / "x.jpg"
    f.write_bytes(b"abc")
    assert content_key(f) == f"3:{hashlib.sha256(b'abc').hexdigest()}"
    os.mkfifo(tmp_path / "pipe.jpg")
    assert content_key(tmp_path / "pipe.jpg") is None  # and it did not wait for a writer
    assert content_key(tmp_path / "missing.jpg") is None
