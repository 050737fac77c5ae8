"""The int8 image tower: attention rebuilt exactly, every Linear quantised, features kept."""

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from moodplayer.engine.vision.int8 import (ProjectedAttention, available_engines, is_quantized,
                                           quantize_tower, rebuild_attention)
from moodplayer.engine.vision.model import load_model

needs_int8 = pytest.mark.skipif(not available_engines(), reason="no int8 engine in this PyTorch")


@pytest.mark.parametrize("batch_first", [True, False])
@pytest.mark.parametrize("mask_kind", [None, "float", "bool"])
def test_projected_attention_equals_multihead_attention(batch_first, mask_kind):
    torch.manual_seed(0)
    mha = nn.MultiheadAttention(48, 4, batch_first=batch_first).eval()
    x = torch.randn(3, 10, 48) if batch_first else torch.randn(10, 3, 48)
    mask = None
    if mask_kind == "float":
        mask = torch.randn(10, 10)
    elif mask_kind == "bool":
        mask = torch.rand(10, 10) > 0.7
        mask.fill_diagonal_(False)  # every token may still see itself
    want = mha(x, x, x, need_weights=False, attn_mask=mask)[0]
    got, weights = ProjectedAttention(mha)(x, x, x, need_weights=False, attn_mask=mask)
    assert weights is None
    torch.testing.assert_close(got, want, atol=1e-5, rtol=1e-4)


def test_projected_attention_refuses_cross_attention():
    mha = nn.MultiheadAttention(16, 2, batch_first=True)
    a, b = torch.randn(1, 4, 16), torch.randn(1, 4, 16)
    with pytest.raises(ValueError, match="self-attention"):
        ProjectedAttention(mha)(a, b, b)


def test_rebuilt_tower_gives_the_same_features(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="fp32")
    pixels = torch.randn(4, 3, model.image_size, model.image_size)
    with torch.inference_mode():
        before = model.model.visual(pixels)
        assert rebuild_attention(model.model.visual) == 2  # the tiny tower's two blocks
        after = model.model.visual(pixels)
    assert not any(isinstance(m, nn.MultiheadAttention) for m in model.model.visual.modules())
    torch.testing.assert_close(after, before, atol=1e-5, rtol=1e-4)


@needs_int8
def test_quantized_tower_has_no_float_linear_left_and_keeps_features(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="fp32")
    visual = model.model.visual
    pixels = torch.randn(8, 3, model.image_size, model.image_size)
    with torch.inference_mode():
        before = F.normalize(visual(pixels), dim=-1)
        quantize_tower(visual, available_engines()[0])
        after = F.normalize(visual(pixels), dim=-1)
    assert is_quantized(visual)
    assert not [m for m in visual.modules() if type(m) in (nn.Linear, nn.MultiheadAttention)]
    assert (before * after).sum(-1).min() > 0.99


@needs_int8
def test_int8_precision_loads_on_the_cpu_with_fp32_activations(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="int8")
    assert model.precision == "int8" and model.dtype == torch.float32
    assert is_quantized(model.model.visual) and not is_quantized(model.model.transformer)
    feats = model.encode_images(torch.randn(2, 3, model.image_size, model.image_size))
    assert feats.shape == (2, model.embed_dim)
    torch.testing.assert_close(feats.norm(dim=-1), torch.ones(2))


def test_unknown_engine_is_refused(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="fp32")
    with pytest.raises(RuntimeError, match="no 'nope' int8 engine"):
        quantize_tower(model.model.visual, "nope")


def test_attention_outside_self_attention_blocks_is_left_alone():
    from open_clip.transformer import ResidualAttentionBlock

    plain = nn.Sequential(nn.MultiheadAttention(16, 2))  # e.g. a pooler reading another sequence
    cross = ResidualAttentionBlock(16, 2, is_cross_attention=True)
    own = ResidualAttentionBlock(16, 2)
    assert rebuild_attention(plain) == 0 and rebuild_attention(cross) == 0
    assert rebuild_attention(own) == 1 and isinstance(own.attn, ProjectedAttention)


@needs_int8
def test_our_conversion_equals_pytorchs_quantize_dynamic(tiny_spec):
    import copy
    import warnings

    from torch.ao.quantization import quantize_dynamic

    model = load_model(tiny_spec, device="cpu", precision="fp32")
    ours = copy.deepcopy(model.model.visual)
    theirs = copy.deepcopy(model.model.visual)
    quantize_tower(ours, "x86" if "x86" in available_engines() else available_engines()[0])
    rebuild_attention(theirs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantize_dynamic(theirs, {nn.Linear}, dtype=torch.qint8, inplace=True)
    pixels = torch.randn(4, 3, model.image_size, model.image_size)
    with torch.inference_mode():
        torch.testing.assert_close(ours(pixels), theirs(pixels), atol=1e-6, rtol=1e-5)
    mine = dict(ours.named_modules())
    for name, m in theirs.named_modules():
        if hasattr(m, "weight") and callable(m.weight):  # the int8 Linears
            assert torch.equal(mine[name].weight().int_repr(), m.weight().int_repr()), name
