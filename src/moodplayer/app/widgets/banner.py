"""A dismissable message strip at the top of the window (errors, warnings, notes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

# A level is said by an icon and a word for screen readers, not by colour alone.
ICONS = {"error": QStyle.SP_MessageBoxCritical, "warning": QStyle.SP_MessageBoxWarning,
         "info": QStyle.SP_MessageBoxInformation}


class Banner(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Dismiss the message"))
        close.setToolTip(self.tr("Dismiss the message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignTop)
        self.hide()

    def show_message(self, text: str, level: str = "warning") -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        icon = self.style().standardIcon(ICONS.get(level, QStyle.SP_MessageBoxWarning))
        self.icon.setPixmap(icon.pixmap(20, 20))
        names = {"error": self.tr("Error"), "warning": self.tr("Warning"), "info": self.tr("Note")}
        self.setAccessibleName(names.get(level, names["warning"]))
        self.text.setAccessibleName(names.get(level, names["warning"]))
        self.show()
