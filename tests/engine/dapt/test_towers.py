import torch

from moodplayer.engine.dapt.towers import encode_embedded


def test_cutting_after_the_last_end_token_changes_nothing(tiny_model):
    """The text tower runs on 14 tokens instead of 77: the features must not move."""
    tokens = tiny_model.tokenizer(["a photo that evokes awe.", "this scene feels like quiet happiness."])
    with torch.no_grad():
        ours = encode_embedded(tiny_model.model, tiny_model.model.token_embedding(tokens), tokens)
        theirs = tiny_model.model.encode_text(tokens)
    assert int(tokens.argmax(-1).max()) < 20  # so the cut is real
    assert torch.allclose(ours, theirs, atol=1e-5)
