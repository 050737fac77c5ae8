import torch

from moodplayer.engine.dapt import text_context
from moodplayer.engine.emotions.extractor import class_text_features


def test_every_template_and_word_at_their_start_is_the_zero_shot_ensemble(tiny_model, taxonomy):
    layout = text_context.template_layout(tiny_model.model, tiny_model.tokenizer, taxonomy,
                                          range(len(taxonomy.templates)), all_words=True)
    assert len(layout.tokens) == len(taxonomy) * len(taxonomy.templates) * 4  # 4 words each
    with torch.no_grad():
        ours = text_context.class_features(tiny_model.model, layout, layout.start)
    assert torch.allclose(ours, class_text_features(tiny_model, taxonomy), atol=1e-5)


def test_slots_are_the_template_words_around_the_emotion_word(tiny_model, taxonomy):
    t = taxonomy.templates.index("a photo that evokes {}.")
    layout = text_context.template_layout(tiny_model.model, tiny_model.tokenizer, taxonomy, [t],
                                          all_words=False)
    row = taxonomy.names.index("awe")
    tokens = tiny_model.tokenizer(["a photo that evokes awe."])[0]
    assert torch.equal(layout.tokens[row], tokens)
    before = tiny_model.tokenizer(["a photo that evokes"])[0]
    n = int(before.argmax()) - 1  # its tokens, "evokes" may be more than one
    # SOT, then "a photo that evokes" learned, "awe" frozen, "." learned, EOT frozen
    assert layout.slots[row, :n + 4].tolist() == [-1, *range(n), -1, n, -1]
    assert layout.n_slots == n + 1 and layout.slots[row, n + 3:].max() == -1


def test_the_closest_template_is_the_one_most_like_the_ensemble(tiny_model, taxonomy):
    anchor = text_context.ensemble_features(tiny_model.model, tiny_model.tokenizer, taxonomy)
    chosen = text_context.closest_template(tiny_model.model, tiny_model.tokenizer, taxonomy, anchor)
    cosines = []
    for t in range(len(taxonomy.templates)):
        feats = tiny_model.encode_text([taxonomy.templates[t].format(n) for n in taxonomy.names])
        cosines.append(float((feats * anchor).sum(-1).mean()))
    assert chosen == max(range(len(cosines)), key=cosines.__getitem__)
