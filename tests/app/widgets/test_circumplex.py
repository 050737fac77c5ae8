"""The circumplex: labels of nearby emotions never overlap, and it reads out in words."""

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFont, QFontMetricsF

from moodplayer.app.widgets.circumplex import Circumplex, place_labels


def _anchors(taxonomy):
    return [(e.name, e.valence, e.arousal, e.color) for e in taxonomy.emotions]


def _assert_apart(rects):
    items = list(rects.items())
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            assert not ra.intersects(rb), f"{a} {ra} overlaps {b} {rb}"


@pytest.mark.parametrize("size", [None, QSize(220, 220), QSize(400, 300)])
def test_labels_do_not_overlap_each_other_the_axis_words_or_the_edges(qtbot, taxonomy, size):
    w = Circumplex()
    qtbot.addWidget(w)
    w.set_state(_anchors(taxonomy), (0.2, 0.3))
    size = size or w.sizeHint()  # None: the default size
    labels = w.label_rects(size)
    assert len(labels) == len(taxonomy)
    axes = w.axis_rects(size)
    _assert_apart({**labels, **axes})
    bounds = QRectF(0, 0, size.width(), size.height())
    assert all(bounds.contains(r) for r in labels.values())
    # Fear and anger are nearly on top of each other: their names still are not.
    points = w.anchor_points(size)
    assert (points["fear"] - points["anger"]).manhattanLength() < 15


def test_placement_keeps_each_label_next_to_its_own_dot(qapp):
    fm = QFontMetricsF(QFont())
    points = {"one": QPointF(50, 50), "two": QPointF(52, 51), "three": QPointF(54, 49)}
    rects = place_labels(points, fm, QRectF(0, 0, 200, 200))
    _assert_apart(rects)
    for name, r in rects.items():
        centre = r.center()
        assert abs(centre.x() - points[name].x()) < r.width() + 10
        assert abs(centre.y() - points[name].y()) < 3 * r.height()


def test_the_plane_describes_itself_for_screen_readers(qtbot, taxonomy):
    w = Circumplex()
    qtbot.addWidget(w)
    w.set_state(_anchors(taxonomy), None)
    assert w.accessibleName() == "Mood map"
    assert "No mood shown yet" in w.accessibleDescription()
    w.set_state(_anchors(taxonomy), (0.4, -0.3))
    assert w.accessibleDescription() == "Calm and content: pleasant, calm."
