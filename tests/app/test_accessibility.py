"""Keyboard and screen-reader use of the whole window: names, focus, tab order, theme menu."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from moodplayer.app import assets, theme


@pytest.fixture
def styled(qapp):
    qapp.setStyleSheet(assets.stylesheet())
    yield qapp
    qapp.setStyleSheet("")
    theme.apply(qapp, theme.SYSTEM)


def test_every_button_without_words_has_an_accessible_name(window):
    window.banner.show_message("x")
    unnamed = [b.objectName() or type(b).__name__ for b in window.findChildren(QAbstractButton)
               if not b.text().strip().strip("✕") and not b.accessibleName()
               and not b.objectName().startswith("qt_")]  # Qt's own (table corners...)
    assert unnamed == []
    named = {window.transport.b_prev.accessibleName(), window.transport.b_next.accessibleName()}
    assert named == {"Previous", "Next"}
    assert window.transport.b_play.accessibleName() in ("Play", "Pause")


def test_painted_widgets_expose_their_values_as_text(qtbot, window, photos):
    window.photos.add_photos([str(p) for p in photos])
    qtbot.waitUntil(lambda: window.emotions.shown is not None, timeout=30000)
    assert "%" in window.emotions.bars.accessibleDescription()
    assert window.emotions.circle.accessibleDescription().endswith(".")
    assert window.emotions.bars.focusPolicy() & Qt.TabFocus  # reachable by Tab


def test_keyboard_focus_is_visible(qtbot, window, styled):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.tabs.setCurrentWidget(window.library_view)
    for widget in (window.library_view.b_folder, window.library_view.search,
                   window.library_view.table):
        widget.setEnabled(True)
        window.queue_view.list.setFocus()
        qtbot.waitUntil(lambda: not widget.hasFocus(), timeout=2000)
        before = widget.grab().toImage()
        widget.setFocus(Qt.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        after = widget.grab().toImage()
        assert before != after, f"{type(widget).__name__} looks the same with focus"
        # ...and the frame is the highlight colour of the palette, not a fixed colour.
        colour = window.palette().color(QPalette.Highlight)
        assert any(after.pixelColor(x, after.height() // 2) == colour for x in range(3))


def test_tab_walks_the_library_tab_in_reading_order(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.show_library()
    view = window.library_view
    order = [view.search]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[1:] == [view.kind, view.genre, view.status, view.table]


def test_view_theme_switches_and_is_remembered(qtbot, window):
    from moodplayer.engine.settings import Settings

    try:
        dark = next(a for a in window.theme_menu.actions() if a.data() == theme.DARK)
        dark.trigger()
        assert theme.is_dark(QApplication.palette()) and dark.isChecked()
        assert Settings.load().extra["theme"] == theme.DARK
    finally:
        window.set_theme(theme.SYSTEM)
        QApplication.instance().setStyleSheet("")  # as the other tests expect
    assert Settings.load().extra["theme"] == theme.SYSTEM


def test_the_drop_zone_opens_by_keyboard_too(window):
    assert window.drop.focusPolicy() & Qt.TabFocus
    assert window.drop.accessibleName() == "Drop photos here"
    assert isinstance(window.library_view.b_play, QPushButton)
