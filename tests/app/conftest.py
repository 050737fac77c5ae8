"""Fixtures for the headless GUI tests: generated photos and media, a built window."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ..media import make_tone, make_video  # noqa: F401 - used by fixtures and tests

pytest.importorskip("PySide6")


@pytest.fixture(scope="session", autouse=True)
def private_session_bus():
    """A D-Bus session bus of our own for every GUI test, or none at all.

    QtDBus binds to DBUS_SESSION_BUS_ADDRESS the first time it is used in the
    process, so this runs before the first window: no test ever registers a
    media player on the developer's real desktop bus.
    """
    old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    daemon = shutil.which("dbus-daemon")
    pid = None
    if daemon is None:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/moodplayer-no-bus"
    else:
        out = subprocess.run([daemon, "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], capture_output=True, text=True, timeout=20,
                             check=True).stdout.split()
        os.environ["DBUS_SESSION_BUS_ADDRESS"], pid = out[0], int(out[1])
    yield os.environ["DBUS_SESSION_BUS_ADDRESS"] if daemon else None
    if pid is not None:
        try:
            os.kill(pid, 15)
        except OSError:
            pass
    if old is None:
        os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    else:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = old


def make_photo(path: Path, seed: int, size=(96, 72)) -> Path:
    rng = np.random.default_rng(seed)
    arr = (rng.random((size[1], size[0], 3)) * 255).astype(np.uint8)
    Image.fromarray(arr).save(path)
    return path


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    return [make_photo(folder / f"p{i}.jpg", i) for i in range(3)]


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory):
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to generate test media")
    folder = tmp_path_factory.mktemp("music")
    for i in range(6):
        make_tone(folder / f"track{i}.ogg", 1.0, 300 + 60 * i, title=f"Track {i}",
                  artist=f"Artist {i % 3}")
    return folder


@pytest.fixture
def settings(tiny_spec, media_dir):
    from moodplayer.engine.settings import Settings

    s = Settings(model=tiny_spec, device="cpu", precision="fp32", batch_size=4,
                 queue_length=4, library_folders=[str(media_dir)])
    s.extra["first_run_done"] = True
    s.extra["listen"] = False  # the listening job has its own tests; keep these to the window
    s.save()
    return s


@pytest.fixture
def null_player():
    from moodplayer.engine.playback import NullPlayer

    return NullPlayer(default_duration=60.0)


@pytest.fixture
def window(qtbot, settings, null_player):
    """The real main window around a null player and the tiny model, library scanned."""
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow

    services = build_services(settings, player=null_player, with_tray=False, settle_ms=300)
    services.library.scan(settings.library_folders)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(services.model.context_ready, timeout=30000):
        win.start_background(first_run=False)
    yield win
    win.close()
