"""Queue rows: each shows its own reason without numbers; the full reason is one hover away."""

from PySide6.QtCore import Qt

from moodplayer.app.widgets.queue_view import REASON_ROLE, QueueView
from moodplayer.core.play_queue import PlayQueue
from moodplayer.engine.tracks import Track

REASONS = [
    "feels like awe and contentment (genre ambient -> awe; embedded cover -> awe); mood fit 81%, "
    "valence +0.40 / arousal +0.10 vs +0.35 / +0.20",
    "feels like awe and contentment (mood tag 'calm' -> contentment; 128 BPM -> excitement); "
    "mood fit 78%, valence +0.38 / arousal +0.05 vs +0.35 / +0.20",
    "",
]


def _queue():
    q = PlayQueue([Track(f"/m/{i}.mp3", f"Song {i}", "Artist", reason=r, duration=200)
                   for i, r in enumerate(REASONS)])
    q.current = 0
    return q


def test_each_row_shows_its_own_reason_and_the_tooltip_the_whole(qtbot):
    view = QueueView()
    qtbot.addWidget(view)
    view.resize(420, 400)
    view.show()
    view.show_queue(_queue())
    shown = [view.list.item(i).data(REASON_ROLE) for i in range(3)]
    assert shown[0] != shown[1]  # the same mood, but not the same evidence
    assert shown[0] == "feels like awe and contentment: genre ambient → awe, embedded cover → awe"
    assert all("mood fit" not in s and "+0." not in s for s in shown)
    assert shown[2] == "added by you"
    tip = view.list.item(1).toolTip()
    assert "mood fit 78%" in tip and "Song 1" in tip
    assert view.list.item(0).data(Qt.AccessibleTextRole).startswith("playing now: ")
    assert view.list.item(1).data(Qt.AccessibleDescriptionRole) == REASONS[1]


def test_a_long_reason_wraps_onto_a_taller_row(qtbot):
    view = QueueView()
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    view.show_queue(_queue())
    lst = view.list
    one_line = lst.visualItemRect(lst.item(2)).height()  # "added by you"
    assert lst.visualItemRect(lst.item(0)).height() > one_line


def test_enter_plays_the_selected_row(qtbot):
    view = QueueView()
    qtbot.addWidget(view)
    view.show()
    view.show_queue(_queue())
    played = []
    view.play_requested.connect(played.append)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=3000)
    view.list.setFocus()
    view.list.setCurrentRow(2)
    qtbot.keyClick(view.list, Qt.Key_Return)
    assert played == [2]
