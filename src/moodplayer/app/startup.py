"""The first steps of a window launch, taken before Qt is imported.

A double-click on a photo runs ``moodplayer photo.jpg`` and waits for its
emotions; most of that wait is torch, open_clip and the weights, which need
no window. So the composition root reads the launch's paths and settings
and starts ``core.launch.LaunchStart`` first: the photos decode while Qt
imports and the window is built, and the reader loads from the moment the
window is shown. Everything here is Qt-free for that reason;
``single_instance`` re-exports the two path helpers.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from ..engine import paths

log = logging.getLogger(__name__)


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


# Who hears what a model load says while it takes long (the once-per-machine CPU
# measurement): the window's status area, once it exists. Called from loader threads.
_note_listeners: list = []


def listen_to_notes(listener) -> None:
    _note_listeners[:] = [listener]


def _note(text: str) -> None:
    log.info("%s", text)
    for listener in list(_note_listeners):
        try:
            listener(text)
        except RuntimeError:  # the window that listened is gone (its Qt object deleted)
            pass


def window_reader(settings, milestone=None):
    """The reader load the window runs (a stale adapter falls back to zero-shot and
    says so, instead of keeping the window from ever reading a photo)."""
    from ..core.factory import load_reader

    options = {"milestone": milestone} if milestone is not None else {}
    return partial(load_reader, settings, strict_adapter=False, check_online=True, note=_note,
                   **options)


# The reader waits for the window to be shown (LaunchStart.go), at most this long.
WINDOW_FIRST_S = 3.0


def start_early(settings, photos: list, milestone=None):
    """A started ``LaunchStart``: ``photos`` decoding now, the reader loading once the
    window is up (``go()``; see core/launch.py for why it takes turns with the window)."""
    from ..core.launch import LaunchStart, input_size

    options = {"milestone": milestone} if milestone is not None else {}
    return LaunchStart(window_reader(settings, milestone), photos, size=input_size(settings.model),
                       wait_for_go=WINDOW_FIRST_S, **options).start()


def skip_pyside_source_checks() -> bool:
    """Keep PySide6 from reading the source of every module imported after it.

    Once imported, PySide6 hooks ``import`` to learn which modules use it
    (for ``from __feature__ import snake_case``, which MoodPlayer does not use)
    by reading each new module's source file: torch and open_clip are
    thousands of files, ~0.5 s of CPU on a launch whose model is still
    importing beside the window. Only MoodPlayer's and Qt's own modules can
    use PySide6 here, so the check becomes a look at the name. The hook is
    PySide6's private code: where it is not as expected, nothing changes.
    Returns whether the check was replaced.
    """
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "by_name", False):
        return False

    def uses_pyside(module) -> bool:
        name = getattr(module, "__name__", "") or ""
        return name.split(".")[0] in ("moodplayer", "PySide6", "shiboken6", "__main__")

    uses_pyside.by_name = True
    feature._mod_uses_pyside = uses_pyside
    return True
