"""One photo's (or the batch's) mood: in words first, then bars and the circumplex.

The headline is the mood in plain words ("Calm and content"), the line under
it the leading emotions and how sure the reading is; the raw valence,
arousal and confidence numbers are only in the tooltip. The bars and the
circumplex are painted, so they also carry their values as accessible text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core import describe
from .. import assets
from .circumplex import Circumplex  # noqa: F401 - part of this module's API
from ..i18n import qt_words


def _names(name: str) -> str:
    return describe.capitalised(describe.emotion_name(name, qt_words))


class EmotionBars(QWidget):
    ROW_LINES = 1.45  # row height in lines of text: follows the desktop's font size

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []  # (name, probability, color)
        self.setMinimumWidth(200)
        self.setFocusPolicy(Qt.TabFocus)
        self.setAccessibleName(self.tr("Emotions"))
        self.setAccessibleDescription(self.tr("No emotions shown yet."))

    def row_height(self) -> int:
        return round(QFontMetrics(self.font()).height() * self.ROW_LINES)

    def set_rows(self, rows: list) -> None:
        self.rows = rows
        self.setMinimumHeight(self.row_height() * max(1, len(rows)) + 4)
        ranked = sorted(rows, key=lambda r: -r[1])
        self.setAccessibleDescription(
            ", ".join(self.tr("{name} {percent}").format(name=_names(n), percent=f"{p:.0%}")
                      for n, p, _ in ranked) or self.tr("No emotions shown yet."))
        self.update()

    def sizeHint(self):
        return QSize(300, self.row_height() * max(8, len(self.rows)) + 4)

    def paintEvent(self, _event):
        pal = self.palette()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        bold = QFont(p.font())
        bold.setBold(True)
        row = self.row_height()
        label_w = 12 + max((QFontMetrics(bold).horizontalAdvance(_names(r[0])) for r in self.rows),
                           default=60)
        pct_w = QFontMetrics(p.font()).horizontalAdvance("100%") + 12
        bar_w = max(20, self.width() - label_w - pct_w - 8)
        top = max(self.rows, key=lambda r: r[1])[0] if self.rows else None
        for i, (name, prob, color) in enumerate(self.rows):
            y = 2 + i * row
            font = QFont(p.font())
            font.setBold(name == top)
            p.setFont(font)
            p.setPen(pal.color(QPalette.WindowText if name == top else QPalette.PlaceholderText))
            p.drawText(QRectF(0, y, label_w - 6, row), Qt.AlignVCenter | Qt.AlignRight,
                       _names(name))
            track = QRectF(label_w, y + row * 0.25, bar_w, row * 0.5)
            p.setPen(Qt.NoPen)
            p.setBrush(pal.color(QPalette.Midlight))
            p.drawRoundedRect(track, 4, 4)
            p.setBrush(QColor(color))
            p.drawRoundedRect(QRectF(track.x(), track.y(), max(2.0, bar_w * prob), track.height()),
                              4, 4)
            p.setPen(pal.color(QPalette.WindowText))
            p.drawText(QRectF(label_w + bar_w + 4, y, pct_w, row), Qt.AlignVCenter | Qt.AlignLeft,
                       f"{prob:.0%}")
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.Highlight), 2))
            p.setBrush(Qt.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        p.end()


class EmotionView(QWidget):
    """Title, the mood in words, bars and circumplex for one EmotionResult (or a message)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("EmotionView")
        self.title = assets.heading(QLabel(self.tr("No photo yet")), 1.15)
        self.title.setObjectName("SectionTitle")
        self.feeling = assets.heading(QLabel(""), 1.6)
        self.feeling.setObjectName("MoodWords")
        self.feeling.setWordWrap(True)
        self.summary = assets.muted(QLabel(self.tr("Drop photos to see the emotions they evoke.")))
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        self.bars = EmotionBars()
        self.circle = Circumplex()
        body = QHBoxLayout()
        body.addWidget(self.bars, 3)
        body.addWidget(self.circle, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.feeling)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        self.feeling.hide()
        self.taxonomy = None
        self.shown = None  # the EmotionResult on screen, for tests and the status bar
        self.words = None  # its core.describe.MoodWords

    def set_taxonomy(self, taxonomy) -> None:
        self.taxonomy = taxonomy
        self.circle.set_state(self._anchors(), None)

    def _anchors(self) -> list:
        if self.taxonomy is None:
            return []
        return [(e.name, e.valence, e.arousal, e.color) for e in self.taxonomy.emotions]

    def show_result(self, title: str, result) -> None:
        self.shown = result
        self.words = words = describe.describe_result(result, qt_words)
        self.title.setText(title)
        self.feeling.setText(words.headline)
        self.feeling.show()
        self.summary.setText(self.tr("{emotions} · {sureness}").format(
            emotions=describe.capitalised(words.emotions), sureness=words.sureness))
        tip = self.tr("Feels {valence} and {arousal} ({numbers})").format(
            valence=words.valence, arousal=words.arousal, numbers=words.numbers)
        for label in (self.feeling, self.summary):
            label.setToolTip(tip)
        self.feeling.setAccessibleDescription(tip)
        colors = {e.name: e.color for e in self.taxonomy.emotions} if self.taxonomy else {}
        self.bars.set_rows([(n, p, colors.get(n, "#888888")) for n, p in result.emotions.items()])
        self.circle.set_state(self._anchors(), (result.valence, result.arousal))

    def show_message(self, title: str, message: str) -> None:
        self.shown = self.words = None
        self.title.setText(title)
        self.feeling.hide()
        self.summary.setText(message)
        for label in (self.feeling, self.summary):
            label.setToolTip("")
        self.bars.set_rows([])
        self.circle.set_state(self._anchors(), None)
