"""Key and mode from a chroma profile, by correlation with key profiles.

librosa gives the chroma (how much of each pitch class sounds) but no key
finder, so the last step is the classic Krumhansl-Schmuckler method: the
track's average chroma is correlated with a major and a minor key profile
rotated to all 12 tonics, and the best of the 24 wins. The profiles are
published probe-tone and corpus data, not tuned here:

  KRUMHANSL  Krumhansl & Kessler (1982), probe-tone ratings
  TEMPERLEY  Temperley (2007, 'Music and Probability'), Kostka-Payne corpus

The default is the one that scored best on the synthetic pieces of
tests/engine/audio/test_key.py (numbers in features.py's docstring).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NOTE_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")

PROFILES = {
    "krumhansl": (
        (6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88),
        (6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17),
    ),
    "temperley": (
        (0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400),
        (0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330),
    ),
}
DEFAULT_PROFILE = "krumhansl"


@dataclass(frozen=True)
class Key:
    tonic: int  # 0 = C
    mode: str  # "major" | "minor"
    strength: float  # Pearson r of the best key, -1..1; < 0.5 means no clear key
    mode_strength: float  # r of the best key minus r of the best key in the other mode

    @property
    def name(self) -> str:
        return f"{NOTE_NAMES[self.tonic]} {self.mode}"


def _scores(chroma: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """Pearson r of ``chroma`` against ``profile`` rotated to each of the 12 tonics."""
    rotated = np.stack([np.roll(profile, k) for k in range(12)])
    rotated = rotated - rotated.mean(axis=1, keepdims=True)
    c = chroma - chroma.mean()
    denom = np.linalg.norm(rotated, axis=1) * (np.linalg.norm(c) or 1.0)
    return rotated @ c / denom


def estimate_key(chroma: np.ndarray, profiles: str = DEFAULT_PROFILE) -> Key:
    """The best of the 24 major/minor keys for a 12-bin chroma vector (C first)."""
    major, minor = (np.asarray(p, dtype=np.float64) for p in PROFILES[profiles])
    chroma = np.asarray(chroma, dtype=np.float64)
    s_major, s_minor = _scores(chroma, major), _scores(chroma, minor)
    best_major, best_minor = int(np.argmax(s_major)), int(np.argmax(s_minor))
    if s_major[best_major] >= s_minor[best_minor]:
        return Key(best_major, "major", float(s_major[best_major]),
                   float(s_major[best_major] - s_minor[best_minor]))
    return Key(best_minor, "minor", float(s_minor[best_minor]),
               float(s_minor[best_minor] - s_major[best_major]))
