"""The genre and mood-tag prior table (resources/genre_emotions.json): data, not code."""

from __future__ import annotations

import json
import re
from typing import Optional

import numpy as np

from ... import paths
from ...emotions.taxonomy import Taxonomy
from ...errors import TaxonomyError
from .parts import va_to_probs


def norm_words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_/]+", " ", text.lower())).strip()


class Priors:
    """resources/genre_emotions.json, mapped onto the active taxonomy."""

    def __init__(self, data: dict, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        source = data.get("taxonomy", "mikels8")
        conf = data.get("confidence", {})
        self.genre_conf = float(conf.get("genre", 0.45))
        self.partial_conf = float(conf.get("genre_partial", 0.3))
        self.mood_conf = float(conf.get("mood", 0.6))
        self.aliases = {norm_words(k): norm_words(v) for k, v in data.get("aliases", {}).items()}
        self.genres = {norm_words(k): self._convert(v, source) for k, v in data["genres"].items()}
        self.moods = {norm_words(k): self._convert(v, source) for k, v in data.get("moods", {}).items()}
        # Longest names first: "death metal" must win over "metal" in partial matches.
        self._by_length = sorted(self.genres, key=len, reverse=True)

    def _convert(self, dist: dict, source: str) -> np.ndarray:
        t = self.taxonomy
        if source == t.id or all(name in t.names for name in dist):
            p = np.zeros(len(t), dtype=np.float32)
            for name, w in dist.items():
                p[t.index(name)] = w
            return p / p.sum()
        # Another taxonomy: go through the valence/arousal point of the source emotions.
        from ...emotions.taxonomy import load_taxonomy

        src = load_taxonomy(source)
        v = sum(w * src.emotions[src.index(n)].valence for n, w in dist.items())
        a = sum(w * src.emotions[src.index(n)].arousal for n, w in dist.items())
        return va_to_probs(v, a, t)

    @classmethod
    def load(cls, taxonomy: Taxonomy, path=None) -> "Priors":
        path = path or paths.resources_dir() / "genre_emotions.json"
        try:
            return cls(json.loads(open(path, encoding="utf-8").read()), taxonomy)
        except (OSError, ValueError, KeyError) as exc:
            raise TaxonomyError(f"genre prior table {path} is unreadable: {exc}") from None

    def genre(self, genre: Optional[str]) -> Optional[tuple]:
        """(probs, confidence, matched name) for a genre tag, or None if unknown."""
        if not genre:
            return None
        hits = []
        for raw in re.split(r"[;,|]", genre):
            g = norm_words(raw)
            g = self.aliases.get(g, g)
            if not g:
                continue
            if g in self.genres:
                hits.append((self.genres[g], self.genre_conf, g))
                continue
            padded = f" {g.replace('-', ' ')} "
            for name in self._by_length:  # "progressive rock" -> "rock"
                if f" {name.replace('-', ' ')} " in padded:
                    hits.append((self.genres[name], self.partial_conf, name))
                    break
        if not hits:
            return None
        probs = np.mean([h[0] for h in hits], axis=0)
        return probs / probs.sum(), max(h[1] for h in hits), ", ".join(dict.fromkeys(h[2] for h in hits))

    def mood(self, mood: Optional[str]) -> Optional[tuple]:
        if not mood:
            return None
        words = [self.moods[w] for w in re.split(r"[;,|/ ]+", norm_words(mood)) if w in self.moods]
        if not words:
            return None
        p = np.mean(words, axis=0)
        return p / p.sum(), self.mood_conf
