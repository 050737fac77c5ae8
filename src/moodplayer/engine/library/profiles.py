"""A mood profile for every library item, built from every signal it has.

The signals live in ``signals/``, one module each, in a registry (see
signals/registry.py for what a signal declares and how to add one):

  art      cover art or video keyframes through the CLIP emotion extractor
  genre    the genre tag through the prior table in resources/genre_emotions.json
  tags     mood, BPM and key tags
  text     title/artist/album through CLIP's text encoder
  neutral  only when nothing else is known: uniform, very low confidence

Each signal is stored as its own part, one row per item and signal; parts
are combined with weights only when the item matrix is built
(``combine_parts``), so changing a weight never needs a rescan or even a
database write. Cheap parts (no model needed) are written right after a
scan, with or without a model; the model parts are filled in batches
whenever an extractor is available, and redone when the model, adapter or
taxonomy changes (the taxonomy's fingerprint covers its prompts too).

This module is the builder; it also re-exports the signal helpers other
modules import from here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
from sqlalchemy import delete, select, update

from ..emotions.taxonomy import Taxonomy
from ..tasks import CancelToken, ProgressFn, no_progress
from .db import Database, Item, Meta, ProfilePart, bump_generation
from .signals import (DEFAULT_WEIGHTS, SIGNALS, Part, Signal, SignalContext, combine_parts,
                      make_part, registered, va_matrix, va_to_probs)
from .signals.genre import genre_part
from .signals.neutral import NEUTRAL_CONFIDENCE, neutral_part
from .signals.parts import VA_SIGMA
from .signals.priors import Priors
from .signals.tags import bpm_arousal, key_valence, tags_part
from .signals.text import TEXT_CONFIDENCE_SCALE, text_prompt

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_WEIGHTS", "NEUTRAL_CONFIDENCE", "SIGNALS", "TEXT_CONFIDENCE_SCALE", "VA_SIGMA",
           "Part", "Priors", "ProfileBuilder", "ProfileReport", "bpm_arousal", "combine_parts",
           "key_valence", "make_part", "model_id", "neutral_part", "tag_parts", "text_prompt",
           "va_matrix", "va_to_probs"]

CHEAP_BATCH = 500  # items per transaction in the cheap pass


def tag_parts(item, priors: Priors, taxonomy: Taxonomy) -> list:
    """Genre and tag parts of one item (anything with genre/mood/bpm/musical_key attrs)."""
    return [p for p in (genre_part(item, priors, taxonomy), tags_part(item, priors, taxonomy))
            if p is not None]


def _part_row(item_id: int, part: Part, taxonomy: Taxonomy) -> ProfilePart:
    emb = None
    if part.embedding is not None:
        emb = np.asarray(part.embedding, dtype=np.float16).tobytes()
    return ProfilePart(item_id=item_id, signal=part.signal, taxonomy=taxonomy.id,
                       probs=np.asarray(part.probs, np.float32).tobytes(),
                       valence=part.valence, arousal=part.arousal, confidence=part.confidence,
                       detail=part.detail, embedding=emb, backbone=part.backbone)


def model_id(extractor) -> str:
    """The model and head that made the model parts; a change means recompute."""
    head = extractor.head
    head_id = getattr(head, "id", None) or type(head).__name__
    return f"{extractor.model.backbone_id}|{head_id}"


def _compute(signals: Sequence[Signal], items: dict, loaded: dict, ctx: SignalContext) -> dict:
    """{item_id: [Part]} from each signal in turn (``loaded``: name -> its stored data)."""
    out = {item_id: [] for item_id in items}
    for signal in signals:
        for item_id, part in signal.compute(items, loaded.get(signal.name), ctx).items():
            out[item_id].append(part)
    return out


def _load(signals: Sequence[Signal], session, item_ids: list) -> dict:
    return {s.name: s.load(session, item_ids) for s in signals}


@dataclass
class ProfileReport:
    cheap: int = 0  # items given their cheap (no-model) parts
    model: int = 0  # items given their model parts
    neutral: int = 0  # items with no usable signal
    waiting_for_model: int = 0
    cancelled: bool = False


class ProfileBuilder:
    """Writes profile parts for items that need them. Services are passed in.

    ``signals`` defaults to every registered signal; pass a list to build
    with others (tests, experiments).
    """

    def __init__(self, db: Database, taxonomy: Taxonomy, priors: Optional[Priors] = None,
                 extractor=None, chunk: int = 64, signals: Optional[Sequence[Signal]] = None):
        self.db = db
        self.taxonomy = taxonomy
        self.priors = priors or Priors.load(taxonomy)
        self.extractor = extractor
        self.chunk = chunk
        self.signals = list(registered() if signals is None else signals)
        self.cheap = [s for s in self.signals if not s.needs_model and not s.fallback]
        self.fallback = [s for s in self.signals if s.fallback]
        self.model = [s for s in self.signals if s.needs_model]

    def _context(self) -> SignalContext:
        mid = model_id(self.extractor) if self.extractor is not None else None
        return SignalContext(self.taxonomy, self.priors, self.extractor, mid)

    def _meta(self, s, key: str) -> Optional[str]:
        return s.execute(select(Meta.value).where(Meta.key == key)).scalar()

    def _invalidate_if_changed(self) -> None:
        """A new taxonomy redoes everything; a new model/adapter redoes the model parts."""
        with self.db.session() as s:
            if self._meta(s, "profiles_taxonomy") != self.taxonomy.fingerprint:
                s.execute(update(Item).values(profile_state="pending"))
                s.merge(Meta(key="profiles_taxonomy", value=self.taxonomy.fingerprint))
            if self.extractor is not None:
                mid = model_id(self.extractor)
                if self._meta(s, "profiles_model") != mid:
                    s.execute(update(Item).where(Item.profile_state == "done")
                              .values(profile_state="cheap"))
                    s.merge(Meta(key="profiles_model", value=mid))

    def update(self, progress: ProgressFn = no_progress,
               cancel: Optional[CancelToken] = None) -> ProfileReport:
        from ..errors import Cancelled

        report = ProfileReport()
        self._invalidate_if_changed()
        try:
            self._cheap_pass(report, progress, cancel)
            if self.extractor is not None:
                self._model_pass(report, progress, cancel)
        except Cancelled:
            report.cancelled = True
        with self.db.session() as s:
            report.waiting_for_model = s.query(Item).filter(
                Item.status == "ok", Item.profile_state != "done").count()
        return report

    def _cheap_pass(self, report, progress, cancel) -> None:
        """Pending items: every part goes, the cheap ones (or a fallback) come back."""
        ctx = self._context()
        with self.db.session() as s:
            ids = list(s.scalars(select(Item.id).where(Item.profile_state == "pending")
                                 .order_by(Item.id)))
        for start in range(0, len(ids), CHEAP_BATCH):
            if cancel is not None:
                cancel.check()
            progress(start, len(ids), "reading genres and tags")
            with self.db.session() as s:
                items = {it.id: it for it in s.scalars(
                    select(Item).where(Item.id.in_(ids[start:start + CHEAP_BATCH])))}
                s.execute(delete(ProfilePart).where(ProfilePart.item_id.in_(list(items))))
                parts = _compute(self.cheap, items, _load(self.cheap, s, list(items)), ctx)
                lacking = {i: it for i, it in items.items() if not parts[i]}
                if lacking:
                    report.neutral += len(lacking)
                    extra = _compute(self.fallback, lacking,
                                     _load(self.fallback, s, list(lacking)), ctx)
                    for item_id, plist in extra.items():
                        parts[item_id].extend(plist)
                for item_id, plist in parts.items():
                    for p in plist:
                        s.add(_part_row(item_id, p, self.taxonomy))
                    items[item_id].profile_state = "cheap"
                report.cheap += len(items)
                bump_generation(s)

    def _model_pass(self, report, progress, cancel) -> None:
        """Items with their cheap parts: the model parts come (again); a fallback goes."""
        ctx = self._context()
        with self.db.session() as s:
            ids = list(s.scalars(select(Item.id).where(Item.profile_state == "cheap",
                                                       Item.status == "ok").order_by(Item.id)))
        for start in range(0, len(ids), self.chunk):
            if cancel is not None:
                cancel.check()
            progress(start, len(ids), "reading cover art and titles with CLIP")
            chunk_ids = ids[start:start + self.chunk]
            with self.db.session() as s:
                items = {it.id: it for it in s.scalars(select(Item).where(Item.id.in_(chunk_ids)))}
                loaded = _load(self.model, s, chunk_ids)
            parts = {i: [] for i in chunk_ids}
            for item_id, plist in _compute(self.model, items, loaded, ctx).items():
                parts[item_id] = plist
            self._replace(parts, [sig.name for sig in self.model], "done")
            report.model += len(chunk_ids)
        progress(len(ids), len(ids), "profiles done")

    def _replace(self, parts: dict, names: list, state: Optional[str] = None) -> None:
        """Write ``parts`` ({item_id: [Part]}) over the stored parts of signals ``names``.

        An item given a real part loses its fallback part; ``state`` (when
        given) becomes the items' profile_state.
        """
        fallback = [sig.name for sig in self.fallback]
        item_ids = list(parts)
        with self.db.session() as s:
            s.execute(delete(ProfilePart).where(ProfilePart.item_id.in_(item_ids),
                                                ProfilePart.signal.in_(names)))
            for item_id, plist in parts.items():
                if plist and fallback:  # a real signal arrived: the placeholder goes
                    s.execute(delete(ProfilePart).where(ProfilePart.item_id == item_id,
                                                        ProfilePart.signal.in_(fallback)))
                for p in plist:
                    s.add(_part_row(item_id, p, self.taxonomy))
            if state is not None:
                s.execute(update(Item).where(Item.id.in_(item_ids)).values(profile_state=state))
            bump_generation(s)

    def refresh(self, names: Sequence[str], item_ids: Sequence[int]) -> int:
        """Recompute only the cheap signals ``names`` for ``item_ids``, e.g. after an
        analysis job stored new per-item data; no rescan, no model pass.

        Items whose profile is still pending are left to the cheap pass.
        Returns how many items got at least one part.
        """
        chosen = [sig for sig in self.cheap if sig.name in names]
        unknown = set(names) - {sig.name for sig in chosen}
        if unknown:
            raise ValueError(f"not cheap signals of this builder: {', '.join(sorted(unknown))}")
        ctx = self._context()
        given = 0
        ids = list(item_ids)
        for start in range(0, len(ids), CHEAP_BATCH):
            with self.db.session() as s:
                items = {it.id: it for it in s.scalars(select(Item).where(
                    Item.id.in_(ids[start:start + CHEAP_BATCH]), Item.profile_state != "pending"))}
                loaded = _load(chosen, s, list(items))
            parts = _compute(chosen, items, loaded, ctx)
            if parts:
                self._replace(parts, [sig.name for sig in chosen])
            given += sum(1 for plist in parts.values() if plist)
        return given
