"""Unexpected errors become a log file and a message box, never a traceback.

``sys.excepthook`` catches what escapes a Qt slot on the GUI thread and
``threading.excepthook`` what escapes a plain thread. Both append the full
traceback to ``logs/crash.log`` under the app's data folder; the user sees a
short message naming that file. A message from another thread is handed to
the GUI thread through a signal.
"""

from __future__ import annotations

import datetime
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from ..engine import paths

log = logging.getLogger("moodplayer")


def crash_log_path() -> Path:
    return paths.logs_dir() / "crash.log"


def write_crash(exc_type, exc, tb, where: str = "") -> Path:
    path = crash_log_path()
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\n=== {stamp} {where}\n{text}")
    except OSError:
        pass  # nowhere to write: the message box still tells the user
    log.error("unexpected error %s\n%s", where, text)
    return path


class CrashReporter(QObject):
    _show = Signal(str)

    def __init__(self, parent_widget_getter=lambda: None, show_dialogs: bool = True):
        super().__init__()
        self.parent_widget = parent_widget_getter
        self.show_dialogs = show_dialogs
        self.count = 0
        self.last_message = None
        self._show.connect(self._message, Qt.QueuedConnection)
        self._old_hooks = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._old_hooks

    def _sys_hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return self._old_hooks[0](exc_type, exc, tb)
        self._report(exc_type, exc, tb, "in the window")

    def _thread_hook(self, args) -> None:
        name = args.thread.name if args.thread else "?"
        self._report(args.exc_type, args.exc_value, args.exc_traceback, f"in thread {name}")

    def _report(self, exc_type, exc, tb, where) -> None:
        self.count += 1
        path = write_crash(exc_type, exc, tb, where)
        self._show.emit(self.tr(
            "MoodPlayer hit an unexpected problem ({kind}: {problem}). Your photos, library and "
            "playlists are safe. The details were written to {path}; please include that file "
            "if you report this.").format(kind=exc_type.__name__, problem=exc, path=path))

    @Slot(str)
    def _message(self, text: str) -> None:
        self.last_message = text
        if self.show_dialogs:
            QMessageBox.warning(self.parent_widget(), self.tr("MoodPlayer: unexpected problem"),
                                text)
