"""The zero-shot extractor and the batch combine."""

import numpy as np
import pytest
import torch
from PIL import Image

from moodplayer.engine.emotions.extractor import ZeroShotHead, class_text_features
from moodplayer.engine.emotions.result import EmotionResult, combine


def photos(tmp_path, n=5):
    paths = []
    rng = np.random.default_rng(0)
    for i in range(n):
        a = (rng.random((48 + 8 * i, 64, 3)) * 255).astype(np.uint8)
        p = tmp_path / f"p{i}.jpg"
        Image.fromarray(a).save(p)
        paths.append(p)
    return paths


def test_probabilities_sum_to_one_and_order_is_kept(extractor, tmp_path):
    paths = photos(tmp_path)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"nope")
    inputs = paths[:2] + [bad] + paths[2:]
    analysis = extractor.analyze_paths(inputs)
    assert [p.path for p in analysis.photos] == [str(p) for p in inputs]
    assert analysis.photos[2].result is None and "not an image" in analysis.photos[2].error
    for ph in analysis.ok:
        assert sum(ph.result.emotions.values()) == pytest.approx(1.0, abs=1e-6)
        assert list(ph.result.emotions) == extractor.taxonomy.names
        assert ph.result.top[0] == max(ph.result.emotions, key=ph.result.emotions.get)
    assert len(analysis.ok) == 5 and analysis.combined is not None


def test_valence_arousal_follow_the_taxonomy_points(extractor, taxonomy, tmp_path):
    points = np.array([[e.valence, e.arousal] for e in taxonomy.emotions])
    for ph in extractor.analyze_paths(photos(tmp_path, 3)).ok:
        expected = ph.result.probs() @ points
        assert (ph.result.valence, ph.result.arousal) == pytest.approx(tuple(expected))
    for i, e in enumerate(taxonomy.emotions):  # a certain result sits on its emotion's point
        r = EmotionResult.from_probs(np.eye(len(taxonomy))[i], taxonomy)
        assert r.valence == pytest.approx(e.valence) and r.arousal == pytest.approx(e.arousal)
        assert r.confidence == pytest.approx(1.0) and r.top[0] == e.name
    flat = EmotionResult.from_probs(np.ones(len(taxonomy)), taxonomy)
    assert flat.confidence == pytest.approx(0.0, abs=1e-9)


def test_batched_equals_one_by_one(extractor, tmp_path):
    paths = photos(tmp_path, 6)
    batched = extractor.analyze_paths(paths)
    for p, b in zip(paths, batched.photos):
        single = extractor.analyze_paths([p]).photos[0]
        assert single.result.probs() == pytest.approx(b.result.probs(), abs=1e-5)


def test_zero_shot_head_scores_against_prompt_ensemble(tiny_model, taxonomy):
    text = class_text_features(tiny_model, taxonomy)
    assert text.shape == (len(taxonomy), tiny_model.embed_dim)
    head = ZeroShotHead(tiny_model, taxonomy)
    feats = text[[3, 6]]  # image features equal to a class's text feature
    assert head.logits(feats).argmax(-1).tolist() == [3, 6]


def test_combine_weights_confident_photos_and_keeps_all(taxonomy):
    n = len(taxonomy)
    sure_sad = EmotionResult.from_probs(np.eye(n)[taxonomy.index("sadness")] * 0.93 + 0.01, taxonomy)
    unsure_fun = EmotionResult.from_probs(np.full(n, 1.0) + np.eye(n)[0] * 0.5, taxonomy)
    mixed = combine([sure_sad, unsure_fun], taxonomy)
    assert mixed.top[0] == "sadness"
    assert mixed.emotions["amusement"] > sure_sad.emotions["amusement"]  # the other still counts
    assert sum(mixed.emotions.values()) == pytest.approx(1.0)
    lo, hi = sorted([sure_sad.valence, unsure_fun.valence])
    assert lo <= mixed.valence <= hi
    assert combine([], taxonomy) is None
    same = combine([sure_sad, sure_sad], taxonomy)
    assert same.probs() == pytest.approx(sure_sad.probs())


def test_combined_embedding_is_normalised(extractor, tmp_path):
    analysis = extractor.analyze_paths(photos(tmp_path, 3))
    e = analysis.combined.embedding
    assert e is not None and np.linalg.norm(e) == pytest.approx(1.0, abs=1e-5)


def test_analyze_in_memory_images(extractor):
    res = extractor.analyze_images([Image.new("RGB", (40, 40), (200, 10, 10)),
                                    Image.new("L", (50, 30), 20)])
    assert len(res) == 2 and all(abs(sum(r.emotions.values()) - 1) < 1e-6 for r in res)
    assert extractor.analyze_images([]) == []


def test_prompts_read_over_the_positions_they_use_give_the_full_pass_features(tiny_model,
                                                                              taxonomy):
    from moodplayer.engine.emotions.extractor import encode_prompts

    prompts = [p for e in taxonomy.emotions for p in taxonomy.prompts(e)]
    assert len(tiny_model.tokenizer(prompts)[0]) == 77  # what the full pass runs
    short = encode_prompts(tiny_model, prompts)
    full = tiny_model.encode_text(prompts)
    assert short.shape == full.shape and short.dtype == torch.float32
    assert torch.allclose(short, full, atol=1e-5)
    # Prompts of different lengths in one batch each read their own end token.
    mixed = ["a photo", "a very long description of a photo that makes someone feel calm"]
    assert torch.allclose(encode_prompts(tiny_model, mixed), tiny_model.encode_text(mixed),
                          atol=1e-5)
