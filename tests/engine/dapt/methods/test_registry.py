"""The tuning-method registry: names, defaults, and adding a method in one module."""

import pytest
import torch

from moodplayer.engine.dapt import methods
from moodplayer.engine.dapt.adapter import METHODS, load_head, save_adapter
from moodplayer.engine.dapt.evaluation import EVAL_METHODS
from moodplayer.engine.dapt.methods import registry
from moodplayer.engine.dapt.methods.linear import Linear
from moodplayer.engine.dapt.trainer import DEFAULT_LR, TuneConfig, train
from moodplayer.engine.errors import MoodPlayerError


def test_registered_methods_and_their_defaults():
    assert METHODS == ("dapt", "coop", "linear") == methods.names(trainable=True)
    assert set(EVAL_METHODS) == {"zero-shot", *METHODS} and EVAL_METHODS[0] == "zero-shot"
    assert DEFAULT_LR == {"dapt": 0.006, "coop": 0.006, "linear": 0.5}
    for name in METHODS:  # every method can be searched; the default is inside its grid
        spec = methods.find(name)
        assert spec.lr_grid[0] <= spec.default_lr <= spec.lr_grid[-1]
    assert methods.find("dapt").visual_scales and not methods.find("coop").visual_scales
    assert methods.find("zero-shot").trainable is False and methods.find("nope") is None


def test_each_method_resolves_its_own_config():
    dapt, coop, linear = (TuneConfig(method=m).resolved() for m in METHODS)
    # template prompts: the template's own words are the context, no shared vectors
    assert (dapt.n_text, dapt.n_visual, dapt.beta_v, dapt.beta_t, dapt.lr) == (0, 16, 0.1, 0.1, 0.006)
    assert (coop.n_text, coop.n_visual, coop.beta_v, coop.beta_t, coop.lr) == (0, 0, 0, 0, 0.006)
    assert (linear.n_text, linear.n_visual, linear.beta_v, linear.lr) == (0, 0, 0, 0.5)
    shared = TuneConfig(method="coop", text_prompts="shared").resolved()
    assert shared.n_text == 16
    with pytest.raises(MoodPlayerError, match="use dapt, coop, linear"):
        TuneConfig(method="zero-shot").resolved()  # nothing to tune


def test_names_are_unique():
    with pytest.raises(ValueError, match="taken"):
        registry.register(Linear())


@pytest.fixture
def scratch_registry(monkeypatch):
    """Methods registered in a test disappear after it."""
    monkeypatch.setattr(registry, "_METHODS", dict(registry._METHODS))


def test_a_new_method_is_one_class_and_one_register_call(scratch_registry, tmp_path, tiny_model,
                                                         taxonomy, synthetic_set):
    class Slow(Linear):
        name = "slow-linear"
        default_lr = 0.05

    methods.register(Slow())
    assert "slow-linear" in methods.names(trainable=True)
    assert TuneConfig(method="slow-linear").resolved().lr == 0.05
    result = train(tiny_model, taxonomy, synthetic_set, TuneConfig(method="slow-linear", epochs=1),
                   "cpu")
    path = save_adapter(result.adapter, tmp_path / "slow.safetensors")
    head = load_head(path, tiny_model, taxonomy)  # the adapter file knows the new method
    pixels = torch.zeros(2, 3, tiny_model.image_size, tiny_model.image_size)
    assert head.logits(head.encode_images(pixels)).shape == (2, len(taxonomy))
