"""The window's commands as one table: menus, shortcuts and the F1 list come from it.

A row is (menu, text, slot, shortcut); ``None`` as text is a separator.
Adding a command is one row; the shortcut list can never drift from the menus.
Texts stay English in the table (``actions`` is keyed by them) and are
translated when the menus are built; ``QT_TRANSLATE_NOOP("Menus", ...)``
marks them for Qt's lupdate (an unmarked row still works, in English).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut

SEPARATOR = None
FILE, LIBRARY, VIEW = (QT_TRANSLATE_NOOP("Menus", "&File"), QT_TRANSLATE_NOOP("Menus", "&Library"),
                       QT_TRANSLATE_NOOP("Menus", "&View"))
PLAYBACK, SETTINGS, HELP = (QT_TRANSLATE_NOOP("Menus", "&Playback"),
                            QT_TRANSLATE_NOOP("Menus", "&Settings"),
                            QT_TRANSLATE_NOOP("Menus", "&Help"))


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def command_table(w) -> list:
    c = w.controller
    return [
        (FILE, QT_TRANSLATE_NOOP("Menus", "Open photos…"), w.drop.open_dialog, QKeySequence.Open),
        (FILE, QT_TRANSLATE_NOOP("Menus", "Open a photo folder…"), w.photos.open_folder_dialog,
         "Ctrl+Shift+O"),
        (FILE, QT_TRANSLATE_NOOP("Menus", "Paste photos"), w.photos.paste, QKeySequence.Paste),
        (FILE, SEPARATOR, None, None),
        (FILE, QT_TRANSLATE_NOOP("Menus", "Save queue as playlist…"), w.lists.save_queue,
         QKeySequence.Save),
        (FILE, QT_TRANSLATE_NOOP("Menus", "Export queue (M3U8 / XSPF)…"),
         w.lists.export_queue_dialog, "Ctrl+E"),
        (FILE, SEPARATOR, None, None),
        (FILE, QT_TRANSLATE_NOOP("Menus", "Quit"), w.quit_app, QKeySequence.Quit),
        (LIBRARY, QT_TRANSLATE_NOOP("Menus", "Browse the library"), w.show_library, "Ctrl+L"),
        (LIBRARY, QT_TRANSLATE_NOOP("Menus", "Playlists…"), w.lists.open_dialog, "Ctrl+Shift+P"),
        (LIBRARY, SEPARATOR, None, None),
        (LIBRARY, QT_TRANSLATE_NOOP("Menus", "Choose library folders and scan…"),
         w.library_flow.show_first_run, None),
        (LIBRARY, QT_TRANSLATE_NOOP("Menus", "Rescan library"), w.library_flow.rescan, "F5"),
        (LIBRARY, QT_TRANSLATE_NOOP("Menus", "Analyse the sound of new music"),
         w.listening.listen, None),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Play / pause"), c.toggle, "Space"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Next"), c.next, "Ctrl+Right"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Previous"), c.previous, "Ctrl+Left"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Volume up"), lambda: w.change_volume(+5),
         "Ctrl+Up"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Volume down"), lambda: w.change_volume(-5),
         "Ctrl+Down"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Mute / unmute"), c.toggle_mute, "M"),
        (PLAYBACK, SEPARATOR, None, None),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Forward 5 s"), lambda: c.seek_by(+5), "Right"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Back 5 s"), lambda: c.seek_by(-5), "Left"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Forward 30 s"), lambda: c.seek_by(+30),
         "Shift+Right"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Back 30 s"), lambda: c.seek_by(-30), "Shift+Left"),
        (PLAYBACK, SEPARATOR, None, None),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Shuffle on / off"),
         lambda: c.set_shuffle(not c.session.shuffle), "S"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Repeat: off, queue, one track"), c.cycle_repeat,
         "R"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Fullscreen video"),
         lambda: w.desktop.fullscreen.toggle(), "F"),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Leave fullscreen / keys back to the player"),
         lambda: w.desktop.escape(), "Esc"),
        (PLAYBACK, SEPARATOR, None, None),
        (PLAYBACK, QT_TRANSLATE_NOOP("Menus", "Regenerate queue"), w.photos.regenerate, "Ctrl+R"),
        (SETTINGS, QT_TRANSLATE_NOOP("Menus", "Settings…"), w.show_settings,
         QKeySequence.Preferences),
        (SETTINGS, QT_TRANSLATE_NOOP("Menus", "Tune…"),
         lambda: w.tabs.setCurrentWidget(w.tune), "Ctrl+T"),
        (HELP, QT_TRANSLATE_NOOP("Menus", "Keyboard shortcuts"), w.show_shortcuts, "F1"),
        (HELP, QT_TRANSLATE_NOOP("Menus", "Open the log folder"), w.show_log_folder, None),
    ]


# Keys that work without a menu entry (the queue view handles Delete itself).
EXTRA_KEYS = [(QT_TRANSLATE_NOOP("Menus", "Delete"),
               QT_TRANSLATE_NOOP("Menus", "Remove the selected queue item")),
              (QT_TRANSLATE_NOOP("Menus", "Enter"),
               QT_TRANSLATE_NOOP("Menus", "Play the selected library item or playlist")),
              (QT_TRANSLATE_NOOP("Menus", "Double-click on a video"),
               QT_TRANSLATE_NOOP("Menus", "Fullscreen in and out")),
              (QT_TRANSLATE_NOOP("Menus", "Media keys"),
               QT_TRANSLATE_NOOP("Menus", "Play/pause, next, previous, stop, mute"))]
# A key a focused control uses itself (Space on a button, arrows in a list) goes
# to that control, not to the shortcut: see key_guard.py.
# The order menus appear in, whatever order the rows come in.
MENU_ORDER = [FILE, LIBRARY, VIEW, PLAYBACK, SETTINGS, HELP]


def build_menus(window, table) -> tuple:
    """Menus and actions from the table; returns ({menu: QMenu}, {text: QAction})."""
    menus, actions = {}, {}
    for name in MENU_ORDER:
        if name == VIEW or any(row[0] == name for row in table):
            menus[name] = window.menuBar().addMenu(tr(name))
    for menu_name, text, slot, shortcut in table:
        menu = menus.get(menu_name) or menus.setdefault(
            menu_name, window.menuBar().addMenu(tr(menu_name)))
        if text is SEPARATOR:
            menu.addSeparator()
            continue
        act = QAction(tr(text), window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        window.addAction(act)  # keys work with the menu bar hidden too (fullscreen)
        actions[text] = act
    return menus, actions


def choice_menu(menu, title: str, choices: list, current: str, on_choose):
    """A submenu of exclusive choices [(value, label)], the current one checked."""
    from PySide6.QtWidgets import QMenu

    sub = QMenu(title, menu)
    group = QActionGroup(sub)
    group.setExclusive(True)
    for value, label in choices:
        act = sub.addAction(label)
        act.setCheckable(True)
        act.setChecked(value == current)
        act.setData(value)
        group.addAction(act)
        act.triggered.connect(lambda _checked=False, v=value: on_choose(v))
    menu.addMenu(sub)
    return sub


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
        rows.append((keys, tr(text).replace("&", "").rstrip("…")))
    rows += [(tr(k), tr(t)) for k, t in EXTRA_KEYS]
    body = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(t)}</td></tr>" for k, t in rows)
    return f"<table>{body}</table>"
