"""One record for a track wherever it appears: a queue, a saved playlist, an export.

The matcher returns ``Track`` rows (with score and reason), the play queue
holds them, saved playlists store and return them, and the M3U8/XSPF
writers read them. Only the database row (``engine.library.db.PlaylistEntry``)
differs, and it never leaves ``engine/library``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

VIDEO_SUFFIXES = frozenset({".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".wmv", ".mpg",
                            ".mpeg", ".ogv", ".ts", ".m2ts", ".flv", ".3gp"})


def guess_kind(path: str) -> str:
    """'video' or 'music' from the file name alone (for playlists read from disk)."""
    return "video" if Path(path).suffix.lower() in VIDEO_SUFFIXES else "music"


@dataclass
class Track:
    path: str
    title: str = ""
    artist: str = ""
    album: str = ""
    kind: str = "music"  # music | video
    duration: Optional[float] = None  # seconds, None when unknown
    reason: str = ""  # why the matcher picked it, in words
    score: float = 0.0
    item_id: Optional[int] = None  # library id, when it came from the library
    valence: float = 0.0
    arousal: float = 0.0
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Playlists and tags hand over None for unknown text: keep strings strings.
        self.title = self.title or Path(self.path).stem
        self.artist = self.artist or ""
        self.album = self.album or ""

    @property
    def label(self) -> str:
        return f"{self.artist} — {self.title}" if self.artist else self.title

    def with_reason(self, prefix: str) -> "Track":
        return replace(self, reason=prefix + self.reason)

    def to_json(self) -> dict:
        return {"path": self.path, "title": self.title, "artist": self.artist,
                "album": self.album, "kind": self.kind, "duration": self.duration,
                "score": round(float(self.score), 6), "reason": self.reason}
