"""DAPT on the pretrained tiny CLIP under a distribution shift (see pretrain.py).

Pretrained on vivid photos (domain A), tuned and scored on faded ones
(domain B, ``faded_set``): zero-shot reads domain B imperfectly, prompt
tuning must close the gap. Settings for the tiny model: lr 0.001 (its token
embeddings have row norm ~0.15; larger rates blow the context off that
scale), 40 epochs, 8 shots per class, split seed 1.
"""

import pytest
import torch

from moodplayer.engine.dapt.adapter import make_head
from moodplayer.engine.dapt.baselines import zero_shot_head
from moodplayer.engine.dapt.data import few_shot_split, load_pixels, load_labelled
from moodplayer.engine.dapt.evaluation import score_head
from moodplayer.engine.dapt.trainer import TuneConfig, train

TINY = dict(lr=0.001, epochs=40, seed=1)


@pytest.fixture(scope="module")
def split(faded_set):
    return few_shot_split(faded_set, 8, seed=1)


@pytest.fixture(scope="module")
def coop(pretrained_model, taxonomy, split):
    return train(pretrained_model, taxonomy, split[0], TuneConfig(method="coop", **TINY), "cpu")


@pytest.fixture(scope="module")
def dapt(pretrained_model, taxonomy, split):
    # The DAPT authors' Caltech101 betas (VIS_BETA 10, TXT_BETA 0.01).
    return train(pretrained_model, taxonomy, split[0],
                 TuneConfig(method="dapt", beta_v=10.0, beta_t=0.01, **TINY), "cpu")


def test_pretrained_model_reads_its_own_domain_and_the_shifted_one_worse(
        pretrained_model, taxonomy, tmp_path, split):
    from synthetic import write_image_folder

    vivid = load_labelled(write_image_folder(tmp_path / "vivid", taxonomy.names, 6, seed=5), taxonomy)
    head = zero_shot_head(pretrained_model, taxonomy)
    on_a = score_head(head, pretrained_model, vivid)["accuracy"]
    on_b = score_head(head, pretrained_model, split[1])["accuracy"]
    assert on_a >= 0.9 and 0.3 <= on_b <= on_a - 0.1, (on_a, on_b)


def test_dapt_beats_the_untuned_model_on_held_out_photos(pretrained_model, taxonomy, split, dapt):
    untuned = score_head(zero_shot_head(pretrained_model, taxonomy), pretrained_model,
                         split[1])["accuracy"]
    tuned = score_head(make_head(dapt.adapter, pretrained_model, taxonomy), pretrained_model,
                       split[1])["accuracy"]
    assert tuned >= untuned + 0.15, (untuned, tuned)  # measured 0.72 -> 0.95


def test_only_prompts_change_the_backbone_is_bit_identical(pretrained_model, taxonomy, split):
    before = {k: v.clone() for k, v in pretrained_model.model.state_dict().items()}
    result = train(pretrained_model, taxonomy, split[0], TuneConfig(method="dapt", **TINY), "cpu")
    after = pretrained_model.model.state_dict()
    assert before.keys() == after.keys()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert set(result.adapter.tensors) == {"text_ctx", "visual_ctx"}


def _dispersions(model, taxonomy, train_set, adapter):
    """(mean squared distance of image features to their class mean,
    minimum distance between two class text features)."""
    head = make_head(adapter, model, taxonomy)
    pixels, labels = load_pixels(train_set, model.preprocess, model.image_size)
    feats = head.encode_images(pixels)
    centres = torch.stack([feats[labels == c].mean(0) for c in range(len(taxonomy))])
    intra = float(((feats - centres[labels]) ** 2).sum(-1).mean())
    dist = torch.cdist(head.text, head.text) + torch.eye(len(head.text)) * 10
    return intra, float(dist.min())


def test_text_features_spread_further_than_coop(pretrained_model, taxonomy, split, coop, dapt):
    _, coop_min = _dispersions(pretrained_model, taxonomy, split[0], coop.adapter)
    _, dapt_min = _dispersions(pretrained_model, taxonomy, split[0], dapt.adapter)
    assert dapt_min > coop_min, (dapt_min, coop_min)  # measured 0.5875 vs 0.5628


@pytest.mark.xfail(strict=True, reason="known gap: on the tiny model at lr 0.001 the visual "
                   "prompts barely move the features (intra 0.0221 DAPT vs 0.0208 CoOp, "
                   "beta_v 10; 0.0208 at beta_v 1000)")
def test_image_features_cluster_tighter_than_coop(pretrained_model, taxonomy, split, coop, dapt):
    coop_intra, _ = _dispersions(pretrained_model, taxonomy, split[0], coop.adapter)
    dapt_intra, _ = _dispersions(pretrained_model, taxonomy, split[0], dapt.adapter)
    assert dapt_intra < coop_intra, (dapt_intra, coop_intra)
