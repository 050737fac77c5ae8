"""A watched folder's new batch of photos -> an auto-playlist that fits their mood.

One job, run where the model lives: analyse the new photos, build a queue
for their combined mood, save it under a name that says where and what
(folder · mood · time), and report what happened in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..engine.tasks import CancelToken, ProgressFn, no_progress
from .mood_session import Expanded, MoodSession, playlist_name


@dataclass
class AutoPlaylist:
    folder: str
    analysis: object  # the Analysis of the batch (the window shows it like a drop)
    name: Optional[str] = None  # None: nothing was saved
    tracks: list = field(default_factory=list)
    message: str = ""
    autoplay: bool = False  # the user asked new auto-playlists to start at once


class AutoPlaylists:
    def __init__(self, session: MoodSession, library, settings):
        self.session = session
        self.library = library
        self.settings = settings

    def name_for(self, folder: str, mood) -> str:
        return f"{Path(folder).name} · {playlist_name(mood)}"

    def make(self, extractor, folder: str, photos: list, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None) -> AutoPlaylist:
        expanded = self.session.expand(photos, cancel)
        analysis = self.session.analyse(extractor, expanded, progress, cancel)
        out = AutoPlaylist(folder, analysis)
        where = Path(folder).name
        mood = analysis.combined
        if mood is None:
            out.message = f"{len(photos)} new photos in {where}: none could be read."
            return out
        tracks = self.session.build_queue(mood) if not self.session.library_is_empty() else []
        if not tracks:
            out.message = (f"{len(photos)} new photos in {where}: no playlist (the library "
                           f"has nothing to match).")
            return out
        out.name = self.name_for(folder, mood)
        self.library.save_playlist(out.name, tracks, auto=True, mood=mood)
        out.tracks = tracks
        out.autoplay = bool(self.settings.extra.get("autoplay_watch", False))
        out.message = (f"{len(photos)} new photos in {where}: playlist “{out.name}” "
                       f"({len(tracks)} items).")
        return out


__all__ = ["AutoPlaylist", "AutoPlaylists", "Expanded"]
