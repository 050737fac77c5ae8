"""The registry of profile signals: every source of mood evidence for an item.

A signal is one module in this package. It subclasses ``Signal``, says its
name, its default weight and when it can be computed, and turns a batch of
items into at most one ``Part`` per item. ``ProfileBuilder`` (profiles.py)
loops over the registry; the item matrix (matching/arrays.py) has one slice
per signal in registration order (``SIGNALS``), with ``DEFAULT_WEIGHTS``.

When a signal is computed:

* cheap (``needs_model = False``): right after a scan, with or without a
  model, for items whose ``profile_state`` is 'pending' (new or changed
  files, or everything after a taxonomy change). Tags, the genre table, and
  anything read from data already stored per item (see below).
* model (``needs_model = True``): when a CLIP extractor is available, in
  batches, and again whenever the model or adapter changes (``model_id``).
* fallback (``fallback = True``): in the cheap pass, only for items no other
  cheap signal could read; its part is removed once a model part arrives.

Adding a signal is one module and one line:

1. ``engine/library/signals/mine.py``::

       from .parts import make_part
       from .registry import Signal, register

       class Mine(Signal):
           name = "mine"
           weight = 1.0          # default weight in the combination
           needs_model = False   # cheap pass

           def compute(self, items, loaded, ctx):
               out = {}
               for item_id, item in items.items():
                   ...               # skip items it cannot read
                   out[item_id] = make_part(self.name, probs, ctx.taxonomy, confidence, "why")
               return out

       register(Mine())

2. in ``engine/library/signals/__init__.py``: add ``mine`` to the import
   line. The import order is the matrix order: append new signals at the
   end, so stored matrices and weights keep lining up.

A signal fed from stored per-item data (audio features, a CLAP embedding
written by an analysis job) also overrides ``load``: it runs inside the
database session of the batch and fetches that data for all the batch's
items in one query; ``compute`` then receives what it returned as
``loaded``. Such a signal needs no model pass (``needs_model = False``)
whatever produced its data. Its weight is its own: one read from the audio
itself can sit above genre (0.8), cover art (1.0) and title words (0.35);
an item without the data simply gets no part of it, so the weight only
counts where the data exists. When the stored data changes after the
item's profile was built, call ``ProfileBuilder.refresh([name], item_ids)``:
it recomputes just those parts, without a rescan or a model pass.

SQLAlchemy may be used here (this package is inside engine/library/).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ...emotions.taxonomy import Taxonomy


@dataclass
class SignalContext:
    """What signals may use; the builder makes one per run."""

    taxonomy: Taxonomy
    priors: Any = None  # priors.Priors
    extractor: Any = None  # an EmotionExtractor in the model pass, else None
    model_id: Optional[str] = None  # model_id(extractor): stored with model parts


class Signal:
    name: str = ""
    weight: float = 1.0  # default weight in ``combine_parts``
    needs_model: bool = False  # True: computed in the model pass (CLIP extractor needed)
    fallback: bool = False  # True: only for items no other cheap signal could read

    def load(self, session, item_ids: list) -> Any:
        """Stored per-item data for these items, in one query (default: nothing)."""
        return None

    def compute(self, items: dict, loaded: Any, ctx: SignalContext) -> dict:
        """{item_id: Part} for the items of ``items`` ({id: Item}) this signal can read."""
        raise NotImplementedError


_SIGNALS: dict = {}


def register(signal: Signal) -> Signal:
    if not signal.name or signal.name in _SIGNALS:
        raise ValueError(f"signal name '{signal.name}' is empty or taken")
    if signal.fallback and signal.needs_model:
        raise ValueError(f"signal '{signal.name}': a fallback is computed without the model")
    _SIGNALS[signal.name] = signal
    return signal


def registered() -> list:
    """Every signal, in registration (= matrix) order."""
    return list(_SIGNALS.values())


def find(name: str) -> Optional[Signal]:
    return _SIGNALS.get(name)
