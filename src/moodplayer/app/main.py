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
    library: object  # engine.library.Library: the one door to stored data
    session: object  # core.mood_session.MoodSession
    auto_playlists: object  # core.auto_playlists.AutoPlaylists
    playlists: object  # core.playlists.Playlists
    tuning: object  # core.tuning.Tuning
    library_jobs: object  # core.library_jobs.LibraryJobs
    controller: object  # PlayerController (Qt side of core.player.PlaybackSession)
    model: object  # WorkerHost owning the EmotionExtractor
    tasks: object  # WorkerHost for scans, queue building, folder expansion
    audio: object  # WorkerHost that runs the listening job (its workers are processes)
    downloads: object  # WorkerHost for model downloads (a scan never waits behind one)
    listening: object  # core.listening.Listening
    watcher: object  # FolderWatcher
    tray: Optional[object]  # Tray, or None (tests)
    player_message: Optional[str] = None  # why there is no sound, when there is none

    def shutdown(self) -> None:
        self.watcher.stop()
        self.model.shutdown()
        self.audio.cancel()
        self.tasks.shutdown()
        self.audio.shutdown()
        self.downloads.shutdown()
        self.controller.shutdown()


def build_services(settings: Settings, player=None, player_message: Optional[str] = None,
                   with_tray: bool = True, settle_ms: int = 2000) -> AppServices:
    """Everything the window needs, built once. Tests pass their own player."""
    from ..core.auto_playlists import AutoPlaylists
    from ..core.library_jobs import LibraryJobs
    from ..core.listening import Listening
    from ..core.mood_session import MoodSession
    from ..core.playlists import Playlists
    from ..core.tuning import Tuning
    from ..engine.emotions.taxonomy import load_taxonomy
    from ..engine.library import Library
    from . import assets
    from .player_controller import PlayerController
    from .tray import Tray
    from .watch_folders import FolderWatcher
    from .workers import WorkerHost

    if player is None:
        from ..engine.playback.vlc import make_player

        player, player_message = make_player(
            replay_gain=settings.extra.get("replay_gain", "track"))
    library = Library(taxonomy=load_taxonomy(settings.taxonomy))
    session = MoodSession(library, settings)
    return AppServices(
        settings=settings, library=library, session=session,
        auto_playlists=AutoPlaylists(session, library, settings),
        playlists=Playlists(library), tuning=Tuning(library, settings),
        library_jobs=LibraryJobs(library, settings),
        controller=PlayerController(player),
        model=WorkerHost("model"), tasks=WorkerHost("tasks"), audio=WorkerHost("audio"),
        downloads=WorkerHost("downloads"),
        listening=Listening(library),
        watcher=FolderWatcher(settle_ms=settle_ms),
        tray=Tray(assets.icon("moodplayer")) if with_tray else None,
        player_message=player_message,
    )


def _setup_logging() -> None:
    handler = logging.FileHandler(paths.logs_dir() / "moodplayer.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_app(argv=None) -> int:
    """The window. A launch with photos (a double-click) has their emotions as its first
    job: the photos decode from before Qt is imported, and the model loads from the
    moment the window is shown (see ``startup`` and ``core.launch``). Without photos the
    window comes first and the model loads behind it on its worker, as for a drop."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from . import probe, startup

    new_instance = "--new-instance" in argv
    _setup_logging()
    settings = Settings.load()
    photos = startup.launch_paths(argv)[0]
    early = None
    if photos and (new_instance or not startup.instance_may_be_running()):
        early = startup.start_early(settings, photos, probe.mark)
    app = _qt_application(argv)
    status = None if new_instance else _hand_over(argv)
    if status is not None:
        return status  # a running MoodPlayer took the photos; no second model, no second player
    if photos and early is None:
        early = startup.start_early(settings, photos, probe.mark)
    return _run_window(app, settings, argv, photos, early)


def _qt_application(argv):
    from . import startup
    from .video_platform import choose_qt_platform  # the first import of PySide6

    startup.skip_pyside_source_checks()  # torch and open_clip come after Qt: spare them

    platform = choose_qt_platform(os.environ)  # Wayland + XWayland: embedded video needs X11
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    from PySide6.QtWidgets import QApplication

    from . import assets

    app = QApplication.instance() or QApplication([sys.argv[0]] + argv)
    app.setApplicationName("MoodPlayer")
    app.setOrganizationName("MoodPlayer")
    app.setWindowIcon(assets.icon("moodplayer"))
    # The window may live on hidden in the tray; the app ends when it really closes.
    app.setQuitOnLastWindowClosed(False)
    return app


def _hand_over(argv) -> Optional[int]:
    from . import single_instance

    return single_instance.handed_to_running(argv)


def _run_window(app, settings, argv, photos: list, early) -> int:
    from PySide6.QtCore import QTimer

    from . import assets, i18n, probe, single_instance, theme
    from .crashlog import CrashReporter
    from .main_window import MainWindow
    from .mpris import start_mpris

    probe.mark("imports done")
    window = None
    crash = CrashReporter(lambda: window)
    crash.install()
    # Language and theme before any widget exists: widgets are built translated and themed.
    i18n.install(app, settings.extra.get("language", i18n.SYSTEM))
    theme.apply(app, settings.extra.get("theme", theme.SYSTEM), assets.stylesheet())
    services = build_services(settings)
    window = MainWindow(services)
    window.launch = early
    window.desktop.connect_application(app)
    desktop = [None if "--new-instance" in argv else single_instance.serve(window)]
    # Desktop media controls are not what a double-click waits for.
    window.services_started.connect(lambda: desktop.append(start_mpris(window)))
    window.show()
    probe.watch_first_emotion(window)
    QTimer.singleShot(0, lambda: probe.mark("window shown"))
    if early is not None:
        QTimer.singleShot(0, early.go)  # the window is up: the model's turn
    if os.environ.get("MOODPLAYER_STARTUP_PROBE"):
        # For benchmarks/bench_startup.py: leave as soon as the shown window
        # has been through one turn of the event loop (before background work).
        QTimer.singleShot(0, lambda: (print("window shown", flush=True), app.quit()))
    # Photos given on the command line ("moodplayer a.jpg folder/") are read first.
    QTimer.singleShot(0, lambda: window.start_background(photos=photos))
    try:
        return app.exec()
    finally:
        for service in filter(None, desktop):
            service.close()
        crash.uninstall()
