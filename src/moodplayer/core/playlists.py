"""Saved playlists and exports: save, list, play, rename, delete, import, export."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..engine.errors import MoodPlayerError
from ..engine.fsnames import display, not_regular_reason, os_reason

EXPORT_SUFFIXES = (".m3u8", ".m3u", ".xspf")
MISSING = "missing"
# Where no song lives: kernel views and devices, and the system's own configuration.
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev", "/etc", "/boot")  # not /run: USB drives mount there


@dataclass
class ImportResult:
    name: str
    kept: int = 0  # entries saved in the playlist (missing ones included)
    missing: list = field(default_factory=list)  # kept, but the file is not there now
    skipped: list = field(default_factory=list)  # [(entry, reason)] left out

    @property
    def message(self) -> str:
        text = f"Imported {self.kept} entries as '{self.name}'."
        if self.missing:
            text += (f" {len(self.missing)} of them are missing right now (kept, in case a "
                     f"drive is unplugged).")
        if self.skipped:
            text += f" Skipped {len(self.skipped)}: " + "; ".join(
                f"{display(p)} ({why})" for p, why in self.skipped[:5])
            text += " and more." if len(self.skipped) > 5 else "."
        return text


def entry_problem(path: str) -> Optional[str]:
    """Why a playlist entry is not a local music or video file; MISSING; or None (fine)."""
    from ..engine.library.tags import kind_of

    if "://" in path:
        return "not a local file (a web address)"
    if not os.path.isabs(path):
        return "not a local file"
    real = os.path.realpath(path)
    if any(real == d or real.startswith(d + "/") for d in SYSTEM_FOLDERS):
        return "a system file, not music"
    if kind_of(path) is None:
        return "not a music or video file"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return MISSING
    except OSError as exc:
        return os_reason(exc)
    return not_regular_reason(st.st_mode)


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

    def import_file(self, path: str, name: Optional[str] = None) -> "ImportResult":
        """Read an M3U8/XSPF file into the library; what was kept, missing and skipped.

        Relative entries are resolved against the playlist file's folder.
        Only local music and video files are kept: web addresses, system
        files and anything that is not a regular file are skipped with a
        reason; files that do not exist (yet: an unplugged drive) are kept
        and listed as missing.
        """
        from ..engine.playlists import read_playlist

        result = ImportResult((name or Path(path).stem).strip())
        kept = []
        for track in read_playlist(path):
            problem = entry_problem(track.path)
            if problem == MISSING:
                result.missing.append(track.path)
            elif problem:
                result.skipped.append((track.path, problem))
                continue
            kept.append(track)
        result.kept = len(kept)
        self.library.save_playlist(result.name, kept)
        return result

    @staticmethod
    def export(path: str, tracks, title: str) -> str:
        """Write M3U8 or XSPF (by extension; .m3u8 when none is given) for other players."""
        from ..engine.playlists import write_playlist

        if Path(path).suffix.lower() not in EXPORT_SUFFIXES:
            path += ".m3u8"
        return str(write_playlist(path, list(tracks), title=title))
