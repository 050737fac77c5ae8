"""A damaged library database: keep it, start afresh, bring back what only the user made.

What happens, in order (each step is safe to repeat if the next start
finds the work half done):

1. The damaged file (and its ``-wal``/``-shm``) is renamed with the date,
   never deleted: an expert may still salvage something from it.
2. A new, empty database is created in its place.
3. Labels and saved playlists are restored from the automatic backup
   (``backup.py``).
4. The library folders named in the backup are rescanned
   (``Library.finish_recovery``, run by the caller where it suits: the CLI
   at once, the window on its task worker so the window still opens at once).

``Recovery.message`` tells the user, in one paragraph, what happened and
what was kept.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..fsnames import display
from . import backup
from .connection import DamagedDatabase
from .db import Database
from .errors import LibraryError


@dataclass
class Recovery:
    reason: str  # what SQLite said about the damaged file
    damaged_copy: Path  # where the damaged file now is
    backup_when: str  # when the backup used was written ("never": none found)
    playlists: int = 0
    labels: int = 0
    folders: list = field(default_factory=list)  # library folders to rescan
    items: Optional[int] = None  # songs and videos found again (None until rescanned)
    failed_folders: list = field(default_factory=list)

    def message(self) -> str:
        text = (f"The library database was damaged ({self.reason}). MoodPlayer kept the "
                f"damaged file as {display(self.damaged_copy)} and started a new library. ")
        if self.backup_when == "never":
            text += ("No automatic backup was found, so saved playlists and labels could not "
                     "be restored. ")
        else:
            text += (f"From the automatic backup of {self.backup_when} it restored "
                     f"{_n(self.playlists, 'saved playlist')} and {_n(self.labels, 'label')}. ")
        if self.items is not None:
            text += (f"It rescanned {_n(len(self.folders), 'library folder')} and found "
                     f"{_n(self.items, 'song or video', 'songs and videos')} again. ")
        elif self.folders:
            text += f"It will rescan {_n(len(self.folders), 'library folder')}. "
        if self.failed_folders:
            text += "Could not read: " + ", ".join(display(f) for f in self.failed_folders) + ". "
        return text + "The play history from before could not be kept."


def _n(n: int, one: str, many: Optional[str] = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def set_aside(path: Path, now: Optional[dt.datetime] = None) -> Path:
    """Rename the damaged file (and its WAL and shared-memory files) with the date."""
    stamp = f"{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        os.replace(path, target)
    except OSError as exc:
        raise LibraryError(f"the library database {path} is damaged and could not be set aside "
                           f"for repair ({exc.strerror or exc}); move it away by hand and start "
                           f"again") from None
    return target


def open_or_recover(path: Path) -> tuple:
    """(Database, Recovery or None): a damaged file is replaced and the user data restored."""
    try:
        return Database(path), None
    except DamagedDatabase as exc:
        damaged = exc
    if not os.access(path.parent, os.W_OK):
        raise LibraryError(f"{damaged} The folder {path.parent} is read-only, so MoodPlayer "
                           f"cannot repair it.")
    kept = set_aside(path)
    db = Database(path)
    data = backup.read_backup(path)
    playlists, labels = backup.restore(db, data)
    return db, Recovery(reason=damaged.reason, damaged_copy=kept, backup_when=data.when,
                        playlists=playlists, labels=labels, folders=list(data.folders))
