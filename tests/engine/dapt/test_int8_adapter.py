"""Adapters on the int8 path: they read through the quantised tower, and tuning gets fp32."""

import pytest
import torch

from moodplayer.engine.dapt.adapter import load_head, save_adapter
from moodplayer.engine.dapt.data import few_shot_split, load_pixels
from moodplayer.engine.dapt.trainer import TuneConfig, train, training_backbone
from moodplayer.engine.emotions.embedding_cache import model_fingerprint
from moodplayer.engine.vision.int8 import available_engines, is_quantized
from moodplayer.engine.vision.model import load_model

pytestmark = pytest.mark.skipif(not available_engines(), reason="no int8 engine in this PyTorch")


@pytest.fixture(scope="module")
def int8_model(pretrained_spec):
    return load_model(pretrained_spec, device="cpu", precision="int8")


def test_a_visual_prompt_adapter_reads_the_same_on_int8(tmp_path, pretrained_model, int8_model,
                                                        taxonomy, synthetic_set):
    train_set, test_set = few_shot_split(synthetic_set, 4, seed=0)[:2]
    result = train(pretrained_model, taxonomy, train_set,
                   TuneConfig(method="dapt", epochs=3), "cpu")
    path = save_adapter(result.adapter, tmp_path / "a.safetensors")
    fp32_head = load_head(path, pretrained_model, taxonomy)
    int8_head = load_head(path, int8_model, taxonomy)
    assert int8_head.learner.visual_ctx is not None  # the prompts go through the int8 tower
    pixels, _ = load_pixels(test_set, pretrained_model.preprocess, pretrained_model.image_size)
    with torch.inference_mode():
        a = fp32_head.encode_images(pixels)
        b = int8_head.encode_images(pixels)
        same_top = (fp32_head.logits(a).argmax(-1) == int8_head.logits(b).argmax(-1)).float()
    cosine = torch.nn.functional.cosine_similarity(a, b, dim=-1)
    assert cosine.min() > 0.98, cosine.min()
    assert same_top.mean() >= 0.9, same_top.mean()


def test_tuning_an_int8_model_runs_on_fp32_weights(int8_model, pretrained_model):
    clip = training_backbone(int8_model, "cpu")
    assert not is_quantized(clip)
    for (name, a), b in zip(clip.state_dict().items(), pretrained_model.model.state_dict().values()):
        assert torch.equal(a, b), name  # the weights as saved, not dequantised ones


def test_int8_features_are_cached_apart_from_fp32(int8_model, pretrained_model):
    a, b = model_fingerprint(int8_model), model_fingerprint(pretrained_model)
    assert a != b and a == model_fingerprint(int8_model)
