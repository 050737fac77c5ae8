"""From measured sound to a mood: valence/arousal, emotion probabilities, a reason.

Every cue is put on a FIXED, absolute scale (``CUES``): the low end of its
reference range reads -1, the high end +1, clipped. Nothing is normalised
per library, so a collection of nothing but metal still has calm and
intense tracks, and a track's mood does not change when others are added.

The cues and their weights follow the music-emotion literature:
  arousal  tempo, loudness, event (onset) density, brightness and roughness
           all raise it (Gabrielsson & Lindstrom 2010, review; Schubert 2004;
           Eerola, Friberg & Bresin 2013, where tempo and dynamics dominate;
           Eerola, Ferrer & Alluri 2012 for brightness).
  valence  major mode raises it most, then faster tempo and brighter timbre;
           sensory dissonance (roughness) lowers it (Hevner 1935-37;
           Eerola et al. 2013, where mode dominates valence; Plomp & Levelt
           1965 and Bigand et al. for dissonance).
A cue counts only as far as it was measured reliably: tempo by the beat
strength (an ambient drone's 'tempo' is noise), mode by how clearly one mode
beat the other. Weights are renormalised over what is left.

The point becomes a distribution over the taxonomy's emotions with the same
Gaussian kernel as the other signals (``emotions.circumplex.va_to_probs``), so an
audio part has the shape of the other signals' parts: probs, valence,
arousal, confidence, detail.

Low-level features explain arousal far better than valence (typically
R^2 ~0.6-0.8 vs ~0.2-0.4 in the MER literature, e.g. Yang & Chen 2012), so
the confidence stays modest: at most ``MAX_CONFIDENCE``, like a genre tag.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ..emotions.circumplex import va_to_probs
from ..emotions.taxonomy import Taxonomy
from .features import AudioFeatures

MAPPING_VERSION = 1  # bump when the mapping changes: stored features are re-mapped, not re-decoded
MAX_CONFIDENCE = 0.45
MIN_CONFIDENCE = 0.15


@dataclass(frozen=True)
class Cue:
    """One feature on an absolute scale: ``low`` reads -1, ``high`` +1 (log scale if ``log``)."""

    name: str
    low: float
    high: float
    log: bool
    arousal: float  # weight in the arousal sum
    valence: float  # weight in the valence sum (negative: the cue lowers valence)
    words: tuple  # (adjective at -1, adjective at +1)

    def scale(self, value: float) -> float:
        if self.log:
            value, low, high = (math.log(max(v, 1e-9)) for v in (value, self.low, self.high))
        else:
            low, high = self.low, self.high
        return float(np.clip(2.0 * (value - low) / (high - low) - 1.0, -1.0, 1.0))


# Reference ranges: what a quiet/slow/dark and a loud/fast/bright track measure.
# Loudness: -30 LUFS is a soft classical recording, -8 a loud modern master.
# Brightness at our 22.05 kHz: solo piano ~700 Hz, rock/pop 1.5-2.5 kHz, metal ~3 kHz+.
# Roughness: consonant harmonic chords ~0.05, clusters, noise and distortion 0.15-0.25.
CUES = (
    Cue("tempo", 60.0, 160.0, True, 0.30, 0.20, ("slow", "fast")),
    Cue("loudness", -30.0, -8.0, False, 0.30, 0.00, ("quiet", "loud")),
    Cue("onsets", 0.5, 6.0, True, 0.20, 0.00, ("sparse", "busy")),
    Cue("brightness", 600.0, 3600.0, True, 0.15, 0.15, ("dark", "bright")),
    Cue("roughness", 0.04, 0.25, True, 0.05, -0.25, ("smooth", "harsh")),
    Cue("mode", -1.0, 1.0, False, 0.00, 0.40, ("minor", "major")),
)


@dataclass
class AudioMood:
    """The audio part of an item's mood profile (same fields as profiles.Part)."""

    probs: np.ndarray  # float32 [C], sums to 1
    valence: float
    arousal: float
    confidence: float
    detail: str
    signal: str = "audio"
    cues: dict = field(default_factory=dict)  # name -> (scaled value, reliability)

    @property
    def top(self) -> int:
        return int(np.argmax(self.probs))


