from pathlib import Path


def test_drop_photos_shows_emotions_and_builds_queue(qtbot, window, photos):
    window.add_photos([str(p) for p in photos])
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=30000)
    shown = window.emotions.shown
    assert shown is not None
    assert abs(sum(shown.emotions.values()) - 1) < 1e-6
    qtbot.waitUntil(lambda: len(window.controller.queue) == 4, timeout=10000)
    window.grab().save(str(Path("/tmp/smoke.png")))
