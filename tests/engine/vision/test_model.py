"""Model specs, devices, precision and the offline path."""

import json

import pytest
import torch

from moodplayer.engine.errors import ModelLoadError, ModelNotAvailable
from moodplayer.engine.vision import model as vm
from moodplayer.engine.vision.model import ModelSpec, load_model, pick_device, pick_precision


def test_spec_forms(tmp_path):
    assert ModelSpec.parse("ViT-B-32:laion2b_s34b_b79k") == ModelSpec(
        "ViT-B-32:laion2b_s34b_b79k", "name", "ViT-B-32", "laion2b_s34b_b79k")
    hub = ModelSpec.parse("hf-hub:apple/DFN2B-CLIP-ViT-B-16")
    assert (hub.kind, hub.name, hub.open_clip_name()) == ("hub", "apple/DFN2B-CLIP-ViT-B-16",
                                                          "hf-hub:apple/DFN2B-CLIP-ViT-B-16")
    local = ModelSpec.parse(f"local-dir:{tmp_path}")
    assert local.kind == "local" and local.open_clip_name() == f"local-dir:{tmp_path}"
    assert ModelSpec.parse(str(tmp_path)).kind == "local"  # a bare folder path works too
    with pytest.raises(ModelLoadError):
        ModelSpec.parse("  ")


def test_tiny_model_loads_through_local_dir(tiny_model, tiny_model_dir):
    assert tiny_model.spec.kind == "local"
    assert tiny_model.image_size == 32 and tiny_model.embed_dim == 32
    assert not any(p.requires_grad for p in tiny_model.model.parameters())
    feats = tiny_model.encode_text(["a happy photo", "a sad photo"])
    assert feats.shape == (2, 32)
    assert torch.allclose(feats.norm(dim=-1), torch.ones(2), atol=1e-5)
    assert not torch.allclose(feats[0], feats[1])


def test_weights_really_come_from_the_folder(tiny_model_dir, tiny_model_cfg, tmp_path):
    """Two folders with different seeds must give different features."""
    other = vm.save_model_folder(tmp_path / "other", tiny_model_cfg, seed=1)
    a = load_model(f"local-dir:{tiny_model_dir}", "cpu", "fp32").encode_text(["x"])
    b = load_model(f"local-dir:{other}", "cpu", "fp32").encode_text(["x"])
    assert not torch.allclose(a, b)


def test_bf16_weights_give_close_features(tiny_spec, tiny_model):
    bf = load_model(tiny_spec, "cpu", "bf16")
    assert bf.dtype == torch.bfloat16
    px = torch.rand(2, 3, 32, 32)
    cos = (bf.encode_images(px) * tiny_model.encode_images(px)).sum(-1)
    assert bool((cos > 0.98).all())


def test_device_and_precision_choice(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device("auto").type in ("cpu", "mps")
    assert pick_device("cpu") == torch.device("cpu")
    with pytest.raises(ModelLoadError, match="no CUDA GPU"):
        pick_device("cuda")
    with pytest.raises(ModelLoadError, match="unknown device"):
        pick_device("tpu")
    assert pick_precision(torch.device("cuda"), "auto") == torch.float16
    assert pick_precision(torch.device("cpu"), "fp32") == torch.float32
    monkeypatch.setattr(vm, "cpu_has_fast_bf16", lambda: True)
    assert pick_precision(torch.device("cpu"), "auto") == torch.bfloat16
    monkeypatch.setattr(vm, "cpu_has_fast_bf16", lambda: False)
    assert pick_precision(torch.device("cpu"), "auto") == torch.float32


def test_offline_without_cached_weights_explains_what_to_do(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable) as err:
        load_model("ViT-B-32:laion2b_s34b_b79k", "cpu")
    text = str(err.value)
    assert "ViT-B-32" in text and "laion2b_s34b_b79k" in text
    assert str(vm.paths.models_dir()) in text  # where it looked
    assert "MOODPLAYER_MODEL" in text and "local-dir:" in text  # how to fix
    assert "\n" not in text  # one paragraph


def test_bad_specs_are_explained(tmp_path):
    with pytest.raises(ModelLoadError, match="unknown open_clip model"):
        load_model("ViT-Nope-1:foo", "cpu")
    with pytest.raises(ModelLoadError, match="unknown pretrained tag"):
        load_model("ViT-B-32:not_a_tag", "cpu")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelLoadError, match="not an open_clip model folder"):
        load_model(f"local-dir:{empty}", "cpu")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "open_clip_config.json").write_text(json.dumps({"model_cfg": {"nonsense": 1}}))
    with pytest.raises(ModelLoadError, match="could not load the model folder"):
        load_model(f"local-dir:{broken}", "cpu")
