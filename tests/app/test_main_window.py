"""The main window, headless, with the tiny model and the null player."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from .conftest import make_photo


def drop(widget, paths):
    """Drag-enter then drop, through the widget's own handlers.

    Qt refuses a synthetic drop sent through the event loop when no real drag
    is in progress, so the handlers are called directly with real events.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # QDragEnterEvent takes a QPoint (QDropEvent a QPointF); PySide6 6.12 converted
    # a QPointF silently, 6.11 does not.
    enter = QDragEnterEvent(QPoint(20, 20), Qt.CopyAction, mime, Qt.LeftButton,
                            Qt.NoModifier)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    widget.dropEvent(QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton,
                                Qt.NoModifier))


def wait_analysis(qtbot, window, n_photos):
    qtbot.waitUntil(lambda: window.photos.analysis is not None
                    and len(window.photos.analysis.photos) == n_photos, timeout=30000)


def test_dropping_files_shows_emotions_and_starts_a_queue(qtbot, window, photos):
    drop(window.drop, photos)
    wait_analysis(qtbot, window, 3)
    combined = window.emotions.shown
    assert combined is window.photos.analysis.combined
    assert abs(sum(combined.emotions.values()) - 1) < 1e-6
    assert window.emotions.bars.rows and len(window.emotions.bars.rows) == 8
    assert window.emotions.circle.point == (combined.valence, combined.arousal)
    # Selecting one photo shows that photo's own result, from the worker.
    window.strip.setCurrentRow(2)
    own = window.photos.results[str(photos[1])].result
    assert window.emotions.shown is own and window.emotions.title.text() == photos[1].name
    # The queue was built from the combined mood and the first item plays.
    qtbot.waitUntil(lambda: window.controller.queue.current == 0, timeout=10000)
    assert len(window.controller.queue) == window.settings.queue_length
    assert window.queue_view.list.count() == window.settings.queue_length
    assert window.now.title.text() == window.controller.queue.entries[0].title
    assert window.controller.player.state().value == "playing"
    # Thumbnails were decoded off the GUI thread and arrive as icons.
    window.strip.loader.wait()
    qtbot.waitUntil(lambda: all(not window.strip._items[str(p)].icon().isNull() for p in photos))


def test_dropping_a_folder_with_a_corrupt_photo_reports_it_and_keeps_the_rest(
        qtbot, window, photos, tmp_path):
    bad = photos[0].parent / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 definitely not a whole jpeg")
    drop(window.drop, [photos[0].parent])
    wait_analysis(qtbot, window, 4)
    assert len(window.photos.analysis.ok) == 3
    assert window.banner.isVisibleTo(window)
    assert "broken.jpg" in window.banner.text.text()
    assert window.photos.results[str(bad)].error
    item = window.strip._items[str(bad)]
    assert item.text() == window.photos.results[str(bad)].error


def test_dropping_nothing_readable_says_so(qtbot, window, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    window.photos.add_photos([str(empty)])
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window), timeout=10000)
    assert "No photos found" in window.banner.text.text()


def test_queue_editing_through_the_view(qtbot, window, photos):
    window.photos.add_photos([str(p) for p in photos])
    qtbot.waitUntil(lambda: window.controller.queue.current == 0, timeout=30000)
    q = window.controller.queue
    view = window.queue_view
    before = [e.path for e in q.entries]
    # Remove the selected (second) item with the Remove button.
    view.list.setCurrentRow(1)
    view.b_remove.click()
    assert [e.path for e in q.entries] == before[:1] + before[2:]
    assert view.list.count() == len(before) - 1
    # Play next: the last item moves right after the playing one.
    view.list.setCurrentRow(view.list.count() - 1)
    view.b_next.click()
    assert q.entries[1].path == before[-1]
    # A drag in the list: move the last row to the top, as InternalMove would.
    lst = view.list
    item = lst.takeItem(lst.count() - 1)
    lst.insertItem(0, item)
    moved = q.entries[-1].path
    lst.reordered.emit([lst.item(i).data(Qt.UserRole) for i in range(lst.count())])
    assert q.entries[0].path == moved
    assert q.current_entry().path == before[0]  # still the one playing
    assert "▶" in lst.item(1).text()
    # Regenerate builds a fresh queue for the same mood.
    window.photos.regenerate()
    qtbot.waitUntil(lambda: len(q) == window.settings.queue_length and q.current == -1,
                    timeout=10000)
    # "More like this": what the library finds goes right after the current item.
    seed = q.entries[0]
    window.controller.set_queue([seed])
    q.current = 0
    expected = [e.path for e in window.services.session.more_like(seed, {seed.item_id})]
    assert expected and seed.path not in expected
    window.photos.more_like(0)
    qtbot.waitUntil(lambda: len(q) > 1, timeout=10000)
    assert [e.path for e in q.entries[1:]] == expected
    assert all(e.reason for e in q.entries[1:])


def test_label_round_trip(qtbot, window, photos):
    window.photos.add_photos([str(p) for p in photos])
    wait_analysis(qtbot, window, 3)
    window.strip.label_requested.emit(str(photos[0]), "awe")
    window.strip.label_requested.emit(str(photos[1]), "sadness")
    window.strip.label_requested.emit(str(photos[0]), "fear")  # a later correction wins
    from moodplayer.engine.library import Library

    fresh = Library()  # what the next start of the app will read
    assert dict(fresh.labels()) == {str(photos[0]): "fear", str(photos[1]): "sadness"}
    counts = {window.tune.counts.item(r, 0).text(): window.tune.counts.item(r, 1).text()
              for r in range(window.tune.counts.rowCount())}
    assert counts["Fear"] == "1" and counts["Sadness"] == "1" and counts["Awe"] == "0"
    assert window.strip._items[str(photos[0])].text() == "✓ fear"


