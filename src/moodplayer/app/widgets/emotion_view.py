"""One photo's (or the batch's) emotions: bars with percentages and a circumplex.

The circumplex is Russell's valence/arousal plane: each emotion of the
taxonomy sits at its anchor, and the photo's point is the probability-weighted
mean of them, so the user sees both "what" and "how pleasant / how intense".
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

TEXT = QColor("#e6e6e6")
MUTED = QColor("#9aa0a6")
TRACK = QColor("#2f343d")


class EmotionBars(QWidget):
    ROW = 20

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []  # (name, probability, color)
        self.setMinimumWidth(200)

    def set_rows(self, rows: list) -> None:
        self.rows = rows
        self.setMinimumHeight(self.ROW * max(1, len(rows)) + 4)
        self.update()

    def sizeHint(self):
        return QSize(300, self.ROW * max(8, len(self.rows)) + 4)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        bold = QFont(p.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        label_w = 12 + max((metrics.horizontalAdvance(r[0].capitalize()) for r in self.rows), default=60)
        pct_w = 52
        bar_w = max(20, self.width() - label_w - pct_w - 8)
        top = max(self.rows, key=lambda r: r[1])[0] if self.rows else None
        for i, (name, prob, color) in enumerate(self.rows):
            y = 2 + i * self.ROW
            font = p.font()
            font.setBold(name == top)
            p.setFont(font)
            p.setPen(TEXT if name == top else MUTED)
            p.drawText(QRectF(0, y, label_w - 6, self.ROW), Qt.AlignVCenter | Qt.AlignRight,
                       name.capitalize())
            track = QRectF(label_w, y + 5, bar_w, self.ROW - 10)
            p.setPen(Qt.NoPen)
            p.setBrush(TRACK)
            p.drawRoundedRect(track, 4, 4)
            fill = QRectF(track.x(), track.y(), max(2.0, bar_w * prob), track.height())
            p.setBrush(QColor(color))
            p.drawRoundedRect(fill, 4, 4)
            p.setPen(TEXT)
            p.drawText(QRectF(label_w + bar_w + 4, y, pct_w, self.ROW),
                       Qt.AlignVCenter | Qt.AlignLeft, f"{prob * 100:.0f}%")
        p.end()


class Circumplex(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.anchors: list = []  # (name, valence, arousal, color)
        self.point = None  # (valence, arousal)
        self.setMinimumSize(150, 150)

    def sizeHint(self):
        return QSize(200, 200)

    def set_state(self, anchors: list, point) -> None:
        self.anchors, self.point = anchors, point
        self.update()

    def _map(self, v: float, a: float, c: QPointF, r: float) -> QPointF:
        return QPointF(c.x() + v * r, c.y() - a * r)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        side = min(self.width(), self.height()) - 24
        c = QPointF(self.width() / 2, self.height() / 2)
        r = side / 2
        p.setPen(QPen(QColor("#3b414c"), 1))
        p.setBrush(QColor("#1f232a"))
        p.drawEllipse(c, r, r)
        p.drawLine(QPointF(c.x() - r, c.y()), QPointF(c.x() + r, c.y()))
        p.drawLine(QPointF(c.x(), c.y() - r), QPointF(c.x(), c.y() + r))
        small = QFont(p.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() - 2))
        p.setFont(small)
        p.setPen(MUTED)
        p.drawText(QRectF(c.x() + r - 60, c.y() + 2, 60, 14), Qt.AlignRight, "pleasant")
        p.drawText(QRectF(c.x() - r, c.y() + 2, 60, 14), Qt.AlignLeft, "unpleasant")
        p.drawText(QRectF(c.x() + 4, c.y() - r, 60, 14), Qt.AlignLeft, "intense")
        p.drawText(QRectF(c.x() + 4, c.y() + r - 14, 60, 14), Qt.AlignLeft, "calm")
        used = []  # label boxes drawn so far: close anchors (fear, anger) must not overlap
        for name, v, a, color in self.anchors:
            q = self._map(v, a, c, r)
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(color))
            p.drawEllipse(q, 3.5, 3.5)
            box = QRectF(q.x() - 40, q.y() + 3, 80, 14)
            if any(box.intersects(u) for u in used):
                box.moveTop(q.y() - 18)
            used.append(box)
            p.setPen(MUTED)
            p.drawText(box, Qt.AlignHCenter, name)
        if self.point is not None:
            q = self._map(self.point[0], self.point[1], c, r)
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.setBrush(QBrush(QColor("#ff4f81")))
            p.drawEllipse(q, 8, 8)
        p.end()


class EmotionView(QWidget):
    """Title, bars and circumplex for one EmotionResult (or an empty/error state)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("EmotionView")
        self.title = QLabel("No photo yet")
        self.title.setObjectName("SectionTitle")
        self.summary = QLabel("Drop photos to see the emotions they evoke.")
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        self.bars = EmotionBars()
        self.circle = Circumplex()
        body = QHBoxLayout()
        body.addWidget(self.bars, 3)
        body.addWidget(self.circle, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        self.taxonomy = None
        self.shown = None  # the EmotionResult on screen, for tests and the status bar

    def set_taxonomy(self, taxonomy) -> None:
        self.taxonomy = taxonomy
        self.circle.set_state(self._anchors(), None)

    def _anchors(self) -> list:
        if self.taxonomy is None:
            return []
        return [(e.name, e.valence, e.arousal, e.color) for e in self.taxonomy.emotions]

    def show_result(self, title: str, result) -> None:
        self.shown = result
        self.title.setText(title)
        colors = {e.name: e.color for e in self.taxonomy.emotions} if self.taxonomy else {}
        self.bars.set_rows([(n, p, colors.get(n, "#888888")) for n, p in result.emotions.items()])
        self.circle.set_state(self._anchors(), (result.valence, result.arousal))
        top = result.top[0] if result.top else "?"
        self.summary.setText(
            f"Mostly {top} · valence {result.valence:+.2f}, arousal {result.arousal:+.2f} · "
            f"confidence {result.confidence * 100:.0f}%")

    def show_message(self, title: str, message: str) -> None:
        self.shown = None
        self.title.setText(title)
        self.summary.setText(message)
        self.bars.set_rows([])
        self.circle.set_state(self._anchors(), None)
