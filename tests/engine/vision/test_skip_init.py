"""Skipping random init before a strict checkpoint load changes no number, and only this thread."""

import threading

import open_clip
import torch

from moodplayer.engine.vision.model import ModelSpec, load_model
from moodplayer.engine.vision.skip_init import RANDOM_FILLS, skip_random_init, weights_will_load


def test_a_model_loads_to_the_same_numbers(tiny_model_dir):
    fast = load_model(f"local-dir:{tiny_model_dir}", device="cpu", precision="fp32").model
    slow = open_clip.create_model(f"local-dir:{tiny_model_dir}", device="cpu").eval()
    fast_state, slow_state = fast.state_dict(), slow.state_dict()
    assert fast_state.keys() == slow_state.keys()
    for name in slow_state:
        assert torch.equal(fast_state[name], slow_state[name]), name
    for (name, a), (_, b) in zip(fast.named_buffers(), slow.named_buffers()):  # unsaved ones too
        assert torch.equal(a, b), name
    torch.manual_seed(0)
    pixels = torch.rand(2, 3, 32, 32)
    with torch.no_grad():
        assert torch.equal(fast.encode_image(pixels), slow.encode_image(pixels))


FILLS = [("kaiming_uniform_", torch.nn.init), ("normal_", torch.nn.init),
         ("xavier_uniform_", torch.nn.modules.activation)]  # attention binds its fill by name


def filled(sentinel=7.0) -> list:
    """Call each fill the layers call on a tensor of sevens; True where it was left alone."""
    out = []
    for name, module in FILLS:
        t = torch.full((8, 8), sentinel)
        getattr(module, name)(t)
        out.append(bool((t == sentinel).all()))
    return out


def test_only_the_entering_thread_skips_and_everything_is_restored():
    originals = {(m, n): getattr(m, n) for m in (torch.nn.init, torch.nn.modules.activation)
                 for n in RANDOM_FILLS if hasattr(m, n)}
    other = {}
    with skip_random_init():
        mine = filled()
        worker = threading.Thread(target=lambda: other.update(left=filled()))
        worker.start()
        worker.join()
    assert mine == [True, True, True]  # this thread: nothing drawn
    assert other["left"] == [False, False, False]  # another thread drew as usual
    assert all(getattr(m, n) is f for (m, n), f in originals.items())
    assert filled() == [False, False, False]


def test_skipping_is_limited_to_loads_that_overwrite_every_weight(tiny_model_dir, tmp_path):
    assert weights_will_load(ModelSpec.parse(f"local-dir:{tiny_model_dir}"))
    (tmp_path / "open_clip_config.json").write_text("{}")
    assert not weights_will_load(ModelSpec.parse(f"local-dir:{tmp_path}"))  # config only
    assert weights_will_load(ModelSpec.parse("ViT-B-32:laion2b_s34b_b79k"))
    assert not weights_will_load(ModelSpec.parse("ViT-B-32"))  # random weights wanted
    assert not weights_will_load(ModelSpec.parse("hf-hub:org/repo"))  # may go on without weights
