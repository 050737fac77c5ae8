"""Is there room for a download? Asked before the first byte, not when the disk is full."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import MoodPlayerError
from .progress import human_bytes

HEADROOM = 64 * 1024 * 1024  # keep this much disk free beyond the download itself


def check_disk_space(folder: Path, needed: int) -> None:
    """Refuse before starting when ``needed`` bytes (+ headroom) do not fit on ``folder``'s disk."""
    folder = Path(folder)
    probe = folder
    while not probe.exists() and probe != probe.parent:  # the folder may not exist yet
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed + HEADROOM > free:
        raise MoodPlayerError(
            f"Not enough disk space: the download needs {human_bytes(needed)} and {folder} has only "
            f"{human_bytes(free)} free (MoodPlayer keeps {human_bytes(HEADROOM)} spare). Free some "
            f"space, or set MOODPLAYER_MODELS_DIR to a folder on a bigger disk.")
