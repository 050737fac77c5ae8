"""Fullscreen video: the window goes fullscreen around a video surface that never moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from moodplayer.engine.tracks import Track

from ..media import make_video


@pytest.fixture
def video_window(qtbot, window, media_dir, tmp_path):
    clip = make_video(tmp_path / "clip.mp4", seconds=1.0)
    # Offscreen Qt cannot host libVLC's video; xcb can (see test_video_platform): pretend
    # the embedding platform, which is what decides between our fullscreen and libVLC's.
    window.desktop.fullscreen.embedded = lambda: True
    window.now.set_video_embedded(True)
    window.controller.player.duration_of = lambda path: 60.0
    window.controller.set_queue([Track(str(clip), "Clip", kind="video"),
                                 Track(str(media_dir / "track0.ogg"), "Song")], autoplay=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.centralWidget().setFocus()
    return window


def test_f_double_click_and_esc(qtbot, video_window):
    w = video_window
    surface = w.now.video
    native = surface.winId()
    qtbot.keyClick(w.centralWidget(), Qt.Key_F)
    qtbot.waitUntil(w.isFullScreen, timeout=5000)
    assert w.desktop.fullscreen.active
    assert not w.menuBar().isVisible() and not w.transport.isVisible()
    assert not w.queue_view.isVisible() and surface.isVisible()
    assert surface.winId() == native  # libVLC keeps drawing into the same window
    qtbot.keyClick(surface, Qt.Key_Space)  # player keys still work without the menu bar
    assert w.controller.player.state().value == "paused"
    qtbot.keyClick(w.centralWidget(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=5000)
    assert w.menuBar().isVisible() and w.transport.isVisible() and w.queue_view.isVisible()
    qtbot.mouseDClick(surface, Qt.LeftButton)
    qtbot.waitUntil(w.isFullScreen, timeout=5000)
    qtbot.mouseDClick(surface, Qt.LeftButton)
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=5000)


def test_music_is_not_fullscreened_and_the_end_of_a_video_leaves(qtbot, video_window):
    w = video_window
    assert w.desktop.fullscreen.enter()
    w.controller.next()  # a song now: nothing to watch
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=5000)
    assert not w.desktop.fullscreen.enter()  # F with music playing changes nothing
    assert not w.isFullScreen()
