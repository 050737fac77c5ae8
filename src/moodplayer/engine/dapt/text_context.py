"""Where the learned text vectors sit in each emotion's prompts.

A *layout* is a set of token sequences, each belonging to one emotion, in
which some positions are "slots" filled by learned vectors and the rest are
the frozen embeddings of real tokens. An emotion's text feature is the
normalised mean of its sequences' normalised features, as the zero-shot
prompt ensemble is built (``emotions.extractor.class_text_features``).

* ``shared_layout`` (CoOp, the paper): ``[SOT] v_1 .. v_n <name>. [EOT]``,
  one sequence per emotion, n vectors shared by all. Starting from random
  vectors, the first reading is far from zero-shot's (measured: 0.20-0.38
  held-out accuracy where zero-shot reads 0.50).
* ``template_layout``: the taxonomy's own templates; the words around the
  emotion word ("a photo that evokes", ".") become the learned vectors, one
  set per template, starting as those words' token embeddings. With every
  template and every emotion word the untrained prompts *are* the zero-shot
  ensemble; with one template they are one sentence of it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Optional, Sequence

import torch
import torch.nn.functional as F

from ..tasks import check
from .towers import UnsupportedBackbone, encode_embedded, text_tower


@dataclass
class Layout:
    tokens: torch.Tensor  # (S, L) token ids, for finding each sequence's end
    embedded: torch.Tensor  # (S, L, width) frozen token embeddings
    slots: torch.Tensor  # (S, L) -1: frozen token, k >= 0: learned vector k
    owner: torch.Tensor  # (S,) the emotion each sequence belongs to
    n_classes: int
    start: Optional[torch.Tensor]  # (n_slots, width) the words the vectors start as; None: random

    @property
    def n_slots(self) -> int:
        return int(self.slots.max()) + 1 if self.slots.numel() and self.slots.max() >= 0 else 0


def _inner_ids(tokenizer, text: str) -> torch.Tensor:
    """Token ids of ``text`` between the start and end tokens."""
    if not text.strip():
        return torch.zeros(0, dtype=torch.long)
    ids = tokenizer([text.strip()])[0]
    return ids[1:int(ids.argmax())]


def _embed(clip, tokens: torch.Tensor) -> torch.Tensor:
    device = clip.visual.conv1.weight.device
    with torch.no_grad():
        return text_tower(clip).token_embedding(tokens.to(device)).float()


def shared_layout(clip, tokenizer, class_names: Sequence[str], n_text: int) -> Layout:
    placeholder = " ".join(["X"] * n_text)
    tokens = tokenizer([f"{placeholder} {name}.".strip() for name in class_names])
    slots = torch.full(tokens.shape, -1, dtype=torch.long)
    slots[:, 1:1 + n_text] = torch.arange(n_text)
    return Layout(tokens.to(clip.visual.conv1.weight.device), _embed(clip, tokens),
                  slots.to(clip.visual.conv1.weight.device),
                  torch.arange(len(class_names), device=clip.visual.conv1.weight.device),
                  len(class_names), None)


def _template_rows(tokenizer, template: str, word: str, first_slot: int):
    """(token ids, slots) of one filled template, its own words as slots."""
    before, after = template.split("{}")
    pre, mid, post = (_inner_ids(tokenizer, t) for t in (before, word, after))
    full = tokenizer([template.format(word)])[0]
    end = 1 + len(pre) + len(mid) + len(post)
    if not torch.equal(full[1:end], torch.cat([pre, mid, post])) or int(full.argmax()) != end:
        raise UnsupportedBackbone(
            f"this model's tokenizer splits the prompt '{template.format(word)}' across the "
            f"emotion word, so its template words cannot be learned one by one")
    slots = torch.full(full.shape, -1, dtype=torch.long)
    slots[1:1 + len(pre)] = first_slot + torch.arange(len(pre))
    slots[1 + len(pre) + len(mid):end] = first_slot + len(pre) + torch.arange(len(post))
    return full, slots, torch.cat([pre, post])


def template_layout(clip, tokenizer, taxonomy, templates: Sequence[int],
                    all_words: bool = True) -> Layout:
    """Sequences of the chosen templates, filled with every word of each emotion
    (``all_words``) or with its name only; the template words are the slots."""
    rows, slot_rows, owners, start_ids = [], [], [], []
    offset = 0
    for t in templates:
        template = taxonomy.templates[t]
        ids = None
        for c, emotion in enumerate(taxonomy.emotions):
            for word in (emotion.words if all_words else (emotion.name,)):
                full, slots, ids = _template_rows(tokenizer, template, word, offset)
                rows.append(full)
                slot_rows.append(slots)
                owners.append(c)
        start_ids.append(ids)
        offset += len(ids)
    if offset == 0:
        raise UnsupportedBackbone("the taxonomy's templates have no words around the emotion "
                                  "word to learn; use --text-prompts shared")
    device = clip.visual.conv1.weight.device
    tokens = torch.stack(rows)
    return Layout(tokens.to(device), _embed(clip, tokens), torch.stack(slot_rows).to(device),
                  torch.tensor(owners, device=device), len(taxonomy),
                  _embed(clip, torch.cat(start_ids)).cpu())


def class_features(clip, layout: Layout, ctx: Optional[torch.Tensor]) -> torch.Tensor:
    """(C, D) normalised emotion text features with the vectors ``ctx`` in the slots."""
    x = layout.embedded
    if ctx is not None:
        filled = ctx[layout.slots.clamp(min=0)].to(x.dtype)
        x = torch.where((layout.slots >= 0).unsqueeze(-1), filled, x)
    feats = F.normalize(encode_embedded(clip, x, layout.tokens).float(), dim=-1)
    if len(feats) == layout.n_classes:  # one sequence per emotion: nothing to average
        return feats[torch.argsort(layout.owner)]
    sums = feats.new_zeros(layout.n_classes, feats.shape[1]).index_add(0, layout.owner, feats)
    return F.normalize(sums, dim=-1)


# The ensemble of a frozen text tower never changes, yet every run of the
# search (trials x folds) builds a learner: 192 prompts through ViT-B-32's
# text tower are seconds on a CPU. Keyed by the module and the version
# counters of its text weights, so weights changed in place are not served stale.
_ENSEMBLES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _weights_version(clip) -> tuple:
    tower = text_tower(clip)
    return tuple(int(p._version) for p in (tower.token_embedding.weight, tower.positional_embedding))


@torch.no_grad()
def ensemble_features(clip, tokenizer, taxonomy, cancel=None) -> torch.Tensor:
    """(C, D) the zero-shot prompt ensemble, as ``class_text_features`` builds it
    (cut after the end tokens, see towers.encode_embedded: the same features to
    ~1e-7, 5x faster). ``cancel`` is checked between emotions."""
    key = (taxonomy.fingerprint, id(tokenizer), _weights_version(clip))
    cached = _ENSEMBLES.get(clip, {}).get(key)
    if cached is not None:
        return cached.clone()
    device = clip.visual.conv1.weight.device
    rows = []
    for emotion in taxonomy.emotions:
        check(cancel)
        tokens = tokenizer(taxonomy.prompts(emotion)).to(device)
        feats = encode_embedded(clip, text_tower(clip).token_embedding(tokens), tokens).float()
        rows.append(F.normalize(F.normalize(feats, dim=-1).mean(0), dim=-1))
    out = torch.stack(rows)
    _ENSEMBLES.setdefault(clip, {})[key] = out
    return out.clone()


@torch.no_grad()
def closest_template(clip, tokenizer, taxonomy, anchor: torch.Tensor) -> int:
    """The template whose sentences with the emotion names alone come closest
    (mean cosine) to the whole ensemble: the best single stand-in for it."""
    key = ("closest", taxonomy.fingerprint, id(tokenizer), _weights_version(clip))
    if key not in _ENSEMBLES.get(clip, {}):
        _ENSEMBLES.setdefault(clip, {})[key] = _closest(clip, tokenizer, taxonomy, anchor)
    return _ENSEMBLES[clip][key]


def _closest(clip, tokenizer, taxonomy, anchor: torch.Tensor) -> int:
    best, best_cos = 0, -2.0
    for t in range(len(taxonomy.templates)):
        feats = class_features(clip, template_layout(clip, tokenizer, taxonomy, [t], False), None)
        cos = float((feats * anchor.to(feats.device)).sum(-1).mean())
        if cos > best_cos:
            best, best_cos = t, cos
    return best
