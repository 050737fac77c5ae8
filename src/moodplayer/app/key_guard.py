"""Window shortcuts never take a key from the control that has the focus.

Qt asks the focused widget first with a ShortcutOverride event; most widgets
only claim keys they consider "text" (a line edit claims letters), so a
window-wide Space would still fire while a button has the focus and Left
would seek while the queue list wanted to move its selection. This filter
answers that question for the controls the window uses: when the focused
control would use the key itself, the key goes to it and the shortcut waits.
Keys with Ctrl or Alt are never claimed: those are the window's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider,
                               QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
                               QPlainTextEdit, QTabBar, QTextEdit, QWidget)

ARROWS = {Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down}
PAGING = {Qt.Key_Home, Qt.Key_End, Qt.Key_PageUp, Qt.Key_PageDown}
ACTIVATE = {Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter, Qt.Key_Select}
TYPING = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def _printable(key: int) -> bool:
    return Qt.Key_Space < key <= Qt.Key_AsciiTilde


def control_wants(widget, key: int, modifiers) -> bool:
    """Would ``widget``, having the focus, use this key itself?"""
    if modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
        return False
    if isinstance(widget, TYPING) or (isinstance(widget, QComboBox) and widget.isEditable()):
        return key in ARROWS or key in PAGING or key in ACTIVATE or _printable(key)
    if isinstance(widget, QAbstractItemView):  # moving, choosing, type-ahead search
        return key in ARROWS or key in PAGING or key in ACTIVATE or _printable(key)
    if isinstance(widget, (QAbstractSlider, QTabBar, QComboBox)):
        return key in ARROWS or key in PAGING or (isinstance(widget, QComboBox) and key in ACTIVATE)
    if isinstance(widget, QAbstractButton):
        return key in ACTIVATE
    return False


class KeyGuard(QObject):
    """Installed on the application; guards the shortcuts of one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.ShortcutOverride and isinstance(obj, QWidget)
                and obj.window() is self.window and obj.hasFocus()
                and control_wants(obj, event.key(), event.modifiers())):
            event.accept()  # "this key is mine": Qt delivers it instead of the shortcut
            return True
        return False

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
