"""A tiny CLIP that has seen the world: contrastive pretraining in seconds.

Prompt tuning only helps a CLIP whose features mean something: on random
weights image features hardly depend on the photo and the class text
features are nearly identical, so no prompt can separate them. So the tests
pretrain the tiny model first, as CLIP itself was made: InfoNCE between
photos and captions, here synthetic photos (``synthetic.make_photo``) and
captions built from the taxonomy's own templates and emotion words, which
is exactly what zero-shot prompts with.

The pretraining photos are "domain A": saturated colours plus the layout
cue. The tests tune and evaluate on "domain B" (faint colour), the
distribution shift DAPT is about: the pretrained model reads domain B
somewhat, prompt tuning has to adapt it.
"""

from __future__ import annotations

import math
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from .synthetic import make_photo

# Domain A: vivid colours; domain B: faded ones (the layout cue stays). The
# captions name faded photos "faded", as web captions name sketches and
# paintings, and name vivid ones only sometimes: the taxonomy's plain prompts
# then mean "a vivid photo", zero-shot reads faded photos poorly, and a
# learned context can find what "faded" meant, as CoOp finds "a sketch of".
VIVID = (0.6, 1.0)
FADED = (0.05, 0.2)
FADED_SHARE = 0.3


def _photos(model, n_classes, per_class, rng, saturation):
    pixels, labels = [], []
    for i in range(per_class):
        for label in range(n_classes):
            sat = float(rng.uniform(*saturation))
            pixels.append(model.preprocess(make_photo(label, n_classes, rng, saturation=sat)))
            labels.append(label)
    return torch.stack(pixels), torch.tensor(labels)


def pretrain(model, taxonomy, steps: int = 150, groups: int = 8, per_class: int = 32,
             lr: float = 2e-3, seed: int = 0) -> float:
    """Train ``model.model`` (a LoadedModel's fp32 CLIP) in place; returns seconds taken.

    Each step holds ``groups`` mini-batches of one photo per class with one
    caption each; InfoNCE runs within each mini-batch, so a class never has a
    second, false "negative" caption of its own in the same softmax.
    """
    started = time.perf_counter()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    n_classes = len(taxonomy)
    pools = {"vivid": _photos(model, n_classes, per_class, rng, VIVID),
             "faded": _photos(model, n_classes, per_class, rng, FADED)}
    by_class = {k: [torch.nonzero(y == c).flatten().tolist() for c in range(n_classes)]
                for k, (_, y) in pools.items()}
    prompts = [taxonomy.prompts(e) for e in taxonomy.emotions]

    clip = model.model.train().requires_grad_(True)
    # open_clip's recipe: no weight decay on gains, biases and the logit scale
    # (decay would pull the temperature back down).
    decay = [p for n, p in clip.named_parameters() if p.ndim >= 2 and "logit_scale" not in n]
    rest = [p for n, p in clip.named_parameters() if p.ndim < 2 or "logit_scale" in n]
    optim = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                               {"params": rest, "weight_decay": 0.0}], lr=lr)
    target = torch.arange(n_classes).repeat(groups)
    for step in range(steps):
        images, captions = [], []
        for _ in range(groups):
            for c in range(n_classes):
                faded = pick.random() < FADED_SHARE
                pool = "faded" if faded else "vivid"
                images.append(pools[pool][0][pick.choice(by_class[pool][c])])
                text = pick.choice(prompts[c])
                if faded:
                    text = "faded, " + text
                elif pick.random() < 0.5:
                    text = "vivid, " + text
                captions.append(text)
        img = F.normalize(clip.encode_image(torch.stack(images)), dim=-1)
        txt = F.normalize(clip.encode_text(model.tokenizer(captions)), dim=-1)
        # (groups, C, C) similarities inside each mini-batch of one photo per class
        logits = clip.logit_scale.exp() * torch.einsum(
            "gid,gjd->gij", img.view(groups, n_classes, -1), txt.view(groups, n_classes, -1))
        per_group = torch.arange(n_classes).expand(groups, -1).reshape(-1)
        loss = (F.cross_entropy(logits.reshape(-1, n_classes), per_group)
                + F.cross_entropy(logits.transpose(1, 2).reshape(-1, n_classes), per_group)) / 2
        optim.zero_grad(set_to_none=True)
        loss.backward()
        optim.step()
        with torch.no_grad():  # CLIP's clamp: logit scale at most 100
            clip.logit_scale.clamp_(0, math.log(100))
    clip.eval().requires_grad_(False)
    return time.perf_counter() - started
