"""The first steps of a window launch, taken before Qt is imported.

A double-click on a photo runs ``moodplayer photo.jpg`` and waits for its
emotions; most of that wait is torch, open_clip and the weights, which need
no window. So the composition root reads the launch's paths and settings
and starts ``core.launch.LaunchStart`` (the reader and the photos on their
own threads) first, and imports PySide6 while they run. Everything here is
Qt-free for that reason; ``single_instance`` re-exports the two path helpers.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from ..engine import paths


def socket_name(home: Optional[Path] = None) -> str:
    """A per-user, per-data-folder socket (a file path, so it never collides)."""
    home = Path(home or paths.home()).resolve()
    tag = hashlib.sha1(str(home).encode("utf-8")).hexdigest()[:12]
    if not hasattr(os, "getuid"):  # Windows: a pipe name, which is per session already
        return f"moodplayer-{os.environ.get('USERNAME', 'user')}-{tag}"
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(folder) / f"moodplayer-{os.getuid()}-{tag}.sock")


def launch_paths(argv) -> tuple:
    """(existing absolute paths, names not found) among the non-option arguments.

    Desktop entries may hand over file:// URLs; relative names are resolved
    against the *second* process's folder, which the first one does not know.
    """
    found, missing = [], []
    for arg in argv:
        if arg.startswith("-"):
            continue
        path = unquote(urlparse(arg).path) if arg.startswith("file://") else arg
        full = os.path.abspath(os.path.expanduser(path))
        (found if os.path.exists(full) else missing).append(full)
    return found, missing


def instance_may_be_running(name: Optional[str] = None) -> bool:
    """False only when no MoodPlayer can be listening: its socket file is absent.

    Then this launch will be the window, and its model may start loading
    before the hand-over check (which needs Qt). A file left by a crash reads
    as "maybe", and so does a Windows pipe name: those launches start the
    model after the check instead.
    """
    if not hasattr(os, "getuid"):
        return True
    return os.path.exists(name or socket_name())


def window_reader(settings, milestone=None):
    """The reader load the window runs (a stale adapter falls back to zero-shot and
    says so, instead of keeping the window from ever reading a photo)."""
    from ..core.factory import load_reader

    options = {"milestone": milestone} if milestone is not None else {}
    return partial(load_reader, settings, strict_adapter=False, check_online=True, **options)


def start_early(settings, photos: list, milestone=None):
    """A started ``LaunchStart``: the reader loading, ``photos`` decoding."""
    from ..core.launch import LaunchStart, input_size

    options = {"milestone": milestone} if milestone is not None else {}
    return LaunchStart(window_reader(settings, milestone), photos, size=input_size(settings.model),
                       **options).start()
