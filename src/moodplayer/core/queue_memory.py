"""The play queue kept across restarts: tracks, which one, where in it.

``QueueMemory.save`` writes the session's queue, current index, position,
shuffle and repeat to one JSON file in the app's data folder, atomically (a
temporary file renamed over the old one), so a crash mid-write leaves the
previous queue intact. ``restore`` puts it back paused at that position;
files that disappeared meanwhile are left out and named in the message it
returns, and an unreadable file costs only the old queue, never the start.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Optional

from ..engine import paths
from ..engine.tracks import Track

log = logging.getLogger(__name__)

QUEUE_FILE = "queue.json"
VERSION = 1
_FIELDS = ("path", "title", "artist", "album", "kind", "duration", "reason", "score",
           "item_id", "valence", "arousal")


def track_to_json(track: Track) -> dict:
    return {f: getattr(track, f) for f in _FIELDS}


def track_from_json(data: dict) -> Track:
    known = {f.name for f in dataclasses.fields(Track)}
    return Track(**{k: v for k, v in data.items() if k in known and k != "extra"})


def _names(paths_: list, limit: int = 3) -> str:
    shown = ", ".join(Path(p).name for p in paths_[:limit])
    return shown + (f" and {len(paths_) - limit} more" if len(paths_) > limit else "")


class QueueMemory:
    def __init__(self, path: Optional[Path] = None):
        self.path = Path(path) if path is not None else paths.home() / QUEUE_FILE

    def snapshot(self, session) -> dict:
        entry = session.queue.current_entry()
        return {
            "version": VERSION,
            "tracks": [track_to_json(t) for t in session.queue.entries],
            "index": session.queue.current,
            "position": round(float(session.player.position()), 3) if entry is not None else 0.0,
            "shuffle": session.shuffle,
            "repeat": session.repeat,
        }

    def save(self, session) -> Optional[str]:
        """Write the queue; returns a message when it could not be written."""
        data = json.dumps(self.snapshot(session), ensure_ascii=False)
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())  # the rename must never expose an empty file
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not save the queue to %s: %s", self.path, exc)
            return f"The queue could not be saved ({exc.strerror or exc})."
        return None

    def load(self) -> tuple:
        """(tracks, index, position, options, problem) from the file; empty when none."""
        if not self.path.exists():
            return [], -1, 0.0, {}, None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            tracks = [track_from_json(t) for t in data["tracks"]]
            index, position = int(data.get("index", -1)), float(data.get("position", 0.0))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("saved queue %s unreadable: %s", self.path, exc)
            return [], -1, 0.0, {}, "The last queue could not be read, so it was not restored."
        options = {k: data[k] for k in ("shuffle", "repeat") if k in data}
        return tracks, index, position, options, None

    def restore(self, session, exists=os.path.isfile) -> Optional[str]:
        """Put the saved queue into ``session``; returns a message for the user, or None."""
        tracks, index, position, options, problem = self.load()
        if problem or not tracks:
            return problem
        kept, missing = [], []
        new_index, keep_position = -1, False
        for i, track in enumerate(tracks):
            if not exists(track.path):
                missing.append(track.path)
                continue
            if i >= index and new_index < 0 and index >= 0:
                new_index, keep_position = len(kept), i == index  # the next one that is left
            kept.append(track)
        if kept:
            session.restore(kept, new_index, position if keep_position else 0.0)
        try:
            session.set_shuffle(bool(options.get("shuffle", False)))
            session.set_repeat(options.get("repeat", "off"))
        except ValueError:
            pass  # a hand-edited repeat mode only loses the option
        if missing:
            return (f"{len(missing)} item{'s' if len(missing) > 1 else ''} of the last queue "
                    f"could not be found and {'were' if len(missing) > 1 else 'was'} left out: "
                    f"{_names(missing)}.")
        return None
