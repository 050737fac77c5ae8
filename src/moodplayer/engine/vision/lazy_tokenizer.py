"""The model's tokenizer, built the first time it is used.

A warm start reads the emotions' text features from the cache and never
tokenizes anything, yet building open_clip's BPE tokenizer took ~0.07 s of
the ~2.9 s from a double-click to the first emotion. So the model carries
this stand-in, which builds the real one on first use (thread-safe: the
model worker and a tuning run may both reach for it).
"""

from __future__ import annotations

import threading
from typing import Callable


class LazyTokenizer:
    def __init__(self, build: Callable[[], Callable]):
        self._build = build
        self._real = None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._real is not None

    def real(self):
        if self._real is None:
            with self._lock:
                if self._real is None:
                    self._real = self._build()
        return self._real

    def __call__(self, *args, **kwargs):
        return self.real()(*args, **kwargs)

    def __getattr__(self, name: str):
        # Only reached for names this class lacks: the tokenizer's own attributes.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.real(), name)
