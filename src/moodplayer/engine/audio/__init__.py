"""Hearing the music: a mood for every track and video from its sound.

  decode.py    excerpts of a file's sound as PCM (PyAV), AudioError for bad files
  features.py  loudness, tempo, brightness, roughness, key -> AudioFeatures (librosa)
  loudness.py  BS.1770 / EBU R 128 integrated loudness and loudness range
  key.py       key and mode from chroma (Krumhansl-Schmuckler)
  mood.py      features -> valence/arousal, emotion probabilities, a reason in words
  clap.py      optional zero-shot reading with a CLAP model (transformers)
  job.py       resumable background analysis of many files in worker processes

Nothing here is imported eagerly: job.py's workers set their thread limits
before numpy loads, and the app pays for librosa or torch only when it uses them.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "AudioError": "errors",
    "Audio": "decode",  # the function is audio.decode.decode (a name shared with its module)
    "AudioFeatures": "features", "ANALYSIS_VERSION": "features",
    "analyze_file": "features", "extract_features": "features",
    "AudioMood": "mood", "features_to_mood": "mood",
    "ClapReader": "clap", "load_clap": "clap",
    "AnalysisReport": "job", "analyze_items": "job",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
