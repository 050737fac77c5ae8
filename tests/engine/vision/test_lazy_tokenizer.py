"""The model's tokenizer is built on first use, and then is the real one."""

import torch

from moodplayer.engine.vision.lazy_tokenizer import LazyTokenizer
from moodplayer.engine.vision.model import load_model


def test_loading_a_model_builds_no_tokenizer_and_the_first_use_does(tiny_spec):
    import open_clip

    model = load_model(tiny_spec, device="cpu", precision="fp32")
    assert isinstance(model.tokenizer, LazyTokenizer) and not model.tokenizer.built
    tokens = model.tokenizer(["a calm lake", "a storm"])
    assert model.tokenizer.built
    real = open_clip.get_tokenizer(f"local-dir:{tiny_spec.partition(':')[2]}")
    assert torch.equal(tokens, real(["a calm lake", "a storm"]))
    assert model.tokenizer.context_length == real.context_length  # attributes pass through


def test_it_is_built_once():
    built = []
    lazy = LazyTokenizer(lambda: built.append(1) or (lambda texts: len(texts)))
    assert lazy(["a", "b"]) == 2 and lazy(["c"]) == 1 and built == [1]
