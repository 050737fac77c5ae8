"""Scoring library items against a mood, picking and ordering queues."""

from .arrays import LibraryArrays
from .queue import QueueItem, QueueOptions, build_queue
from .score import MoodTarget, Scores, explain, score

__all__ = ["LibraryArrays", "MoodTarget", "Scores", "score", "explain", "QueueItem",
           "QueueOptions", "build_queue"]
