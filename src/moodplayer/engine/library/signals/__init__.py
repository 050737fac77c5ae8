"""Profile signals, one module each; importing one registers it (see registry.py).

The import order below is the order of the signals in stored item matrices
(``SIGNALS``): append new signals at the end.
"""

from .parts import Part, combine_parts, make_part, va_matrix, va_to_probs
from .registry import Signal, SignalContext, find, register, registered

from . import art, genre, tags, text, neutral, audio  # noqa: E402,F401  one name per signal

SIGNALS = tuple(s.name for s in registered())
DEFAULT_WEIGHTS = {s.name: s.weight for s in registered()}

__all__ = ["DEFAULT_WEIGHTS", "SIGNALS", "Part", "Signal", "SignalContext", "combine_parts",
           "find", "make_part", "register", "registered", "va_matrix", "va_to_probs"]
