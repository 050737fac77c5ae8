"""Emotion taxonomy, the CLIP emotion extractor, and combining a batch into one mood."""

from .taxonomy import Emotion, Taxonomy, load_taxonomy
from .result import EmotionResult, combine

__all__ = ["Emotion", "Taxonomy", "load_taxonomy", "EmotionResult", "combine"]
