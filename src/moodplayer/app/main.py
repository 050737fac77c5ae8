"""The composition root: build every service once, hand them to the window, run.

Order matters for a snappy start: the window is shown first, then (on the
first turn of the event loop) the model starts loading on its worker thread
and the watched folders start being watched.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Optional

from ..engine import paths
from ..engine.settings import Settings


@dataclass
class AppServices:
    settings: Settings
    library: object  # services.LibraryService
    tuning: object  # services.TuningService
    controller: object  # PlayerController
    model: object  # WorkerHost owning the EmotionExtractor
    tasks: object  # WorkerHost for scans, queue building, folder expansion
    watcher: object  # FolderWatcher
    tray: Optional[object]  # Tray, or None (tests)
    player_message: Optional[str] = None  # why there is no sound, when there is none

    def shutdown(self) -> None:
        self.watcher.stop()
        self.model.shutdown()
        self.tasks.shutdown()
        self.controller.shutdown()


def build_services(settings: Settings, player=None, player_message: Optional[str] = None,
                   with_tray: bool = True, settle_ms: int = 2000) -> AppServices:
    """Everything the window needs. Tests pass their own player (null or headless VLC)."""
    from . import assets
    from .player_controller import PlayerController
    from ..engine.emotions.taxonomy import load_taxonomy
    from .services import LibraryService, TuningService
    from .tray import Tray
    from .watch_folders import FolderWatcher
    from .workers import WorkerHost

    if player is None:
        from .vlc_player import make_player

        player, player_message = make_player()
    tray = Tray(assets.icon("moodplayer")) if with_tray else None
    return AppServices(
        settings=settings,
        library=LibraryService(load_taxonomy(settings.taxonomy)),
        tuning=TuningService(),
        controller=PlayerController(player),
        model=WorkerHost("model"),
        tasks=WorkerHost("tasks"),
        watcher=FolderWatcher(settle_ms=settle_ms),
        tray=tray,
        player_message=player_message,
    )


def _setup_logging() -> None:
    handler = logging.FileHandler(paths.logs_dir() / "moodplayer.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_app(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from . import assets
    from .crashlog import CrashReporter
    from .main_window import MainWindow

    _setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0]] + argv)
    app.setApplicationName("MoodPlayer")
    app.setOrganizationName("MoodPlayer")
    app.setWindowIcon(assets.icon("moodplayer"))
    app.setStyleSheet(assets.stylesheet())
    app.setQuitOnLastWindowClosed(True)

    window = None
    crash = CrashReporter(lambda: window)
    crash.install()
    settings = Settings.load()
    services = build_services(settings)
    window = MainWindow(services)
    window.show()
    if os.environ.get("MOODPLAYER_STARTUP_PROBE"):
        # For benchmarks/bench_startup.py: leave as soon as the shown window
        # has been through one turn of the event loop (before background work).
        QTimer.singleShot(0, lambda: (print("window shown", flush=True), app.quit()))
    QTimer.singleShot(0, window.start_background)
    # Photos given on the command line ("moodplayer a.jpg folder/") are dropped in.
    photos = [a for a in argv if not a.startswith("-") and os.path.exists(a)]
    if photos:
        QTimer.singleShot(0, lambda: window.add_photos(photos))
    try:
        return app.exec()
    finally:
        crash.uninstall()
