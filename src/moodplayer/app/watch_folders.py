"""Watch photo folders; report each new batch of photos once it has settled.

QFileSystemWatcher only says "this folder changed" (and a copy of 200 photos
says it hundreds of times, before the files are complete), so we diff the
folder listing ourselves and wait until nothing has changed for ``settle_ms``
— sizes included — before reporting the batch. A slow poll backs up the
watcher, which misses changes on some network and removable drives.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from ..engine.vision.images import is_image_path


def _listing(folder: str) -> dict:
    """path -> (size, mtime) of the photos directly in ``folder``; {} when it is gone."""
    out = {}
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.is_file() and not e.name.startswith(".") and is_image_path(e.name):
                    st = e.stat()
                    out[e.path] = (st.st_size, st.st_mtime_ns)
    except OSError:
        return {}
    return out


class FolderWatcher(QObject):
    batch_ready = Signal(str, list)  # folder, new photo paths (sorted)
    folder_problem = Signal(str, str)  # folder, message

    def __init__(self, settle_ms: int = 2000, poll_ms: int = 5000, parent=None):
        super().__init__(parent)
        self.settle_ms = settle_ms
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._known: dict = {}  # folder -> listing reported (or present at start)
        self._pending: dict = {}  # folder -> last listing seen while settling
        self._timers: dict = {}
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._poll_all)
        self._missing: set = set()

    def folders(self) -> list:
        return list(self._known)

    def set_folders(self, folders) -> None:
        folders = [str(Path(f).expanduser()) for f in folders]
        for f in list(self._known):
            if f not in folders:
                self.remove_folder(f)
        for f in folders:
            self.add_folder(f)

    def add_folder(self, folder: str) -> None:
        folder = str(folder)
        if folder in self._known:
            return
        # Photos already there are not "new": only what arrives from now on is.
        self._known[folder] = _listing(folder)
        if Path(folder).is_dir():
            self._watcher.addPath(folder)
        else:
            self._missing.add(folder)
            self.folder_problem.emit(folder, self.tr("this watched folder does not exist (yet)"))
        if not self._poll.isActive():
            self._poll.start()

    def remove_folder(self, folder: str) -> None:
        self._known.pop(folder, None)
        self._pending.pop(folder, None)
        self._missing.discard(folder)
        timer = self._timers.pop(folder, None)
        if timer:
            timer.stop()
        if folder in self._watcher.directories():
            self._watcher.removePath(folder)

    def stop(self) -> None:
        self._poll.stop()
        for f in list(self._known):
            self.remove_folder(f)

    @Slot(str)
    def _changed(self, folder: str) -> None:
        if folder not in self._known:
            return
        listing = _listing(folder)
        if listing == self._pending.get(folder) and folder in self._timers:
            return  # same as what we are already waiting on
        self._pending[folder] = listing
        timer = self._timers.get(folder)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda f=folder: self._settled(f))
            self._timers[folder] = timer
        timer.start(self.settle_ms)  # restart: the batch is still arriving

    def _settled(self, folder: str) -> None:
        if folder not in self._known:
            return
        listing = _listing(folder)
        if listing != self._pending.get(folder):  # changed since: wait again
            self._changed(folder)
            return
        self._timers.pop(folder, None)
        known = self._known[folder]
        new = sorted(p for p, sig in listing.items() if p not in known and sig[0] > 0)
        self._known[folder] = listing
        if new:
            self.batch_ready.emit(folder, new)

    @Slot()
    def _poll_all(self) -> None:
        for folder in list(self._known):
            exists = Path(folder).is_dir()
            if not exists:
                if folder not in self._missing:
                    self._missing.add(folder)
                    self.folder_problem.emit(folder,
                                             self.tr("this watched folder has disappeared"))
                continue
            if folder in self._missing:  # came back (a drive was plugged in)
                self._missing.discard(folder)
                self._watcher.addPath(folder)
            if folder not in self._timers and _listing(folder) != self._known[folder]:
                self._changed(folder)
