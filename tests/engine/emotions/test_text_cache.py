"""The class-text-feature disk cache: hits, every key part invalidating, damage ignored.

The text encoder is counted by wrapping the tokenizer of a model loaded for
the test (every text pass starts there), so a hit is a run that never
reached the encoder.
"""

import json
import os
import shutil

import pytest
import torch

from moodplayer.engine import paths
from moodplayer.engine.emotions import text_cache
from moodplayer.engine.emotions.extractor import ZERO_SHOT, ZeroShotHead, class_text_features
from moodplayer.engine.emotions.taxonomy import load_taxonomy
from moodplayer.engine.vision.model import ModelSpec, load_model


@pytest.fixture
def model_dir(tiny_model_dir, tmp_path):
    """A private copy: the tests touch its files."""
    return shutil.copytree(tiny_model_dir, tmp_path / "clip")


def counted(folder):
    model = load_model(f"local-dir:{folder}", device="cpu", precision="fp32")
    calls = []
    real = model.tokenizer

    def tokenizer(texts, *args, **kwargs):
        calls.append(len(texts))
        return real(texts, *args, **kwargs)
    model.tokenizer = tokenizer
    return model, calls


def cache_files(home):
    return sorted((home / "cache" / text_cache.FOLDER).glob("*.safetensors"))


def edited_taxonomy(tmp_path):
    """mikels8 with other words for its first emotion, as a user's JSON file."""
    data = json.loads((paths.resources_dir() / "taxonomies" / "mikels8.json").read_text())
    data["emotions"][0]["words"] = ["thrilled", "overjoyed"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    return load_taxonomy(path)


def test_second_process_reads_instead_of_encoding(model_dir, taxonomy, app_home):
    model, calls = counted(model_dir)
    first = class_text_features(model, taxonomy)
    assert sum(calls) == sum(len(taxonomy.prompts(e)) for e in taxonomy.emotions) == 192
    assert len(cache_files(app_home)) == 1
    again, calls_again = counted(model_dir)  # a fresh load, as a new process would
    second = class_text_features(again, taxonomy)
    assert calls_again == []
    assert second.dtype == torch.float32 and second.device.type == "cpu"
    assert torch.equal(first, second)
    assert torch.allclose(second, class_text_features(again, taxonomy, use_cache=False), atol=1e-6)


def test_zero_shot_head_uses_the_cache(model_dir, taxonomy, app_home):
    model, calls = counted(model_dir)
    ZeroShotHead(model, taxonomy)
    assert calls
    calls.clear()
    head = ZeroShotHead(model, taxonomy)
    assert calls == [] and head.text.shape == (len(taxonomy), model.embed_dim)


def test_an_edited_prompt_list_is_a_new_key(model_dir, taxonomy, tmp_path, app_home):
    model, calls = counted(model_dir)
    base = class_text_features(model, taxonomy)
    calls.clear()
    edited = edited_taxonomy(tmp_path)
    changed = class_text_features(model, edited)
    assert sum(calls) == sum(len(edited.prompts(e)) for e in edited.emotions)
    assert not torch.allclose(base[0], changed[0]) and torch.allclose(base[1:], changed[1:])
    assert len(cache_files(app_home)) == 2


def test_new_weights_in_the_same_folder_are_a_new_key(model_dir, taxonomy, app_home):
    model, _ = counted(model_dir)
    class_text_features(model, taxonomy)
    weights = model_dir / "open_clip_model.safetensors"
    st = weights.stat()
    os.utime(weights, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # copied over: new mtime
    again, calls = counted(model_dir)
    class_text_features(again, taxonomy)
    assert calls and len(cache_files(app_home)) == 2


def test_the_key_covers_what_it_should(model_dir, taxonomy):
    model, _ = counted(model_dir)
    parts = text_cache.key_parts(model, taxonomy, ZERO_SHOT)
    assert parts["taxonomy"] == taxonomy.fingerprint and parts["embed_dim"] == model.embed_dim
    assert "open_clip_model.safetensors" in parts["weights"]
    with_adapter = text_cache.key_parts(model, taxonomy, ZERO_SHOT, adapter="abc")
    cache = text_cache.TextFeatureCache()
    assert cache.path_for(parts) != cache.path_for(with_adapter)
    assert "float" not in json.dumps(parts) and "cpu" not in json.dumps(parts)  # dtype/device not


def test_random_weights_are_never_cached(tmp_path):
    assert text_cache.weights_identity(ModelSpec.parse("ViT-B-32")) is None
    assert text_cache.weights_identity(ModelSpec.parse("ViT-B-32:openai")) == "pretrained:openai"
    (tmp_path / "open_clip_config.json").write_text("{}")  # a folder without weights
    assert text_cache.weights_identity(ModelSpec.parse(f"local-dir:{tmp_path}")) is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape"])
def test_a_damaged_cache_file_is_ignored_and_rewritten(model_dir, taxonomy, app_home, damage):
    model, calls = counted(model_dir)
    good = class_text_features(model, taxonomy)
    path = cache_files(app_home)[0]
    if damage == "garbage":
        path.write_bytes(b"\x00not safetensors at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    else:  # a valid file that claims the right key but holds the wrong tensor
        from safetensors.torch import load_file, save_file
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata()
        save_file({"features": load_file(str(path))["features"][:3]}, str(path), metadata=meta)
    calls.clear()
    again = class_text_features(model, taxonomy)
    assert calls and torch.allclose(again, good, atol=1e-6)
    calls.clear()
    class_text_features(model, taxonomy)
    assert calls == []  # rewritten whole
    assert not list(path.parent.glob(".*.tmp"))


def test_an_unwritable_cache_costs_only_time(model_dir, taxonomy, app_home):
    (app_home / "cache").mkdir(parents=True, exist_ok=True)
    (app_home / "cache" / text_cache.FOLDER).write_text("a file where the folder should be")
    model, calls = counted(model_dir)
    assert class_text_features(model, taxonomy).shape == (len(taxonomy), model.embed_dim)
    calls.clear()
    class_text_features(model, taxonomy)
    assert calls  # nothing stored, so computed again, and no error


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(text_cache, "MAX_FILES", 3)
    cache = text_cache.TextFeatureCache(tmp_path)
    for i in range(5):
        cache.store({"what": "t", "i": i, "embed_dim": 2}, torch.zeros(1, 2))
    assert len(list(tmp_path.glob("*.safetensors"))) == 3
