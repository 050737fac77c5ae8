"""The play queue: each item with the reason it was picked, editable.

Drag to reorder, Delete to remove, double-click or Enter to play; buttons
(and the context menu) for "play next", "more like this", "regenerate" and
"save". Each row shows its own reason without the numbers (the evidence
that differs from item to item, wrapped onto up to two lines); the full
reason is in the tooltip and the row's accessible description.
The view holds no queue of its own: it shows the controller's PlayQueue and
reports edits as indices, and the controller changes the queue.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QMenu, QPushButton, QStyle, QStyledItemDelegate,
                               QVBoxLayout, QWidget)

from ...core import describe
from .. import assets
from ..i18n import qt_words

INDEX_ROLE = Qt.UserRole
REASON_ROLE = Qt.UserRole + 1  # the short reason shown in the row
STATE_ROLE = Qt.UserRole + 2  # "playing" | "played" | ""
REASON_LINES = 2
INDENT = 28


class QueueDelegate(QStyledItemDelegate):
    """The title (and length), then why it was picked, wrapped onto up to two lines."""

    @staticmethod
    def _reason_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setItalic(True)
        return small

    def _reason_lines(self, option, index) -> list:
        """The reason wrapped to the row's width, at most REASON_LINES lines, the last
        one elided ("…") when the text goes on: never a line cut through the middle."""
        width = (option.widget.viewport().width() if option.widget else option.rect.width())
        width = max(40, width - 16 - INDENT)
        fm = QFontMetrics(self._reason_font(option.font))
        words, lines = (index.data(REASON_ROLE) or "").split(), []
        while words and len(lines) < REASON_LINES:
            line = words.pop(0)
            while words and fm.horizontalAdvance(f"{line} {words[0]}") <= width:
                line += " " + words.pop(0)
            lines.append(line)
        if words:
            lines[-1] = fm.elidedText(f"{lines[-1]} {' '.join(words)}", Qt.ElideRight, width)
        return [fm.elidedText(line, Qt.ElideRight, width) for line in lines]

    def sizeHint(self, option, index):
        height = QFontMetrics(option.font).height() + 10
        if index.data(REASON_ROLE):
            lines = len(self._reason_lines(option, index))
            height += lines * QFontMetrics(self._reason_font(option.font)).lineSpacing()
        return QSize(200, height)

    def paint(self, painter, option, index):
        option.text = ""
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.CE_ItemViewItem, option, painter, option.widget)
        state = index.data(STATE_ROLE)
        rect = option.rect.adjusted(8, 4, -8, -4)
        fm = QFontMetrics(option.font)
        font = QFont(option.font)
        font.setBold(state == "playing")
        painter.save()
        painter.setFont(font)
        selected = bool(option.state & QStyle.State_Selected)
        pal = option.palette
        color = pal.color(QPalette.HighlightedText if selected else QPalette.Highlight
                          if state == "playing" else QPalette.PlaceholderText
                          if state == "played" else QPalette.Text)
        painter.setPen(color)
        title = QFontMetrics(font).elidedText(index.data(Qt.DisplayRole) or "", Qt.ElideRight,
                                              rect.width())
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), fm.height()),
                         Qt.AlignLeft | Qt.AlignVCenter, title)
        reason = index.data(REASON_ROLE)
        if reason:
            small = self._reason_font(option.font)
            painter.setFont(small)
            painter.setPen(pal.color(QPalette.HighlightedText if selected
                                     else QPalette.PlaceholderText))
            step = QFontMetrics(small).lineSpacing()
            for i, line in enumerate(self._reason_lines(option, index)):
                painter.drawText(QRect(rect.x() + INDENT, rect.y() + fm.height() + i * step,
                                       rect.width() - INDENT, step),
                                 Qt.AlignLeft | Qt.AlignVCenter, line)
        painter.restore()


def _fmt_time(seconds) -> str:
    if not seconds:
        return ""
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


class QueueList(QListWidget):
    """A list whose internal drag-and-drop reports the resulting order."""

    reordered = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setItemDelegate(QueueDelegate(self))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.Adjust)  # re-wrap the reasons when the width changes
        self.setWordWrap(True)

    def dropEvent(self, event):
        super().dropEvent(event)
        order = [self.item(i).data(INDEX_ROLE) for i in range(self.count())]
        if order != sorted(order):
            self.reordered.emit(order)


class QueueView(QWidget):
    play_requested = Signal(int)
    remove_requested = Signal(int)
    play_next_requested = Signal(int)
    more_like_requested = Signal(int)
    reordered = Signal(list)
    regenerate_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("QueueView")
        self.title = assets.heading(QLabel(self.tr("Queue")), 1.15)
        self.title.setObjectName("SectionTitle")
        self.info = assets.muted(QLabel(""))
        self.info.setObjectName("Muted")
        self.list = QueueList()
        self.list.setAccessibleName(self.tr("Queue"))
        self.list.reordered.connect(self.reordered)
        self.list.itemDoubleClicked.connect(lambda it: self.play_requested.emit(it.data(INDEX_ROLE)))
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.currentRowChanged.connect(self._update_buttons)

        self.b_next = QPushButton(self.tr("Play next"))
        self.b_more = QPushButton(self.tr("More like this"))
        self.b_remove = QPushButton(self.tr("Remove"))
        self.b_regen = QPushButton(self.tr("Regenerate"))
        self.b_save = QPushButton(self.tr("Save…"))
        self.b_save.setAccessibleName(self.tr("Save the queue as a playlist"))
        self.b_next.clicked.connect(lambda: self._emit_selected(self.play_next_requested))
        self.b_more.clicked.connect(lambda: self._emit_selected(self.more_like_requested))
        self.b_remove.clicked.connect(lambda: self._emit_selected(self.remove_requested))
        self.b_regen.clicked.connect(self.regenerate_requested)
        self.b_save.clicked.connect(self.save_requested)
        self.b_regen.setToolTip(self.tr("Build a fresh queue for the same mood"))
        buttons = QHBoxLayout()
        for b in (self.b_next, self.b_more, self.b_remove):
            buttons.addWidget(b)
        buttons.addStretch(1)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.info, 1)
        head.addWidget(self.b_regen)
        head.addWidget(self.b_save)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.Delete, self.list,
                  lambda: self._emit_selected(self.remove_requested), context=Qt.WidgetShortcut)
        for key in (Qt.Key_Return, Qt.Key_Enter):  # Enter plays, like a double-click
            QShortcut(QKeySequence(key), self.list,
                      lambda: self._emit_selected(self.play_requested), context=Qt.WidgetShortcut)
        self._update_buttons()

    def show_queue(self, queue, message: str = "") -> None:
        selected = self.list.currentRow()
        self.list.clear()
        total = 0.0
        for i, entry in enumerate(queue.entries):
            playing = i == queue.current
            prefix = "▶  " if playing else f"{i + 1}.  "
            length = _fmt_time(entry.duration)
            item = QListWidgetItem(f"{prefix}{entry.label}" + (f"   {length}" if length else ""))
            item.setData(INDEX_ROLE, i)
            self._describe(item, entry, playing)
            item.setData(STATE_ROLE, "playing" if playing else "played" if i < queue.current else "")
            self.list.addItem(item)
            total += entry.duration or 0
        if 0 <= selected < self.list.count():
            self.list.setCurrentRow(selected)
        n = len(queue.entries)
        self.info.setText(message or (self.tr("{n} items · {length}").format(
            n=n, length=_fmt_time(total)) if n else ""))
        self._update_buttons()

    def _describe(self, item, entry, playing: bool) -> None:
        """The row's short reason, and the full one for the tooltip and screen readers."""
        short = describe.short_reason(entry.reason, qt_words) if entry.reason \
            else self.tr("added by you")
        item.setData(REASON_ROLE, short)
        full = entry.reason or short
        item.setToolTip(f"<p><b>{escape(entry.label)}</b><br>{escape(entry.path)}</p>"
                        f"<p>{escape(full)}</p>")
        state = self.tr("playing now: ") if playing else ""
        item.setData(Qt.AccessibleTextRole, f"{state}{entry.label}. {short}")
        item.setData(Qt.AccessibleDescriptionRole, full)

    def selected_index(self) -> int:
        item = self.list.currentItem()
        return item.data(INDEX_ROLE) if item is not None else -1

    def _emit_selected(self, signal) -> None:
        index = self.selected_index()
        if index >= 0:
            signal.emit(index)

    def _update_buttons(self, *_):
        has = self.selected_index() >= 0
        for b in (self.b_next, self.b_more, self.b_remove):
            b.setEnabled(has)
        self.b_save.setEnabled(self.list.count() > 0)

    def _menu(self, pos):
        item = self.list.itemAt(pos)
        if item is None:
            return
        index = item.data(INDEX_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Play now"), lambda: self.play_requested.emit(index))
        menu.addAction(self.tr("Play next"), lambda: self.play_next_requested.emit(index))
        menu.addAction(self.tr("More like this"), lambda: self.more_like_requested.emit(index))
        menu.addSeparator()
        menu.addAction(self.tr("Remove"), lambda: self.remove_requested.emit(index))
        menu.exec(self.list.viewport().mapToGlobal(pos))
