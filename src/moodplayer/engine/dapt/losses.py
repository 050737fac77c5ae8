"""The three terms of the DAPT loss, as pure functions of tensors.

DAPT (Cho, Kim & Kim, ICCV 2023) adds two "dispersion" terms to CLIP's
cross-entropy:

* intra-dispersion (visual): pull each image feature towards its class
  prototype, the mean frozen-CLIP feature of that class on the training set,
  so the visual prompts make a class's images cluster tighter;
* inter-dispersion (text): a Gaussian-kernel penalty on every pair of class
  text features, so the learned context pushes the classes apart.

Features are expected L2-normalised, as CLIP compares them.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def classification_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy on CLIP's scaled cosine logits, averaged over the batch."""
    return F.cross_entropy(logits.float(), labels)


def intra_dispersion(image_features: torch.Tensor, labels: torch.Tensor,
                     prototypes: torch.Tensor) -> torch.Tensor:
    """MSE between each image feature and its class prototype.

    Averaged over every element (batch x dimension), as torch's ``mse_loss``
    does: the paper's beta_v values are tuned for that scale.
    """
    return F.mse_loss(image_features.float(), prototypes[labels].float())


def inter_dispersion(text_features: torch.Tensor, t: float = 2.0) -> torch.Tensor:
    """Mean over unordered class pairs of exp(-t * ||t_i - t_j||^2).

    Close pairs cost up to 1, far pairs almost nothing: minimising it spreads
    the class text features apart.
    """
    feats = text_features.float()
    if feats.shape[0] < 2:
        return feats.new_zeros(())
    squared = torch.pdist(feats, p=2).pow(2)
    return torch.exp(-t * squared).mean()


def class_prototypes(features: torch.Tensor, labels: torch.Tensor, n_classes: int) -> torch.Tensor:
    """(C, D) per-class mean of (normalised) frozen image features.

    A class absent from the training set gets a zero row; it is never
    indexed, because only labels present in the set appear in batches.
    """
    feats = features.float()
    protos = feats.new_zeros(n_classes, feats.shape[1])
    counts = feats.new_zeros(n_classes)
    protos.index_add_(0, labels, feats)
    counts.index_add_(0, labels, torch.ones_like(labels, dtype=feats.dtype))
    return protos / counts.clamp_min(1)[:, None]


def dapt_loss(logits, labels, image_features, text_features, prototypes,
              beta_v: float = 0.1, beta_t: float = 0.1, t: float = 2.0) -> dict:
    """The full objective and its parts (floats, for logging)."""
    ce = classification_loss(logits, labels)
    total = ce
    parts = {"ce": ce}
    if beta_v:
        iv = intra_dispersion(image_features, labels, prototypes)
        total = total + beta_v * iv
        parts["intra"] = iv
    if beta_t and text_features is not None:
        it = inter_dispersion(text_features, t)
        total = total + beta_t * it
        parts["inter"] = it
    parts["total"] = total
    return parts
