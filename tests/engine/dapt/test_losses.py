import math

import torch

from moodplayer.engine.dapt.losses import (class_prototypes, classification_loss, dapt_loss,
                                           inter_dispersion, intra_dispersion)


def test_cross_entropy_by_hand():
    logits = torch.tensor([[2.0, 0.0], [0.0, 1.0]])
    labels = torch.tensor([0, 0])
    expected = (-math.log(math.e ** 2 / (math.e ** 2 + 1)) - math.log(1 / (1 + math.e))) / 2
    assert math.isclose(float(classification_loss(logits, labels)), expected, rel_tol=1e-6)


def test_intra_dispersion_is_mse_to_own_prototype():
    feats = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    labels = torch.tensor([0, 1, 0])
    protos = torch.tensor([[1.0, 0.5], [0.0, 0.0]])
    # squared errors: (0, .25), (0, 1), (0, .25) -> sum 1.5 over 6 elements
    assert math.isclose(float(intra_dispersion(feats, labels, protos)), 1.5 / 6, rel_tol=1e-6)


def test_inter_dispersion_by_hand():
    t = torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    # squared distances: 2, 4, 2
    expected = (math.exp(-2.0 * 2) + math.exp(-2.0 * 4) + math.exp(-2.0 * 2)) / 3
    assert math.isclose(float(inter_dispersion(t, t=2.0)), expected, rel_tol=1e-5)
    # farther apart -> smaller penalty: the direction DAPT pushes in
    assert float(inter_dispersion(t * 2, t=2.0)) < expected


def test_prototypes_are_class_means():
    feats = torch.tensor([[1.0, 0.0], [3.0, 2.0], [0.0, 5.0]])
    labels = torch.tensor([0, 0, 2])
    protos = class_prototypes(feats, labels, 3)
    assert torch.equal(protos, torch.tensor([[2.0, 1.0], [0.0, 0.0], [0.0, 5.0]]))


def test_total_weights_the_terms():
    logits = torch.tensor([[1.0, 0.0]])
    labels = torch.tensor([0])
    img = torch.tensor([[1.0, 0.0]])
    txt = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    protos = torch.tensor([[0.0, 0.0], [0.0, 0.0]])
    parts = dapt_loss(logits, labels, img, txt, protos, beta_v=0.5, beta_t=0.25, t=1.0)
    expected = float(parts["ce"]) + 0.5 * 0.5 + 0.25 * math.exp(-2.0)
    assert math.isclose(float(parts["total"]), expected, rel_tol=1e-6)
    assert set(dapt_loss(logits, labels, img, txt, protos, 0.0, 0.0)) == {"ce", "total"}