def test_settings_and_geometry_persist(qtbot, window, settings, null_player, tmp_path):
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.app.widgets.settings_dialog import SettingsDialog
    from moodplayer.engine.settings import Settings

    watch = tmp_path / "watched"
    watch.mkdir()
    dlg = SettingsDialog(window.settings, window)
    dlg.length.setValue(7)
    dlg.diversity.setValue(55)
    dlg.kind.setCurrentIndex(2)
    dlg.watch.add_folder(str(watch))
    changed = window.apply_settings_dialog(dlg)
    assert {"queue_length", "diversity", "queue_kind", "watch_folders"} <= changed
    window.resize(790, 590)  # inside the 800x600 offscreen screen, above the minimum width
    window.transport.volume.setValue(33)
    window.save_state()
    loaded = Settings.load()
    assert (loaded.queue_length, loaded.diversity, loaded.queue_kind) == (7, 0.55, "any")
    assert loaded.watch_folders == [str(watch)]
    assert window.watcher.folders() == [str(watch)]
    # A second window (the next start) comes back the same size, with the same volume.
    services = build_services(loaded, player=null_player, with_tray=False)
    again = MainWindow(services)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (window.width(), window.height()) == (790, 590)
    assert again.transport.volume.value() == 33 and null_player.volume() == 33
    services.shutdown()


def test_watched_folder_batch_becomes_a_saved_auto_playlist(qtbot, window, tmp_path):
    watch = tmp_path / "camera"
    watch.mkdir()
    make_photo(watch / "old.jpg", 99)  # already there: not part of any new batch
    window.settings.extra["autoplay_watch"] = True
    window.watcher.set_folders([str(watch)])
    for i in range(3):
        make_photo(watch / f"new{i}.jpg", 10 + i)
    # the playlist is saved (and backed up) on the model worker before the window shows it
    qtbot.waitUntil(lambda: any(p["auto"] for p in window.library.list_playlists())
                    and bool(window.strip.paths()), timeout=30000)
    auto = [p for p in window.library.list_playlists() if p["auto"]]
    assert len(auto) == 1 and auto[0]["name"].startswith("camera · ")
    assert auto[0]["count"] == window.settings.queue_length
    # The playlist is saved on the worker; the window shows the batch when the job reports back.
    qtbot.waitUntil(lambda: sorted(Path(p).name for p in window.strip.paths())
                    == ["new0.jpg", "new1.jpg", "new2.jpg"], timeout=10000)
    qtbot.waitUntil(lambda: window.controller.queue.current == 0, timeout=10000)


def test_missing_model_shows_the_explanation_not_a_traceback(qtbot, settings, null_player):
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow

    settings.model = "ViT-B-32:laion2b_s34b_b79k"  # not on disk; tests are offline
    services = build_services(settings, player=null_player, with_tray=False)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(services.model.context_failed, timeout=60000):
        win.start_background(first_run=False)
    assert win.mood_stack.currentWidget() is win.model_missing
    assert "not downloaded" in win.model_missing.message.text()
    assert not win.model_missing.b_download.isVisibleTo(win)  # offline: no download button
    win.close()


def test_unexpected_errors_go_to_the_crash_log(qtbot, window):
    import sys

    from moodplayer.app.crashlog import CrashReporter, crash_log_path

    reporter = CrashReporter(lambda: window, show_dialogs=False)
    try:
        raise ZeroDivisionError("boom in a slot")
    except ZeroDivisionError:
        reporter._sys_hook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.last_message is not None, timeout=2000)
    log = crash_log_path().read_text()
    assert "ZeroDivisionError: boom in a slot" in log and "Traceback" in log
    assert str(crash_log_path()) in reporter.last_message
    assert "Traceback" not in reporter.last_message


def test_export_queue_as_m3u8_and_xspf(qtbot, window, photos, tmp_path):
    from moodplayer.engine.playlists import read_playlist

    window.photos.add_photos([str(p) for p in photos])
    qtbot.waitUntil(lambda: len(window.controller.queue) > 0, timeout=30000)
    queued = [e.path for e in window.controller.queue.entries]
    for name in ("evening.m3u8", "evening.xspf", "no-extension"):
        written = window.lists.export_queue(str(tmp_path / name))
        assert written is not None
        back = read_playlist(written)
        assert [str(e.path) for e in back] == queued
    assert (tmp_path / "no-extension.m3u8").exists()
    # An unwritable place is a message in the window, not a crash.
    assert window.lists.export_queue(str(tmp_path / "missing-dir" / "x.m3u8")) is None


def test_a_wrong_value_in_the_settings_file_is_said_in_the_banner(qtbot, settings, null_player,
                                                                  app_home):
    import json

    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine.settings import Settings

    path = app_home / "settings.json"
    data = json.loads(path.read_text())
    data["queue_kind"] = "jazz"  # a value the app does not know, written by hand
    path.write_text(json.dumps(data))
    loaded = Settings.load()
    assert loaded.queue_kind == "music" and loaded.problems
    services = build_services(loaded, player=null_player, with_tray=False)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.start_background(first_run=False)
    assert win.banner.isVisibleTo(win) and "queue_kind" in win.banner.text.text()
    assert str(path) in win.banner.text.text()
    services.shutdown()
