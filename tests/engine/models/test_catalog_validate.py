"""The known-good table agrees with open_clip's registry; specs are checked before use."""

from __future__ import annotations

import pytest

from moodplayer.engine.errors import ModelLoadError, MoodPlayerError
from moodplayer.engine.models import (KNOWN_MODELS, default_model, find_known, hub_file, known_models,
                                      validate_spec)
from moodplayer.engine.settings import DEFAULT_MODEL


def test_the_default_model_is_in_the_table_and_first():
    assert default_model().spec == DEFAULT_MODEL
    assert known_models()[0].is_default
    assert default_model().hub_repo == "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    assert default_model().hub_url == "https://huggingface.co/laion/CLIP-ViT-B-32-laion2B-s34B-b79K"


@pytest.mark.parametrize("model", KNOWN_MODELS, ids=lambda m: m.spec)
def test_every_known_model_matches_open_clips_registry(model):
    repo, files = hub_file(model.name, model.tag)
    assert repo == model.hub_repo
    assert files[0] == "open_clip_model.safetensors"
    checked = validate_spec(model.spec)
    assert (checked.kind, checked.hub_repo, checked.known) == ("name", model.hub_repo, model)
    assert model.download_mb > 0 and model.cpu_photos_per_s > 0 and model.good_for


def test_known_models_have_a_tower_tuning_supports():
    import open_clip

    for model in KNOWN_MODELS:
        cfg = open_clip.get_model_config(model.name)
        assert "timm_model_name" not in cfg["vision_cfg"], model.spec  # open_clip's own ViT
        assert "hf_model_name" not in cfg["text_cfg"], model.spec  # open_clip's own text transformer


def test_find_known_takes_the_spec_or_the_hub_repository():
    assert find_known("ViT-B-32:laion2b_s34b_b79k") is default_model()
    assert find_known("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K") is default_model()
    assert find_known("ViT-B-32") is None


def test_hub_file_explains_unknown_pairs():
    with pytest.raises(MoodPlayerError, match="unknown pretrained tag 'nope'"):
        hub_file("ViT-B-32", "nope")
    with pytest.raises(MoodPlayerError, match="unknown open_clip model"):
        hub_file("ViT-Nope", "x")


def test_a_name_without_weights_is_refused_with_a_suggestion():
    with pytest.raises(ModelLoadError) as err:
        validate_spec("ViT-B-32")
    text = str(err.value)
    assert "random weights" in text
    assert "ViT-B-32:laion2b_s34b_b79k" in text  # what to write instead


@pytest.mark.parametrize("spec, message", [
    ("", "no model given"),
    ("ViT-Nope-99:laion2b", "unknown open_clip model"),
    ("ViT-B-32:no_such_tag", "unknown pretrained tag"),
    ("hf-hub:not a repo", "not a Hugging Face repository"),
    ("local-dir:/no/such/folder", "does not exist"),
])
def test_specs_that_cannot_work_are_refused(spec, message):
    with pytest.raises(ModelLoadError, match=message):
        validate_spec(spec)


def test_local_folders_are_checked(tiny_model_dir, tmp_path):
    checked = validate_spec(f"local-dir:{tiny_model_dir}")
    assert (checked.kind, checked.folder) == ("local", tiny_model_dir)
    assert validate_spec(str(tiny_model_dir)).spec == f"local-dir:{tiny_model_dir}"  # a bare folder
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match="open_clip_config.json is missing"):
        validate_spec(f"local-dir:{tmp_path / 'empty'}")
    (tmp_path / "empty" / "open_clip_config.json").write_text("{}")
    with pytest.raises(ModelLoadError, match="has no weights"):
        validate_spec(f"local-dir:{tmp_path / 'empty'}")
    assert validate_spec(f"local-dir:{tmp_path / 'empty'}", check_files=False).kind == "local"


def test_hub_specs_are_accepted_by_form():
    checked = validate_spec(" hf-hub:apple/DFN2B-CLIP-ViT-B-16 ")
    assert (checked.spec, checked.kind, checked.hub_repo) == (
        "hf-hub:apple/DFN2B-CLIP-ViT-B-16", "hub", "apple/DFN2B-CLIP-ViT-B-16")
