"""Scoring library items against a mood, picking and ordering queues (numpy only, no SQL)."""

from .arrays import LibraryArrays
from .combine import combine_parts
from .queue import EmptyLibrary, QueueOptions, build_queue
from .score import MoodTarget, Scores, explain, score

__all__ = ["LibraryArrays", "MoodTarget", "Scores", "score", "explain", "EmptyLibrary",
           "QueueOptions", "build_queue", "combine_parts"]
