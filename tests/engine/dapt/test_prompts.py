import pytest
import torch

from moodplayer.engine.dapt.prompts import PromptLearner, UnsupportedBackbone, check_supported


def test_without_visual_prompts_the_image_path_equals_open_clip(tiny_model):
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, ["awe", "fear"], 2, 0)
    pixels = torch.randn(3, 3, 32, 32)
    with torch.no_grad():
        ours = learner.image_features(tiny_model.model, pixels)
        theirs = tiny_model.model.encode_image(pixels)
    assert torch.allclose(ours, theirs, atol=1e-6)


def test_context_set_to_real_words_reproduces_the_sentence(tiny_model):
    names = ["awe", "sadness", "quiet happiness"]
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, names, 3, 0)
    words = tiny_model.tokenizer(["a photo of"])[0][1:4]
    with torch.no_grad():
        learner.text_ctx.copy_(tiny_model.model.token_embedding(words))
        ours = learner.text_features(tiny_model.model)
        theirs = tiny_model.model.encode_text(tiny_model.tokenizer([f"a photo of {n}." for n in names]))
    assert torch.allclose(ours, theirs, atol=1e-5)


def test_visual_prompts_change_the_features_and_only_prompts_are_parameters(tiny_model):
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, ["awe", "fear"], 16, 16,
                            generator=torch.Generator().manual_seed(0))
    assert {n for n, _ in learner.named_parameters()} == {"text_ctx", "visual_ctx"}
    assert set(learner.state_dict()) == {"text_ctx", "visual_ctx"}
    pixels = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        assert not torch.allclose(learner.image_features(tiny_model.model, pixels),
                                  tiny_model.model.encode_image(pixels))


def test_a_non_vit_image_tower_is_refused():
    class FakeClip(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = torch.nn.Conv2d(3, 4, 3)  # like a ResNet tower: no class token

    with pytest.raises(UnsupportedBackbone, match="Vision Transformer"):
        check_supported(FakeClip())
