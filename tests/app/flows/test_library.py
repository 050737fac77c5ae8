"""The library in the window: a rebuilt (damaged) library and unreadable folders are said in the banner."""

from __future__ import annotations

import os

import pytest


def test_a_damaged_library_is_rebuilt_and_the_banner_says_what_was_kept(
        qtbot, settings, null_player, tmp_path):
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine import paths
    from moodplayer.engine.library import Library
    from moodplayer.engine.tracks import Track

    lib = Library()  # the app's own library, in this test's MOODPLAYER_HOME
    lib.scan(settings.library_folders, keyframes=False)
    first = lib.items()[0].path
    lib.save_playlist("Sunday", [Track(first)])
    lib.close()
    db = paths.database_path()
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    db.write_bytes(os.urandom(4096))

    services = build_services(settings, player=null_player, with_tray=False)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    win.start_background(first_run=False)
    text = win.banner.text.text
    assert "The library database was damaged" in text() and win.banner.isVisible()
    qtbot.waitUntil(lambda: "songs and videos again" in text(), timeout=60000)
    assert "restored 1 saved playlist" in text() and "found 6 songs and videos again" in text()
    assert [t.path for t in services.playlists.load("Sunday")] == [first]
    if os.environ.get("MOODPLAYER_SCREENSHOTS"):
        win.grab().save(os.path.join(os.environ["MOODPLAYER_SCREENSHOTS"], "recovered.png"))
    win.close()
    services.shutdown()


@pytest.mark.parametrize("errors, expected", [
    ([("/photos/private", "cannot read this folder: permission denied")],
     "Could not open /photos/private (permission denied). The others were analysed."),
    ([("/photos/private", "cannot read this folder: permission denied"),
      ("/photos/a.jpg", "not a regular file (a named pipe)")],
     "Could not open /photos/private (permission denied). 1 of 2 photos could not be read "
     "(a.jpg): not a regular file (a named pipe). The others were analysed."),
])
def test_unreadable_folders_are_named_with_their_reason(window, errors, expected):
    from moodplayer.engine.emotions.extractor import Analysis, PhotoResult
    from moodplayer.engine.emotions.result import EmotionResult

    good = PhotoResult("/photos/b.jpg", EmotionResult.from_probs(
        [1.0] + [0.0] * (len(window.taxonomy) - 1), window.taxonomy))
    photos = [PhotoResult(p, error=e) for p, e in errors] + [good]
    window.photos.show_analysis(Analysis(photos, good.result))
    assert window.banner.text.text() == expected
