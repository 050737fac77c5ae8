"""Saved playlists and exports: save, list, play, rename, delete, import, export."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from ..engine.errors import MoodPlayerError

EXPORT_SUFFIXES = (".m3u8", ".m3u", ".xspf")


class Playlists:
    def __init__(self, library):
        self.library = library

    def save(self, name: str, tracks, auto: bool = False, mood=None) -> str:
        name = (name or "").strip()
        if not name:
            raise MoodPlayerError("A playlist needs a name.")
        self.library.save_playlist(name, list(tracks), auto=auto, mood=mood)
        return name

    def list(self) -> list:
        """[{"name", "count", "auto", "created", "updated"}], by name."""
        return self.library.list_playlists()

    def unique_name(self, name: str) -> str:
        """``name``, or "name (2)", "name (3)"... when a playlist already has it."""
        taken = {p["name"] for p in self.list()}
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def load(self, name: str) -> list:
        return self.library.load_playlist(name)

    def rename(self, old: str, new: str) -> str:
        new = (new or "").strip()
        if not new:
            raise MoodPlayerError("A playlist needs a name.")
        self.library.rename_playlist(old, new)
        return new

    def delete(self, name: str) -> None:
        if not self.library.delete_playlist(name):
            raise MoodPlayerError(f"There is no saved playlist called “{name}”.")

    def delete_auto(self, older_than_days: Optional[float] = None,
                    now: Optional[float] = None) -> list:
        """Delete watched-folder playlists (all, or those made more than N days ago).

        Saved playlists the user made are never touched. Returns the deleted names.
        """
        cutoff = None
        if older_than_days is not None:
            cutoff = (time.time() if now is None else now) - older_than_days * 86400
        doomed = [p["name"] for p in self.list() if p.get("auto")
                  and (cutoff is None or p.get("created", 0) < cutoff)]
        for name in doomed:
            self.library.delete_playlist(name)
        return doomed

    def import_file(self, path: str, name: Optional[str] = None) -> tuple:
        """(name, number of entries) after reading an M3U8/XSPF file into the library."""
        from ..engine.playlists import read_playlist

        tracks = read_playlist(path)
        name = (name or Path(path).stem).strip()
        self.library.save_playlist(name, tracks)
        return name, len(tracks)

    @staticmethod
    def export(path: str, tracks, title: str) -> str:
        """Write M3U8 or XSPF (by extension; .m3u8 when none is given) for other players."""
        from ..engine.playlists import write_playlist

        if Path(path).suffix.lower() not in EXPORT_SUFFIXES:
            path += ".m3u8"
        return str(write_playlist(path, list(tracks), title=title))
