"""The window's commands as one table: menus, shortcuts and the F1 list come from it.

A row is (menu, text, slot, shortcut); ``None`` as text is a separator.
Adding a command is one row; the shortcut list can never drift from the menus.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

SEPARATOR = None


def command_table(w) -> list:
    c = w.controller
    return [
        ("&File", "Open photos…", w.drop.open_dialog, QKeySequence.Open),
        ("&File", "Open a photo folder…", w.photos.open_folder_dialog, "Ctrl+Shift+O"),
        ("&File", "Paste photos", w.photos.paste, QKeySequence.Paste),
        ("&File", SEPARATOR, None, None),
        ("&File", "Save queue as playlist…", w.lists.save_queue, QKeySequence.Save),
        ("&File", "Export queue (M3U8 / XSPF)…", w.lists.export_queue_dialog, "Ctrl+E"),
        ("&File", SEPARATOR, None, None),
        ("&File", "Quit", w.quit_app, QKeySequence.Quit),
        ("&Library", "Choose library folders and scan…", w.library_flow.show_first_run, None),
        ("&Library", "Rescan library", w.library_flow.rescan, "F5"),
        ("&Playback", "Play / pause", c.toggle, "Space"),
        ("&Playback", "Next", c.next, "Ctrl+Right"),
        ("&Playback", "Previous", c.previous, "Ctrl+Left"),
        ("&Playback", "Volume up", lambda: w.change_volume(+5), "Ctrl+Up"),
        ("&Playback", "Volume down", lambda: w.change_volume(-5), "Ctrl+Down"),
        ("&Playback", "Mute / unmute", c.toggle_mute, "M"),
        ("&Playback", SEPARATOR, None, None),
        ("&Playback", "Forward 5 s", lambda: c.seek_by(+5), "Right"),
        ("&Playback", "Back 5 s", lambda: c.seek_by(-5), "Left"),
        ("&Playback", "Forward 30 s", lambda: c.seek_by(+30), "Shift+Right"),
        ("&Playback", "Back 30 s", lambda: c.seek_by(-30), "Shift+Left"),
        ("&Playback", SEPARATOR, None, None),
        ("&Playback", "Shuffle on / off", lambda: c.set_shuffle(not c.session.shuffle), "S"),
        ("&Playback", "Repeat: off, queue, one track", c.cycle_repeat, "R"),
        ("&Playback", "Fullscreen video", lambda: w.desktop.fullscreen.toggle(), "F"),
        ("&Playback", "Leave fullscreen / keys back to the player", lambda: w.desktop.escape(),
         "Esc"),
        ("&Playback", SEPARATOR, None, None),
        ("&Playback", "Regenerate queue", w.photos.regenerate, "Ctrl+R"),
        ("&Settings", "Settings…", w.show_settings, QKeySequence.Preferences),
        ("&Settings", "Tune…", lambda: w.tabs.setCurrentWidget(w.tune), "Ctrl+T"),
        ("&Help", "Keyboard shortcuts", w.show_shortcuts, "F1"),
        ("&Help", "Open the log folder", w.show_log_folder, None),
    ]


# Keys that work without a menu entry (the queue view handles Delete itself).
EXTRA_KEYS = [("Delete", "Remove the selected queue item"),
              ("Double-click on a video", "Fullscreen in and out"),
              ("Media keys", "Play/pause, next, previous, stop, mute")]
# A key a focused control uses itself (Space on a button, arrows in a list) goes
# to that control, not to the shortcut: see key_guard.py.


def build_menus(window, table) -> dict:
    """Menus and actions from the table; returns ({menu: QMenu}, {text: QAction})."""
    menus, actions = {}, {}
    for menu_name, text, slot, shortcut in table:
        menu = menus.get(menu_name) or menus.setdefault(
            menu_name, window.menuBar().addMenu(menu_name))
        if text is SEPARATOR:
            menu.addSeparator()
            continue
        act = QAction(text, window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        window.addAction(act)  # keys work with the menu bar hidden too (fullscreen)
        actions[text] = act
    return menus, actions


def submenu_before(menu, action, title: str):
    """A submenu placed just before ``action`` (e.g. Saved playlists above Quit)."""
    from PySide6.QtWidgets import QMenu

    sub = QMenu(title, menu)
    menu.insertMenu(action, sub)
    return sub


def add_media_keys(window, controller) -> None:
    """Media keys, where the platform delivers them to Qt."""
    for key, slot in ((Qt.Key_MediaPlay, controller.toggle),
                      (Qt.Key_MediaTogglePlayPause, controller.toggle),
                      (Qt.Key_MediaPause, controller.toggle),
                      (Qt.Key_MediaNext, controller.next),
                      (Qt.Key_MediaPrevious, controller.previous),
                      (Qt.Key_MediaStop, controller.stop),
                      (Qt.Key_VolumeMute, controller.toggle_mute)):
        QShortcut(QKeySequence(key), window, slot, context=Qt.ApplicationShortcut)


def shortcuts_html(table) -> str:
    rows = []
    for _, text, _, shortcut in table:
        if text is SEPARATOR or shortcut is None:
            continue
        keys = QKeySequence(shortcut).toString(QKeySequence.NativeText)
        rows.append((keys, text.replace("&", "").rstrip("…")))
    rows += EXTRA_KEYS
    body = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(t)}</td></tr>" for k, t in rows)
    return f"<table>{body}</table>"
