"""The play queue: each item with the reason it was picked, editable.

Drag to reorder, Delete to remove, double-click to play; buttons (and the
context menu) for "play next", "more like this", "regenerate" and "save".
The view holds no queue of its own: it shows the controller's PlayQueue and
reports edits as indices, and the controller changes the queue.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMenu, QPushButton, QStyle, QStyledItemDelegate,
                               QVBoxLayout, QWidget)

INDEX_ROLE = Qt.UserRole
REASON_ROLE = Qt.UserRole + 1
STATE_ROLE = Qt.UserRole + 2  # "playing" | "played" | ""
PLAYING = QColor("#ff9ab8")
MUTED = QColor("#8a919b")


class QueueDelegate(QStyledItemDelegate):
    """Two lines per item: the title (and length), then why it was picked, elided."""

    def sizeHint(self, option, index):
        lines = 2 if index.data(REASON_ROLE) else 1
        return QSize(200, 10 + lines * QFontMetrics(option.font).height())

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
        color = PLAYING if state == "playing" else MUTED if state == "played" \
            else option.palette.text().color()
        painter.setPen(QColor("#ffffff") if selected and state != "playing" else color)
        title = QFontMetrics(font).elidedText(index.data(Qt.DisplayRole) or "", Qt.ElideRight,
                                              rect.width())
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), fm.height()),
                         Qt.AlignLeft | Qt.AlignVCenter, title)
        reason = index.data(REASON_ROLE)
        if reason:
            small = QFont(option.font)
            small.setItalic(True)
            painter.setFont(small)
            painter.setPen(MUTED if not selected else QColor("#d8e6f0"))
            text = QFontMetrics(small).elidedText(reason, Qt.ElideRight, rect.width() - 28)
            painter.drawText(QRect(rect.x() + 28, rect.y() + fm.height(), rect.width() - 28,
                                   fm.height()), Qt.AlignLeft | Qt.AlignVCenter, text)
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
        self.title = QLabel("Queue")
        self.title.setObjectName("SectionTitle")
        self.info = QLabel("")
        self.info.setObjectName("Muted")
        self.list = QueueList()
        self.list.reordered.connect(self.reordered)
        self.list.itemDoubleClicked.connect(lambda it: self.play_requested.emit(it.data(INDEX_ROLE)))
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.currentRowChanged.connect(self._update_buttons)

        self.b_next = QPushButton("Play next")
        self.b_more = QPushButton("More like this")
        self.b_remove = QPushButton("Remove")
        self.b_regen = QPushButton("Regenerate")
        self.b_save = QPushButton("Save…")
        self.b_next.clicked.connect(lambda: self._emit_selected(self.play_next_requested))
        self.b_more.clicked.connect(lambda: self._emit_selected(self.more_like_requested))
        self.b_remove.clicked.connect(lambda: self._emit_selected(self.remove_requested))
        self.b_regen.clicked.connect(self.regenerate_requested)
        self.b_save.clicked.connect(self.save_requested)
        self.b_regen.setToolTip("Build a fresh queue for the same mood")
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
                  lambda: self._emit_selected(self.remove_requested))
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
            item.setData(REASON_ROLE, entry.reason)
            item.setData(STATE_ROLE, "playing" if playing else "played" if i < queue.current else "")
            item.setToolTip(f"{entry.path}\n{entry.reason}" if entry.reason else entry.path)
            self.list.addItem(item)
            total += entry.duration or 0
        if 0 <= selected < self.list.count():
            self.list.setCurrentRow(selected)
        n = len(queue.entries)
        self.info.setText(message or (f"{n} items · {_fmt_time(total)}" if n else ""))
        self._update_buttons()

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
        menu.addAction("Play now", lambda: self.play_requested.emit(index))
        menu.addAction("Play next", lambda: self.play_next_requested.emit(index))
        menu.addAction("More like this", lambda: self.more_like_requested.emit(index))
        menu.addSeparator()
        menu.addAction("Remove", lambda: self.remove_requested.emit(index))
        menu.exec(self.list.viewport().mapToGlobal(pos))
