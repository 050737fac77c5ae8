"""Library > Playlists…: list, play, rename, delete (confirmed), import, export, clear auto."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from moodplayer.engine.playlists import read_playlist
from moodplayer.engine.tracks import Track


def answer_next_question(button):
    """Click ``button`` on the confirmation box the next action opens (a real QMessageBox)."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def activate(qtbot, dialog):
    """Keys go to the active window: make it the dialog, as a click on it would."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.table.setFocus()


def names(dialog):
    t = dialog.table
    return sorted(t.item(r, 0).text() for r in range(t.rowCount()))


def seed(window):
    tracks = [Track(e.path, e.title or "", e.artist or "", item_id=e.id)
              for e in window.library.items()]
    lists = window.services.playlists
    lists.save("Evening", tracks[:3])
    lists.save("Morning", tracks[3:])
    lists.save("camera · 1", tracks[:2], auto=True)
    lists.save("camera · 2", tracks[:1], auto=True)
    return tracks


def test_the_dialog_lists_saved_and_auto_playlists_and_plays_by_keyboard(qtbot, window):
    tracks = seed(window)
    window.menuBar()  # the menu action is the way in
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions()
                  if a.text() == "Playlists…")
    action.trigger()
    dialog = window.lists.dialog
    assert dialog.isVisible()
    assert names(dialog) == ["Evening", "Morning", "camera · 1", "camera · 2"]
    assert dialog.intro.text() == "2 saved by you, 2 made from watched folders."
    row = next(r for r in range(4) if dialog.table.item(r, 0).text() == "Evening")
    assert dialog.table.item(row, 1).text() == "3" and dialog.table.item(row, 2).text() == "Saved"
    activate(qtbot, dialog)
    dialog.table.selectRow(row)
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    assert [e.path for e in window.controller.queue.entries] == [t.path for t in tracks[:3]]
    assert window.controller.queue.current == 0


def test_rename_and_delete_with_confirmation(qtbot, window):
    seed(window)
    dialog = window.lists.open_dialog()
    assert window.lists.rename("Evening", "  Late evening ") == "Late evening"
    assert "Late evening" in names(dialog) and dialog.selected_names() == ["Late evening"]
    assert window.lists.rename("Late evening", "Morning") is None  # taken: a message
    assert "already exists" in window.banner.text.text()
    answer_next_question(QMessageBox.Cancel)
    dialog.delete_selected()
    assert "Late evening" in names(dialog)  # cancelled: nothing deleted
    answer_next_question(QMessageBox.Yes)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key_Delete)  # the Delete key asks the same question
    assert "Late evening" not in names(dialog)
    assert [p["name"] for p in window.services.playlists.list()] == \
        ["Morning", "camera · 1", "camera · 2"]


def test_clearing_auto_playlists_keeps_the_users_own(qtbot, window):
    seed(window)
    dialog = window.lists.open_dialog()
    assert dialog.b_clear.isEnabled()
    assert window.lists.clear_auto(30) == []  # all made just now: none older than a month
    answer_next_question(QMessageBox.Yes)
    dialog.clear_auto_requested.emit(None)  # "All auto-playlists" from the button's menu
    assert names(dialog) == ["Evening", "Morning"]
    assert not dialog.b_clear.isEnabled()


def test_import_never_overwrites_and_export_round_trips(qtbot, window, tmp_path):
    tracks = seed(window)
    flow = window.lists
    dialog = flow.open_dialog()
    written = flow.export_saved("Evening", str(tmp_path / "Evening.xspf"))
    assert [t.path for t in read_playlist(written)] == [t.path for t in tracks[:3]]
    assert flow.import_file(written) == "Evening (2)"  # "Evening" exists: a new name
    assert dialog.selected_names() == ["Evening (2)"]
    assert [t.path for t in window.services.playlists.load("Evening (2)")] == \
        [t.path for t in tracks[:3]]
    junk = tmp_path / "broken.xspf"
    junk.write_text("<playlist><trackList><track>")
    assert flow.import_file(str(junk)) is None
    assert "broken.xspf could not be imported" in window.banner.text.text()
    assert flow.export_saved("Evening", str(tmp_path / "no-dir" / "x.m3u8")) is None
