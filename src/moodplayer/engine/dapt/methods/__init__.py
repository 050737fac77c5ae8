"""Tuning methods, one module each; importing one registers it (see registry.py).

The order of the imports below is the order the methods are listed in.
"""

from .registry import Trainable, TuningMethod, find, names, register

from . import dapt, coop, linear, zero_shot  # noqa: E402,F401  one line per method

__all__ = ["Trainable", "TuningMethod", "find", "names", "register"]