def _raw(features: AudioFeatures) -> dict:
    """Each cue's measured value and how far to trust it (0..1)."""
    tempo_trust = float(np.clip((features.beat_strength - 0.2) / 0.4, 0.0, 1.0))
    mode_sign = 1.0 if features.mode == "major" else -1.0 if features.mode == "minor" else 0.0
    # A clear key (r >= 0.7) with one mode ahead by >= 0.1 is a confident mode reading.
    mode_trust = float(np.clip((features.key_strength - 0.4) / 0.3, 0.0, 1.0)
                       * np.clip(features.mode_strength / 0.1, 0.0, 1.0))
    return {
        "tempo": (features.tempo_bpm, tempo_trust if features.tempo_bpm > 0 else 0.0),
        "loudness": (features.loudness_lufs, 1.0),
        "onsets": (features.onset_rate, 1.0),
        "brightness": (features.centroid_hz, 1.0 if features.centroid_hz > 0 else 0.0),
        "roughness": (features.roughness, 1.0 if features.roughness > 0 else 0.0),
        "mode": (mode_sign, mode_trust),
    }


def _weighted(cues: dict, axis: str) -> tuple:
    """(value in [-1, 1], share of the axis' full weight that was measured)."""
    total = sum(abs(getattr(c, axis)) for c in CUES)
    got, s = 0.0, 0.0
    for c in CUES:
        w = abs(getattr(c, axis)) * cues[c.name][1]
        got += w
        s += math.copysign(w, getattr(c, axis)) * cues[c.name][0] if w else 0.0
    return (s / got if got else 0.0), (got / total if total else 0.0)


def features_to_mood(features: AudioFeatures, taxonomy: Taxonomy) -> AudioMood:
    """Valence/arousal in [-1, 1], emotion probabilities, a confidence and a reason."""
    raw = _raw(features)
    cues = {c.name: (c.scale(raw[c.name][0]), raw[c.name][1]) for c in CUES}
    arousal, arousal_cover = _weighted(cues, "arousal")
    valence, valence_cover = _weighted(cues, "valence")
    probs = va_to_probs(valence, arousal, taxonomy)
    # Arousal is the reading we trust; valence adds what its cues cover.
    seconds = min(1.0, features.seconds / 30.0)
    confidence = MIN_CONFIDENCE + (MAX_CONFIDENCE - MIN_CONFIDENCE) * seconds * (
        0.6 * arousal_cover + 0.4 * valence_cover)
    mood = AudioMood(probs, round(valence, 4), round(arousal, 4), round(confidence, 4), "",
                     cues={k: (round(v, 3), round(t, 3)) for k, v, t in
                           ((k, *cues[k]) for k in cues)})
    mood.detail = describe(features, mood, taxonomy)
    return mood


def describe(features: AudioFeatures, mood: AudioMood, taxonomy: Taxonomy) -> str:
    """A reason in plain words: 'fast and loud: 148 BPM, -7 LUFS, A major -> excitement'.

    The words name the two cues that pushed the point furthest; the mode is
    stated among the facts rather than as a word, as the key it belongs to.
    """
    ranked = sorted(
        ((abs(v) * t * (abs(c.arousal) + abs(c.valence)), c, v)
         for c in CUES if c.name != "mode"
         for v, t in [mood.cues[c.name]] if t > 0 and abs(v) >= 0.35),
        key=lambda x: -x[0])
    words = [c.words[1] if v > 0 else c.words[0] for _, c, v in ranked[:2]]
    head = " and ".join(words) if words else "middling on every cue"
    facts = []
    if features.tempo_bpm > 0 and mood.cues["tempo"][1] > 0:
        facts.append(f"{features.tempo_bpm:.0f} BPM")
    facts.append(f"{features.loudness_lufs:.0f} LUFS")
    if mood.cues["mode"][1] > 0:
        facts.append(f"{features.key} {features.mode}")
    return f"{head}: {', '.join(facts)} -> {taxonomy.emotions[mood.top].name}"


def remap(features_json: str, taxonomy: Taxonomy) -> Optional[AudioMood]:
    """Stored features (AudioFeatures.to_json) to a mood; None for a stored failure."""
    if not features_json:
        return None
    return features_to_mood(AudioFeatures.from_json(features_json), taxonomy)
