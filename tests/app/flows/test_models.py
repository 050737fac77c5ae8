"""The window's first-run download, headless, against the local fake hub."""

from __future__ import annotations

import socket
from collections import namedtuple

import pytest
from PySide6.QtCore import Qt

from moodplayer.engine import paths

from ...fake_hub import TINY_REPO, go_online, server, tiny_hub  # noqa: F401 - fixtures

SPEC = f"hf-hub:{TINY_REPO}"
LEFT = Qt.LeftButton


@pytest.fixture
def missing(qtbot, settings, null_player, monkeypatch):
    """A window whose model is not on disk, on a computer that looks online."""
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine.vision import model as vision_model

    def start(spec):
        # The page offers the download only when huggingface.co answers; the
        # first load itself stays offline (HF_HUB_OFFLINE), so nothing leaves the machine.
        monkeypatch.setattr(vision_model, "hub_reachable", lambda *a, **k: True)
        settings.model = spec
        services = build_services(settings, player=null_player, with_tray=False)
        win = MainWindow(services)
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(services.model.context_failed, timeout=60000):
            win.start_background(first_run=False)
        assert win.mood_stack.currentWidget() is win.model_missing
        assert win.model_missing.b_download.isVisibleTo(win)
        windows.append(win)
        return win

    windows = []
    yield start
    for win in windows:
        win.close()


def partial_files():
    return list(paths.models_dir().glob("models--*/blobs/*.incomplete"))


def test_progress_in_bytes_cancel_keeps_the_partial_file_and_a_second_click_resumes(
        qtbot, missing, tiny_hub, monkeypatch):
    win = missing(SPEC)
    page, flow = win.model_missing, win.model_download
    go_online(monkeypatch, tiny_hub.url)
    tiny_hub.delay, tiny_hub.chunk = 0.01, 16 * 1024  # ~1.6 MB/s: seconds for the 13 MB
    qtbot.mouseClick(page.b_download, LEFT)
    qtbot.waitUntil(lambda: " MB of 1" in page.detail.text() and "MB/s" in page.detail.text(),
                    timeout=20000)
    assert page.b_cancel.isVisibleTo(win) and not page.b_download.isVisibleTo(win)
    assert not page.b_retry.isEnabled()
    assert 0 < page.progress.value() < page.progress.maximum()
    qtbot.mouseClick(page.b_cancel, LEFT)
    qtbot.waitUntil(lambda: not flow.running, timeout=20000)
    assert page.heading.text() == "Download paused"
    [partial] = partial_files()
    kept = partial.stat().st_size
    assert kept > 0 and "Resume the download" in page.b_download.text()

    tiny_hub.delay = 0.0
    with qtbot.waitSignal(win.model.context_ready, timeout=60000):  # downloaded, then loaded
        qtbot.mouseClick(page.b_download, LEFT)
    assert (tiny_hub.hub["test-org/tiny-clip/open_clip_model.safetensors"], f"bytes={kept}-") \
        in tiny_hub.gets()  # only the rest travelled
    assert partial_files() == []
    assert win.mood_stack.currentWidget() is win.emotions and win.model_state == "ready"


def test_an_unreachable_hub_says_how_to_carry_the_model_here(qtbot, missing, monkeypatch):
    win = missing("ViT-B-32:laion2b_s34b_b79k")
    page = win.model_missing
    assert "ViT-B/32, LAION-2B (default) · about 605 MB" in page.about.text()
    with socket.socket() as s:  # a port nobody listens on: the hub is out of reach
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    go_online(monkeypatch, closed)
    qtbot.mouseClick(page.b_download, LEFT)
    qtbot.waitUntil(lambda: not win.model_download.running, timeout=30000)
    text = page.message.text()
    assert page.heading.text() == "The download did not finish"
    assert "could not be reached" in text and "Traceback" not in text
    assert "https://huggingface.co/laion/CLIP-ViT-B-32-laion2B-s34B-b79K" in text
    assert "local-dir:" in text and page.b_download.isVisibleTo(win) and page.b_folder.isEnabled()


def test_a_full_disk_is_refused_before_the_first_byte(qtbot, missing, tiny_hub, monkeypatch):
    from moodplayer.engine.models import space

    win = missing(SPEC)
    go_online(monkeypatch, tiny_hub.url)
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(space.shutil, "disk_usage", lambda p: Usage(10**9, 10**9 - 10**6, 10**6))
    qtbot.mouseClick(win.model_missing.b_download, LEFT)
    qtbot.waitUntil(lambda: not win.model_download.running, timeout=30000)
    assert "Not enough disk space" in win.model_missing.message.text()
    assert "1.0 MB free" in win.model_missing.message.text()
    assert tiny_hub.gets() == []
