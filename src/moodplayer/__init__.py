"""MoodPlayer: hear the mood of your photos."""

__version__ = "0.1.0"
