"""Tuning: labels per emotion, run DAPT with progress, compare, switch adapters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

ZERO_SHOT = ""


class TuneView(QWidget):
    tune_requested = Signal()
    cancel_requested = Signal()
    adapter_chosen = Signal(str)  # path, or "" for zero-shot

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("TuneView")
        title = QLabel("Tune to your taste")
        title.setObjectName("SectionTitle")
        intro = QLabel("Right-click a photo and choose “This feels like…” to teach MoodPlayer. "
                       "With a few labels per emotion, tuning (DAPT) adapts the model's prompts "
                       "to you; the model itself stays unchanged and nothing leaves this computer.")
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        self.counts = QTableWidget(0, 2)
        self.counts.setHorizontalHeaderLabels(["Emotion", "Labels"])
        self.counts.verticalHeader().setVisible(False)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.counts.setEditTriggers(QTableWidget.NoEditTriggers)
        self.counts.setMaximumHeight(300)
        self.total = QLabel("")
        self.b_tune = QPushButton("Tune now")
        self.b_cancel = QPushButton("Cancel")
        self.b_cancel.setEnabled(False)
        self.b_tune.clicked.connect(self.tune_requested)
        self.b_cancel.clicked.connect(self.cancel_requested)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.scores = QTableWidget(0, 3)
        self.scores.setHorizontalHeaderLabels(["Held-out score", "Before (zero-shot)", "After"])
        self.scores.verticalHeader().setVisible(False)
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.scores.setEditTriggers(QTableWidget.NoEditTriggers)
        self.scores.setMaximumHeight(130)
        self.adapters = QComboBox()
        self.adapters.activated.connect(
            lambda i: self.adapter_chosen.emit(self.adapters.itemData(i) or ZERO_SHOT))
        row = QHBoxLayout()
        row.addWidget(self.b_tune)
        row.addWidget(self.b_cancel)
        row.addStretch(1)
        row.addWidget(QLabel("Active:"))
        row.addWidget(self.adapters, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.counts)
        layout.addWidget(self.total)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.scores)
        layout.addStretch(1)

    def set_counts(self, counts: dict, unavailable: str = None) -> None:
        self.counts.setRowCount(len(counts))
        for i, (name, n) in enumerate(counts.items()):
            self.counts.setItem(i, 0, QTableWidgetItem(name.capitalize()))
            self.counts.setItem(i, 1, QTableWidgetItem(str(n)))
        # Show every emotion at once: eight rows are not worth a scroll bar.
        rows = sum(self.counts.rowHeight(i) for i in range(self.counts.rowCount()))
        self.counts.setFixedHeight(rows + self.counts.horizontalHeader().height()
                                   + 2 * self.counts.frameWidth())
        total = sum(counts.values())
        self.total.setText(f"{total} labels in all")
        self.b_tune.setEnabled(unavailable is None and total > 0)
        if unavailable:
            self.status.setText(unavailable)
        elif total == 0:
            self.status.setText("No labels yet.")
        elif not self.scores.rowCount():  # after a run, its report keeps the word
            thin = [n for n, c in counts.items() if c < 4]
            hint = (f" Emotions with fewer than 4 labels ({', '.join(thin)}) are learnt "
                    f"from little evidence." if thin else "")
            self.status.setText(f"Ready to tune. A quarter of each emotion's labels is held "
                                f"out to score the model before and after.{hint}")

    def set_adapters(self, adapters: list, active) -> None:
        self.adapters.clear()
        self.adapters.addItem("Zero-shot (no tuning)", ZERO_SHOT)
        for path in adapters:
            self.adapters.addItem(Path(path).stem, str(path))
        index = self.adapters.findData(str(active)) if active else 0
        self.adapters.setCurrentIndex(max(0, index))

    def set_running(self, running: bool) -> None:
        self.b_tune.setEnabled(not running)
        self.b_cancel.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
            self.status.setText("Tuning…")

    def set_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.status.setText(message)

    def show_report(self, before: dict, after: dict, message: str) -> None:
        keys = list(dict.fromkeys(list(before) + list(after)))
        self.scores.setRowCount(len(keys))
        for i, k in enumerate(keys):
            self.scores.setItem(i, 0, QTableWidgetItem(k))
            for j, d in ((1, before), (2, after)):
                v = d.get(k)
                self.scores.setItem(i, j, QTableWidgetItem("" if v is None else f"{v:.3f}"))
        self.status.setText(message)
