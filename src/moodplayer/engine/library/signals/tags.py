"""tags: mood, BPM and key tags.

Audio features measured from the sound itself are not read here: decoding
costs 50-500 ms a track against ~1 ms for tags, and the BPM tag already
covers the tempo cue for the libraries that have it. Measured features
belong in a signal of their own, fed from stored data (see registry.py).
"""

from __future__ import annotations

import re
from typing import Optional

from ...emotions.taxonomy import Taxonomy
from .parts import Part, make_part, va_to_probs
from .priors import Priors
from .registry import Signal, register


def bpm_arousal(bpm: float) -> float:
    """60 BPM is calm, 100 neutral, 160+ as aroused as it gets."""
    return float(max(-1.0, min(1.0, (bpm - 100.0) / 60.0)))


def key_valence(key: Optional[str]) -> Optional[float]:
    """Minor keys lean sad, major keys lean bright; a weak, well-known cue."""
    if not key:
        return None
    k = key.strip()
    if re.search(r"(minor|moll|\bmin\b)", k, re.I) or re.fullmatch(r"[A-Ga-g][#b]?m", k) \
            or re.fullmatch(r"\d{1,2}A", k):  # Camelot 1A-12A are minor
        return -0.3
    if re.search(r"major|dur", k, re.I) or re.fullmatch(r"[A-G][#b]?", k) \
            or re.fullmatch(r"\d{1,2}B", k):
        return 0.2
    return None


def tags_part(item, priors: Priors, taxonomy: Taxonomy) -> Optional[Part]:
    """The part of one item's mood/BPM/key tags (``mood``, ``bpm``, ``musical_key``), or None."""
    mood = priors.mood(item.mood)
    arousal = bpm_arousal(item.bpm) if item.bpm and 20 <= item.bpm <= 300 else None
    valence = key_valence(item.musical_key)
    if not (mood or arousal is not None or valence is not None):
        return None
    details, conf = [], 0.0
    if mood:
        probs, conf = mood[0], mood[1]
        details.append(f"mood tag '{item.mood}'")
        if arousal is not None or valence is not None:  # nudge toward the tempo/key point
            probs = 0.7 * probs + 0.3 * va_to_probs(valence, arousal, taxonomy)
    else:
        probs = va_to_probs(valence, arousal, taxonomy)
    if arousal is not None:
        details.append(f"{item.bpm:.0f} BPM")
        conf = max(conf, 0.25)
    if valence is not None:
        details.append(f"key {item.musical_key}")
        conf = max(conf, 0.1) + 0.05
    p = make_part("tags", probs, taxonomy, min(conf, 0.9), ", ".join(details))
    if not mood:  # the point itself is what the tags say; keep it exact
        if arousal is not None:
            p.arousal = arousal
        if valence is not None:
            p.valence = valence
    return p


class Tags(Signal):
    name = "tags"
    weight = 1.0

    def compute(self, items, loaded, ctx):
        out = {}
        for item_id, item in items.items():
            part = tags_part(item, ctx.priors, ctx.taxonomy)
            if part is not None:
                out[item_id] = part
        return out


register(Tags())
