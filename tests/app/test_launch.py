"""A double-click launch (``moodplayer photo.jpg``): the photo's emotions come first.

The window is built as ``run_app`` builds it: with photos, the reader and the
photos start loading before the window (``startup.start_early``), the window
takes that reader, and the rest of the start (watching, library views,
first-run setup, listening, MPRIS) waits for the photo's result.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import make_photo

SRC = Path(__file__).resolve().parents[2] / "src"


def launch_window(qtbot, settings, player, photos, first_run=False):
    """What run_app does, with a null player and no tray."""
    from moodplayer.app import startup
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow

    early = startup.start_early(settings, [str(p) for p in photos]) if photos else None
    services = build_services(settings, player=player, with_tray=False, settle_ms=300)
    win = MainWindow(services)
    win.launch = early
    qtbot.addWidget(win)
    win.show()
    started = []
    win.services_started.connect(lambda: started.append(win.emotions.shown))
    win.start_background(first_run=first_run, photos=[str(p) for p in photos])
    return win, early, started


def test_the_launch_photo_is_read_by_the_early_reader_and_shown(qtbot, settings, null_player,
                                                                tmp_path, monkeypatch):
    from moodplayer.core import factory

    loads = []
    real_load = factory.load_reader

    def counted(*args, **kwargs):
        loads.append(1)
        return real_load(*args, **kwargs)
    monkeypatch.setattr(factory, "load_reader", counted)
    photo = make_photo(tmp_path / "holiday.jpg", 7)
    win, early, started = launch_window(qtbot, settings, null_player, [photo])
    qtbot.waitUntil(lambda: win.emotions.shown is not None, timeout=60000)
    analysis = win.photos.analysis
    assert [p.path for p in analysis.photos] == [str(photo)]
    assert win.emotions.shown is analysis.combined and len(win.emotions.bars.rows) == 8
    assert win.strip.paths() == [str(photo)]
    # The model worker took the reader the launch loaded; it did not load a second one,
    # and the launch let go of it (a model chosen later must be freed).
    assert not early.claim() and loads == [1]
    assert win.model.worker.context is not None
    with pytest.raises(RuntimeError, match="handed over"):
        early.take_reader(timeout=1)
    # The deferred start ran, and only once the result was on screen.
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    assert started == [analysis.combined]
    win.close()


def test_the_first_run_setup_waits_for_the_launch_photo(qtbot, settings, null_player, tmp_path):
    settings.extra["first_run_done"] = False
    settings.library_folders = []
    photo = make_photo(tmp_path / "first.jpg", 8)
    win, _early, started = launch_window(qtbot, settings, null_player, [photo], first_run=True)
    assert getattr(win.library_flow, "dialog", None) is None  # not over the photo's result
    qtbot.waitUntil(lambda: bool(started), timeout=60000)
    assert started[0] is not None  # the emotions were shown before the setup opened
    assert win.library_flow.dialog is not None and win.library_flow.dialog.isVisible()
    win.library_flow.dialog.reject()
    win.close()


def test_a_launch_without_photos_starts_everything_at_once(qtbot, settings, null_player):
    """No photos: the window first, the model behind it on its worker, nothing deferred."""
    win, _early, started = launch_window(qtbot, settings, null_player, [])
    assert started == [None]  # nothing to wait for
    qtbot.waitUntil(lambda: win.model_state == "ready", timeout=60000)
    assert win.model.worker.context is not None and win.photos.analysis is None
    win.close()


def test_a_corrupt_launch_photo_is_said_in_words_and_the_start_goes_on(qtbot, settings,
                                                                      null_player, tmp_path,
                                                                      app_home):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    win, _early, started = launch_window(qtbot, settings, null_player, [bad])
    qtbot.waitUntil(lambda: bool(started), timeout=60000)
    assert win.model_state == "ready"
    assert win.emotions.title.text() == "No readable photo"
    banner = win.banner.text.text()
    assert "broken.jpg" in banner and "corrupt" in banner
    log = (app_home / "logs" / "moodplayer.log")
    assert not log.exists() or "Traceback" not in log.read_text()
    win.close()


def test_a_model_that_fails_to_load_early_is_explained_and_retry_loads_anew(qtbot, settings,
                                                                           null_player, tmp_path):
    real = settings.model
    settings.model = "ViT-B-32:laion2b_s34b_b79k"  # not on disk; tests are offline
    photo = make_photo(tmp_path / "p.jpg", 9)
    win, early, started = launch_window(qtbot, settings, null_player, [photo])
    qtbot.waitUntil(lambda: win.model_state == "missing", timeout=60000)
    assert "not downloaded" in win.model_missing.message.text()
    qtbot.waitUntil(lambda: bool(started), timeout=10000)  # the failed analysis settled the start
    settings.model = real
    with qtbot.waitSignal(win.model.context_ready, timeout=60000):
        win.load_model()  # Retry: a fresh load, not the launch's failed one again
    assert win.model_state == "ready"
    win.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen launch probe")
def test_moodplayer_photo_from_a_file_manager_shows_its_emotions(tmp_path, tiny_spec):
    """The real process, as a double-click starts it: milestones in order, then it leaves."""
    photo = make_photo(tmp_path / "double-click.jpg", 11)
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen",
               MOODPLAYER_FIRST_EMOTION_PROBE="1", MOODPLAYER_MODEL=tiny_spec,
               MOODPLAYER_DEVICE="cpu", MOODPLAYER_PRECISION="fp32",
               MOODPLAYER_HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "moodplayer", str(photo)], env=env,
                         capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-3000:]
    names = [line[len("probe "):].rsplit(" ", 1)[0] for line in out.stdout.splitlines()
             if line.startswith("probe ")]
    assert names[0] == "started" and names[-1] == "emotions shown"
    for name in ("imports done", "window shown", "model loaded", "text features ready",
                 "photo decoded"):
        assert name in names
    assert names.index("model loaded") < names.index("text features ready")
    assert "Traceback" not in out.stderr


def test_a_long_model_load_is_said_in_the_status_bar(window, qtbot):
    """The once-per-machine CPU measurement speaks from the loader thread; the status says
    it, and puts the model's name back when it is over."""
    import threading

    from moodplayer.app import startup
    from moodplayer.engine.vision.cpu_plan import MEASURED

    before = window.status.model_label.text()
    for words in ("Measuring the fastest way...", MEASURED):
        said = threading.Thread(target=startup._note, args=(words,))
        said.start()
        said.join()
        if words:
            qtbot.waitUntil(lambda: "first start only" in window.status.model_label.text(),
                            timeout=3000)
    qtbot.waitUntil(lambda: window.status.model_label.text() == before, timeout=3000)
