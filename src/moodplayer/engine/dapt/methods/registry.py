"""The registry of tuning methods: what ``tune --method`` and ``eval --method`` accept.

A method is one module in this package. It subclasses ``TuningMethod``,
says its name and default learning rate, how it adjusts a ``TuneConfig``,
what it trains (``build`` returns a ``Trainable``) and how a saved adapter
becomes a Head again (``head``), then registers one instance. The trainer,
the adapter loader and the evaluation only ever look methods up here; none
of them names a method.

Adding a method is one module and one line (``linear.py`` is the smallest
complete example):

1. ``engine/dapt/methods/mine.py``::

       from .registry import Trainable, TuningMethod, register

       class Mine(TuningMethod):
           name = "mine"
           default_lr = 0.01  # for runs with settings as given
           lr_grid = (0.003, 0.01, 0.03)  # what the automatic search tries

           def resolve(self, cfg):
               # optional: zero what it ignores, raise MoodPlayerError for
               # settings it cannot run
               cfg.n_visual = 0

           def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
               ...  # its parameters (fp32, on ``device``), drawn from ``generator``

           def head(self, adapter, model, taxonomy):
               ...  # adapter.tensors (what Trainable.tensors saved) -> a Head

       register(Mine())

2. add ``mine`` to the ``from . import ...`` line in
   ``engine/dapt/methods/__init__.py`` (the import registers it; the import
   order is the order methods are listed in).

The loss is the trainer's: cross-entropy plus DAPT's two dispersion terms,
weighted by ``cfg.beta_v`` and ``cfg.beta_t`` (zero them in ``resolve`` for
plain cross-entropy, as CoOp and the linear probe do).

A method with nothing to train (zero-shot) sets ``trainable = False`` and
implements ``untrained_head`` instead of ``build`` and ``head``: evaluation
offers it, tuning and adapter files do not.
"""

from __future__ import annotations

from typing import Optional


class Trainable:
    """What one training run optimises, as the trainer sees it.

    ``param_groups``: SGD parameter groups, each a dict with ``params`` and
    ``scale`` (the group's rate as a multiple of the scheduled rate).
    ``frozen_images``: True when the image features do not depend on the
    trained parameters; the trainer then computes them once (each photo and
    its mirror image) and passes those to ``logits`` instead of pixels.
    """

    param_groups: list
    frozen_images: bool = True

    def image_features(self, clip, pixels):
        """Normalised (B, D) features of a pixel batch (only when not ``frozen_images``)."""
        raise NotImplementedError

    def logits(self, clip, image_features):
        """(logits (B, C), normalised class text features (C, D) or None)."""
        raise NotImplementedError

    def tensors(self) -> dict:
        """The trained parameters, for the adapter file."""
        raise NotImplementedError

    def load_tensors(self, tensors: dict) -> None:
        """Put saved parameters back (the search tries blends of start and end)."""
        raise NotImplementedError

    def constrain(self):
        """Called after every step: project the parameters back where they are
        allowed, and return why the run blew up (a sentence) or None."""
        return None


class TuningMethod:
    name: str = ""
    default_lr: Optional[float] = None  # SGD rate when the config leaves ``lr`` unset
    trainable: bool = True  # False: a baseline with nothing to train (evaluation only)
    # What the automatic search (search.py) tries: base rates, and for methods
    # with visual prompts their rate as multiples of the base rate.
    lr_grid: tuple = ()
    visual_scales: tuple = ()

    def resolve(self, cfg) -> None:
        """Adjust a resolved copy of the TuneConfig in place (defaults: keep it)."""

    def build(self, model, clip, taxonomy, cfg, generator, device) -> Trainable:
        raise NotImplementedError

    def head(self, adapter, model, taxonomy):
        """A Head from a saved adapter of this method."""
        raise NotImplementedError

    def untrained_head(self, model, taxonomy):
        """The Head of a method with nothing to train."""
        raise NotImplementedError


_METHODS: dict = {}


def register(method: TuningMethod) -> TuningMethod:
    if not method.name or method.name in _METHODS:
        raise ValueError(f"tuning method name '{method.name}' is empty or taken")
    _METHODS[method.name] = method
    return method


def find(name: str) -> Optional[TuningMethod]:
    return _METHODS.get(name)


def names(trainable: Optional[bool] = None) -> tuple:
    """Registered names in registration order; only (un)trainable ones if asked."""
    return tuple(n for n, m in _METHODS.items() if trainable is None or m.trainable == trainable)
