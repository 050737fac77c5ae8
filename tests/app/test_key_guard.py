"""Player keys work from the window, and never take a key from the control that has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from moodplayer.engine.tracks import Track


@pytest.fixture
def playing(qtbot, window, media_dir):
    window.controller.player.duration_of = lambda path: 120.0
    tracks = [Track(str(media_dir / f"track{i}.ogg"), f"Track {i}") for i in range(3)]
    window.controller.set_queue(tracks, autoplay=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.centralWidget().setFocus()  # nothing in particular has the focus
    return window


def press(qtbot, widget, key, modifiers=Qt.NoModifier):
    qtbot.keyClick(widget, key, modifiers)


def test_seek_mute_and_volume_keys(qtbot, playing):
    w, player = playing, playing.controller.player
    w.controller.toggle()  # paused: positions stay exact
    start = player.position()
    target = w.centralWidget()
    press(qtbot, target, Qt.Key_Right)
    assert player.position() == pytest.approx(start + 5.0, abs=0.001)
    press(qtbot, target, Qt.Key_Right, Qt.ShiftModifier)
    assert player.position() == pytest.approx(start + 35.0, abs=0.001)
    press(qtbot, target, Qt.Key_Left)
    assert player.position() == pytest.approx(start + 30.0, abs=0.001)
    press(qtbot, target, Qt.Key_Left, Qt.ShiftModifier)
    press(qtbot, target, Qt.Key_Left, Qt.ShiftModifier)
    assert player.position() == 0.0  # not before the start
    volume = w.controller.session.volume
    press(qtbot, target, Qt.Key_M)
    assert w.controller.session.muted and player.volume() == 0
    press(qtbot, target, Qt.Key_M)
    assert not w.controller.session.muted and player.volume() == volume
    press(qtbot, target, Qt.Key_Up, Qt.ControlModifier)
    assert w.controller.session.volume == min(100, volume + 5)
    press(qtbot, target, Qt.Key_Space)
    assert player.state().value == "playing"


def test_space_on_a_focused_button_presses_the_button_not_play_pause(qtbot, playing):
    w = playing
    view = w.queue_view
    view.list.setCurrentRow(2)
    button = view.b_next  # "Play next": moves the selected item after the playing one
    button.setFocus()
    assert button.hasFocus()
    press(qtbot, button, Qt.Key_Space)
    assert w.controller.player.state().value == "playing"  # the shortcut did not fire
    assert w.controller.queue.entries[1].title == "Track 2"  # the button did


def test_arrows_in_the_focused_queue_list_move_the_selection_not_the_music(qtbot, playing):
    w = playing
    w.controller.toggle()  # paused
    lst = w.queue_view.list
    lst.setFocus()
    lst.setCurrentRow(0)
    press(qtbot, lst, Qt.Key_Down)
    press(qtbot, lst, Qt.Key_Right)
    press(qtbot, lst, Qt.Key_M)  # type-ahead search in the list, not mute
    assert lst.currentRow() == 1
    assert w.controller.player.position() < 1.0  # no seek
    assert not w.controller.session.muted
    press(qtbot, lst, Qt.Key_Right, Qt.ControlModifier)  # Ctrl+Right is the window's: next
    assert w.controller.queue.current == 1
    press(qtbot, lst, Qt.Key_Escape)  # the keys go back to the player
    assert not lst.hasFocus()
    w.controller.toggle()  # "next" started the new track: pause it to measure
    before = w.controller.player.position()
    press(qtbot, w.focusWidget() or w, Qt.Key_Right)
    assert w.controller.player.position() == pytest.approx(before + 5.0, abs=0.001)


def test_the_shortcut_list_comes_from_the_command_table(qtbot, window):
    from moodplayer.app import menus

    html = menus.shortcuts_html(window.commands)
    for row in window.commands:
        if row[1] is not None and row[3] is not None:
            assert row[1].replace("&", "").rstrip("…") in html
    for words in ("Forward 5 s", "Back 30 s", "Mute / unmute", "Fullscreen video", "Shuffle"):
        assert words in html
    assert "<b>Shift+Right</b>" in html and "<b>F</b>" in html and "<b>Esc</b>" in html
