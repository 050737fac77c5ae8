"""Russell's valence/arousal plane: each emotion at its anchor, the mood as a dot.

Several emotions sit close together (fear and anger are 0.07 apart in the
Mikels taxonomy), so their names cannot simply be drawn under each dot.
``place_labels`` gives each name the first spot around its dot (below,
above, right, left, the diagonals, further out) that overlaps no other name,
no dot, no axis word and stays inside the widget; crowded anchors choose
first. The plane is also described in words for screen readers.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ...core import describe
from ..i18n import qt_words

DOT = 3.5
MARGIN = 12


def _overlap(a: QRectF, b: QRectF) -> float:
    r = a.intersected(b)
    return 0.0 if r.isEmpty() else r.width() * r.height()


def _outside(r: QRectF, bounds: QRectF) -> float:
    return r.width() * r.height() - _overlap(r, bounds)


def _candidates(q: QPointF, w: float, h: float) -> list:
    gap = DOT + 2
    x, y = q.x(), q.y()
    return [QRectF(x - w / 2, y + gap, w, h), QRectF(x - w / 2, y - gap - h, w, h),
            QRectF(x + gap, y - h / 2, w, h), QRectF(x - gap - w, y - h / 2, w, h),
            QRectF(x + DOT, y + DOT, w, h), QRectF(x + DOT, y - DOT - h, w, h),
            QRectF(x - DOT - w, y + DOT, w, h), QRectF(x - DOT - w, y - DOT - h, w, h),
            QRectF(x - w / 2, y + gap + h, w, h), QRectF(x - w / 2, y - gap - 2 * h, w, h)]


def place_labels(points: dict, metrics: QFontMetricsF, bounds: QRectF, obstacles=()) -> dict:
    """{name: QRectF} for {name: QPointF}, avoiding each other, the dots and ``obstacles``."""
    dots = {n: QRectF(q.x() - DOT, q.y() - DOT, 2 * DOT, 2 * DOT) for n, q in points.items()}

    def crowding(name):
        q = points[name]
        return min((math.dist((q.x(), q.y()), (o.x(), o.y()))
                    for n, o in points.items() if n != name), default=1e9)

    taken = list(obstacles) + list(dots.values())
    placed = {}
    for name in sorted(points, key=crowding):
        w, h = metrics.horizontalAdvance(name) + 4, metrics.height()
        options = _candidates(points[name], w, h)
        costs = [sum(_overlap(r, t) for t in taken) + 4 * _outside(r, bounds) for r in options]
        best = options[costs.index(min(costs))]  # the first free spot, else the least bad one
        placed[name] = best
        taken.append(best)
    return placed


class Circumplex(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.anchors: list = []  # (name, valence, arousal, color)
        self.point = None  # (valence, arousal)
        self.setMinimumSize(140, 140)
        self.setFocusPolicy(Qt.TabFocus)  # reachable by keyboard, so screen readers read it
        self.setAccessibleName(self.tr("Mood map"))
        self._describe()

    def sizeHint(self):
        return QSize(280, 280)

    def set_state(self, anchors: list, point) -> None:
        self.anchors, self.point = anchors, point
        self._describe()
        self.update()

    def _describe(self) -> None:
        if self.point is None:
            text = self.tr("No mood shown yet. Pleasant moods are to the right, intense ones at "
                       "the top.")
        else:
            v, a = self.point
            text = self.tr("{feeling}: {valence}, {arousal}.").format(
                feeling=describe.capitalised(describe.feeling(v, a, qt_words)),
                valence=describe.valence_word(v, qt_words),
                arousal=describe.arousal_word(a, qt_words))
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # -- geometry (also used by the tests) ---------------------------------------
    def _frame(self, size: QSize):
        side = min(size.width(), size.height()) - 2 * MARGIN
        return QPointF(size.width() / 2, size.height() / 2), side / 2

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        return small

    def axis_rects(self, size: QSize) -> dict:
        """Where the four axis words go: just inside the circle, at each end."""
        c, r = self._frame(size)
        fm = QFontMetricsF(self._small_font())
        h = fm.height()
        words = {"pleasant": self.tr("pleasant"), "unpleasant": self.tr("unpleasant"),
                 "intense": self.tr("intense"), "calm": self.tr("calm")}
        w = {k: fm.horizontalAdvance(t) + 4 for k, t in words.items()}
        return {
            words["pleasant"]: QRectF(c.x() + r - w["pleasant"], c.y() + 2, w["pleasant"], h),
            words["unpleasant"]: QRectF(c.x() - r, c.y() + 2, w["unpleasant"], h),
            words["intense"]: QRectF(c.x() + 4, c.y() - r, w["intense"], h),
            words["calm"]: QRectF(c.x() + 4, c.y() + r - h, w["calm"], h),
        }

    def anchor_points(self, size: QSize) -> dict:
        c, r = self._frame(size)
        return {describe.emotion_name(n, qt_words):
                QPointF(c.x() + v * r, c.y() - a * r) for n, v, a, _ in self.anchors}

    def label_rects(self, size: QSize = None) -> dict:
        size = size or self.size()
        bounds = QRectF(0, 0, size.width(), size.height())
        return place_labels(self.anchor_points(size), QFontMetricsF(self._small_font()), bounds,
                            list(self.axis_rects(size).values()))

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, _event):
        pal = self.palette()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        c, r = self._frame(self.size())
        p.setPen(QPen(pal.color(QPalette.Mid), 1))
        p.setBrush(pal.color(QPalette.Base))
        p.drawEllipse(c, r, r)
        p.drawLine(QPointF(c.x() - r, c.y()), QPointF(c.x() + r, c.y()))
        p.drawLine(QPointF(c.x(), c.y() - r), QPointF(c.x(), c.y() + r))
        p.setFont(self._small_font())
        p.setPen(pal.color(QPalette.PlaceholderText))
        for text, box in self.axis_rects(self.size()).items():
            p.drawText(box, Qt.AlignCenter, text)
        points = self.anchor_points(self.size())
        colors = {describe.emotion_name(n, qt_words): col
                  for n, _, _, col in self.anchors}
        for name, q in points.items():
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(colors[name]))
            p.drawEllipse(q, DOT, DOT)
        p.setPen(pal.color(QPalette.Text))
        for name, box in self.label_rects().items():
            p.drawText(box, Qt.AlignCenter, name)
        if self.point is not None:
            q = QPointF(c.x() + self.point[0] * r, c.y() - self.point[1] * r)
            p.setPen(QPen(pal.color(QPalette.Base), 2))
            p.setBrush(pal.color(QPalette.Highlight))
            p.drawEllipse(q, 8, 8)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.Highlight), 2))
            p.setBrush(Qt.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        p.end()
