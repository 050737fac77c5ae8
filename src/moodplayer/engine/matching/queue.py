"""Picking a queue: best fits, but not ten tracks of one album.

1. Filter (kind, genre include/exclude, recently played) and score the
   whole library in one pass (score.py).
2. Take a candidate pool of the best few hundred and pick with maximal
   marginal relevance: each pick maximises
       (1 - diversity) * fit - diversity * (similarity to what is already picked)
   where similarity is same-artist plus look-alike covers (or profiles),
   under hard caps per artist and per album.
3. Top up: when caps or a small library leave the queue short, widen the
   pool, then relax the caps, and say so in the reason.
4. Order smoothly in valence/arousal (order.py), or, for a mood path A->B,
   fill slot i for the target i/(K-1) of the way from A to B.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ..errors import MoodPlayerError
from ..tracks import Track
from .arrays import KINDS, LibraryArrays
from .order import mood_path, smooth_order
from .score import MoodTarget, Scores, explain, image_similarity, score

DEFAULT_DURATION = {0: 240.0, 1: 300.0}  # seconds assumed for items of unknown length
POOL_MIN, POOL_PER_SLOT = 200, 12


@dataclass
class QueueOptions:
    length: Optional[int] = 20  # items; ignored when minutes is set
    minutes: Optional[float] = None
    kind: str = "music"  # music | video | mixed
    diversity: float = 0.3  # 0 = pure best fit, 1 = as varied as possible
    max_per_artist: int = 2
    max_per_album: int = 2
    genres_include: tuple = ()
    genres_exclude: tuple = ()
    exclude_ids: frozenset = field(default_factory=frozenset)  # e.g. the last played items
    use_image: bool = True
    smooth: bool = True


class EmptyLibrary(MoodPlayerError):
    """Nothing to build a queue from."""


def candidate_mask(arrays: LibraryArrays, options: QueueOptions) -> np.ndarray:
    if options.kind not in ("music", "video", "mixed"):
        raise ValueError(f"kind must be music, video or mixed, not {options.kind!r}")
    mask = arrays.genre_mask(options.genres_include, options.genres_exclude)
    if options.kind != "mixed":
        mask &= arrays.kind == KINDS.index(options.kind)
    if options.exclude_ids:
        mask &= ~np.isin(arrays.ids, np.fromiter(options.exclude_ids, np.int64))
    return mask


class _Picker:
    """The running state of one queue: what is picked, caps, length so far."""

    def __init__(self, arrays: LibraryArrays, options: QueueOptions):
        self.a, self.o = arrays, options
        self.picked: list = []
        self.notes: dict = {}
        self.by_artist: dict = {}
        self.by_album: dict = {}
        self.seconds = 0.0
        self.artist_cap = max(1, options.max_per_artist)
        self.album_cap = max(1, options.max_per_album)

    def full(self) -> bool:
        if self.o.minutes is not None:
            return self.seconds >= self.o.minutes * 60.0
        return len(self.picked) >= max(0, self.o.length or 0)

    def allowed(self, idx: np.ndarray) -> np.ndarray:
        """Which of the candidate indices the caps still let in."""
        ok = np.ones(len(idx), bool)
        for codes, counts, cap in ((self.a.artist_code, self.by_artist, self.artist_cap),
                                   (self.a.album_code, self.by_album, self.album_cap)):
            full = [c for c, n in counts.items() if n >= cap]
            if full:
                ok &= ~np.isin(codes[idx], full)
        return ok

    def take(self, i: int, note: str = "") -> None:
        self.picked.append(i)
        if note:
            self.notes[i] = note
        for codes, counts in ((self.a.artist_code, self.by_artist), (self.a.album_code, self.by_album)):
            c = int(codes[i])
            if c >= 0:
                counts[c] = counts.get(c, 0) + 1
        d = self.a.duration[i]
        self.seconds += float(d) if np.isfinite(d) else DEFAULT_DURATION[int(self.a.kind[i])]


def _similarity(arrays: LibraryArrays, pool: np.ndarray, j: int) -> np.ndarray:
    """How alike pool items are to item j: same artist, plus look or mood alike."""
    same_artist = (arrays.artist_code[pool] == arrays.artist_code[j]) & (arrays.artist_code[j] >= 0)
    mood = arrays.sqrt_probs[pool] @ arrays.sqrt_probs[j]
    if arrays.embedding is not None and arrays.has_embedding[j]:
        look = np.where(arrays.has_embedding[pool], arrays.embedding[pool] @ arrays.embedding[j], mood)
        alike = 0.5 * mood + 0.5 * look
    else:
        alike = mood
    return 0.5 * same_artist + 0.5 * alike


def _mmr(picker: _Picker, pool: np.ndarray, rel: np.ndarray, note: str = "") -> None:
    """Greedy maximal marginal relevance over pool (indices), rel aligned with it."""
    a, lam = picker.a, 1.0 - float(np.clip(picker.o.diversity, 0.0, 1.0))
    lo, hi = float(rel.min()), float(rel.max())
    rel_n = (rel - lo) / (hi - lo) if hi > lo else np.ones_like(rel)
    max_sim = np.zeros(len(pool), np.float32)
    for j in picker.picked:
        max_sim = np.maximum(max_sim, _similarity(a, pool, j))
    free = ~np.isin(pool, picker.picked)
    while not picker.full():
        ok = free & picker.allowed(pool)
        if not ok.any():
            return
        value = np.where(ok, lam * rel_n - (1 - lam) * max_sim, -np.inf)
        best = int(np.argmax(value))
        j = int(pool[best])
        picker.take(j, note)
        free[best] = False
        max_sim = np.maximum(max_sim, _similarity(a, pool, j))


def _pick(picker: _Picker, cand: np.ndarray, total: np.ndarray) -> None:
    """MMR on a pool, then a bigger pool, then relaxed caps: fill the queue if at all possible."""
    want = picker.o.length or 20
    if picker.o.minutes is not None:
        known = picker.a.duration[cand]
        typical = float(np.nanmedian(known)) if np.isfinite(known).any() else 240.0
        want = int(np.ceil(picker.o.minutes * 60.0 / max(typical, 1.0)))
    size = min(len(cand), max(POOL_MIN, POOL_PER_SLOT * want))
    order = cand[np.argsort(-total[cand], kind="stable")] if size >= len(cand) else \
        cand[np.argpartition(-total[cand], size - 1)[:size]]
    _mmr(picker, order, total[order])
    if not picker.full() and size < len(cand):  # the pool ran dry under the caps
        _mmr(picker, cand, total[cand])
    while not picker.full() and (picker.artist_cap < len(cand) or picker.album_cap < len(cand)):
        picker.artist_cap *= 2
        picker.album_cap *= 2
        _mmr(picker, cand, total[cand], note="artist/album cap relaxed: few matching items")


def _result(arrays: LibraryArrays, picker: _Picker, order: list, scores: Scores,
            targets: list, slot_target: Optional[list] = None) -> list:
    out = []
    for pos, i in enumerate(order):
        k = slot_target[pos] if slot_target else 0
        reason = explain(arrays, i, targets[k], scores, k)
        if slot_target and len(targets) > 1:
            reason = f"step {pos + 1}/{len(order)} of the mood path: " + reason
        if i in picker.notes:
            reason += f" [{picker.notes[i]}]"
        d = arrays.duration[i]
        out.append(Track(arrays.paths[i], arrays.titles[i], arrays.artists[i], arrays.albums[i],
                         kind=KINDS[int(arrays.kind[i])],
                         duration=float(d) if np.isfinite(d) else None,
                         reason=reason, score=float(scores.total[k, i]), item_id=int(arrays.ids[i]),
                         valence=float(arrays.va[i, 0]), arousal=float(arrays.va[i, 1])))
    return out


def build_queue(arrays: LibraryArrays, target: MoodTarget, options: Optional[QueueOptions] = None,
                to_target: Optional[MoodTarget] = None) -> list:
    """Tracks for the mood (or the path from ``target`` to ``to_target``)."""
    options = options or QueueOptions()
    if len(arrays) == 0:
        raise EmptyLibrary("the library is empty: scan a music or video folder first")
    cand = np.flatnonzero(candidate_mask(arrays, options))
    if len(cand) == 0:
        raise EmptyLibrary("no library item matches the filters (kind, genres, recently played)")
    if to_target is not None:
        return _build_path(arrays, target, to_target, options, cand)
    scores = score(arrays, target, use_image=options.use_image)
    picker = _Picker(arrays, options)
    _pick(picker, cand, scores.total[0])
    order = picker.picked
    if options.smooth and len(order) > 2:
        pts = arrays.va[order]
        order = [order[i] for i in smooth_order(pts, (target.valence, target.arousal))]
    return _result(arrays, picker, order, scores, [target])


def _build_path(arrays, a: MoodTarget, b: MoodTarget, options: QueueOptions, cand) -> list:
    """Slot i gets the best free item for the mood i/(K-1) of the way from a to b."""
    if options.minutes is not None:
        known = arrays.duration[cand]
        typical = float(np.nanmedian(known)) if np.isfinite(known).any() else 240.0
        steps = max(2, int(np.ceil(options.minutes * 60.0 / max(typical, 1.0))))
    else:
        steps = max(1, options.length or 20)
    targets = mood_path(a, b, steps)
    image = None
    if options.use_image and a.embedding is not None and b.embedding is not None:
        ends = image_similarity(arrays, np.stack([a.embedding, b.embedding]))
        if ends is not None:  # similarity to the blend ~ the blend of similarities
            t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
            image = (1 - t) * ends[0] + t * ends[1]
    scores = score(arrays, targets, use_image=options.use_image, image=image)
    # Work on a pool: the best items of every step, not the whole library per slot.
    size = min(len(cand), POOL_MIN + POOL_PER_SLOT)
    if size < len(cand):
        top = np.argpartition(-scores.total[:, cand], size - 1, axis=1)[:, :size]
        cand = np.unique(cand[top])
    picker = _Picker(arrays, options)
    slots = []
    lam = 1.0 - float(np.clip(options.diversity, 0.0, 1.0))
    for k in range(steps):
        if picker.full():
            break
        for relax in range(8):  # relax caps only when nothing else fits this slot
            ok = picker.allowed(cand) & ~np.isin(cand, picker.picked)
            if ok.any() or (picker.artist_cap >= len(cand) and picker.album_cap >= len(cand)):
                break
            picker.artist_cap *= 2
            picker.album_cap *= 2
        if not ok.any():
            break
        value = scores.total[k, cand]
        if picker.picked:  # a little variety against the previous pick
            value = lam * value - (1 - lam) * 0.3 * _similarity(arrays, cand, picker.picked[-1])
        value = np.where(ok, value, -np.inf)
        picker.take(int(cand[int(np.argmax(value))]))
        slots.append(k)
    while not picker.full():  # minutes not reached yet: keep going at the destination mood
        ok = picker.allowed(cand) & ~np.isin(cand, picker.picked)
        if not ok.any():
            break
        value = np.where(ok, scores.total[-1, cand], -np.inf)
        picker.take(int(cand[int(np.argmax(value))]))
        slots.append(len(targets) - 1)
    return _result(arrays, picker, picker.picked, scores, targets, slot_target=slots)
