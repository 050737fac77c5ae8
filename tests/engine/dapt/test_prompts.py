import pytest
import torch
import torch.nn.functional as F

from moodplayer.engine.dapt.baselines import zero_shot_head
from moodplayer.engine.dapt.prompts import (PromptLearner, PromptSpec, UnsupportedBackbone,
                                            check_supported)


def _probabilities(learner, model, pixels):
    with torch.no_grad():
        img = F.normalize(learner.image_features(model.model, pixels).float(), dim=-1)
        return torch.softmax(model.model.logit_scale.exp() * img @ learner.text_features(model.model).T, -1)


@pytest.fixture(scope="module")
def pixels(tiny_model):
    return torch.randn(6, 3, tiny_model.image_size, tiny_model.image_size,
                       generator=torch.Generator().manual_seed(0))


@pytest.mark.parametrize("text", ["anchored", "ensemble"])
def test_an_untrained_learner_reads_exactly_as_zero_shot(tiny_model, taxonomy, pixels, text):
    head = zero_shot_head(tiny_model, taxonomy)
    expected = torch.softmax(head.logits(head.encode_images(pixels)), -1)
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy,
                            PromptSpec(text=text, n_visual=16), torch.Generator().manual_seed(0))
    assert float((_probabilities(learner, tiny_model, pixels) - expected).abs().max()) < 1e-4
    learner.visual_gate.data.fill_(1.0)  # open prompts (as in VPT) do change the reading
    assert float((_probabilities(learner, tiny_model, pixels) - expected).abs().max()) > 1e-3


def test_a_closed_gate_still_gets_a_gradient(tiny_model, taxonomy, pixels):
    """At exactly 0 the gate must still learn, or the visual prompts never open."""
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy, PromptSpec(n_visual=4),
                            torch.Generator().manual_seed(0))
    img = F.normalize(learner.image_features(tiny_model.model, pixels).float(), dim=-1)
    F.cross_entropy(100 * img @ learner.text_features(tiny_model.model).T,
                    torch.arange(6) % len(taxonomy)).backward()
    assert float(learner.visual_gate.grad.abs().min()) > 0


def test_anchored_context_starts_as_the_closest_templates_words(tiny_model, taxonomy):
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy, PromptSpec(n_visual=0))
    template = taxonomy.templates[learner.spec.template]
    words = tiny_model.tokenizer([template.replace("{}", "").replace(" .", ".")])[0]
    ids = words[1:int(words.argmax())]
    expected = tiny_model.model.token_embedding(ids)
    assert torch.allclose(learner.template_ctx, expected) and learner.visual_ctx is None
    assert {n for n, _ in learner.named_parameters()} == {"template_ctx"}


def test_shared_context_set_to_real_words_reproduces_the_sentence(tiny_model):
    class Names:
        names = ["awe", "sadness", "quiet happiness"]

    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, Names,
                            PromptSpec(text="shared", n_text=3, n_visual=0))
    words = tiny_model.tokenizer(["a photo of"])[0][1:4]
    with torch.no_grad():
        learner.text_ctx.copy_(tiny_model.model.token_embedding(words))
        ours = learner.text_features(tiny_model.model)
        theirs = tiny_model.model.encode_text(
            tiny_model.tokenizer([f"a photo of {n}." for n in Names.names]))
    assert torch.allclose(ours, F.normalize(theirs, dim=-1), atol=1e-5)


def test_without_visual_prompts_the_image_path_equals_open_clip(tiny_model, taxonomy, pixels):
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy, PromptSpec(n_visual=0))
    with torch.no_grad():
        assert torch.allclose(learner.image_features(tiny_model.model, pixels),
                              tiny_model.model.encode_image(pixels), atol=1e-6)


def test_only_prompts_are_parameters_and_they_round_trip(tiny_model, taxonomy):
    spec = PromptSpec(n_visual=16)
    learner = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy, spec,
                            torch.Generator().manual_seed(0))
    names = {"template_ctx", "visual_ctx", "visual_gate"}
    assert {n for n, _ in learner.named_parameters()} == names == set(learner.state_dict())
    tensors = learner.prompt_tensors()
    with torch.no_grad():
        learner.visual_gate.add_(0.5)  # the saved copy must not follow the live parameter
    assert float(tensors["visual_gate"].abs().max()) == 0.0
    other = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy, spec)
    other.load_prompt_tensors(learner.prompt_tensors())
    assert torch.equal(other.visual_gate, learner.visual_gate)


def test_a_non_vit_image_tower_is_refused():
    class FakeClip(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = torch.nn.Conv2d(3, 4, 3)  # like a ResNet tower: no class token

    with pytest.raises(UnsupportedBackbone, match="Vision Transformer"):
        check_supported(FakeClip())
