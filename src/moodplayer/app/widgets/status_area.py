"""The status bar's permanent part: busy work with its own Cancel, and the model in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton


class StatusArea(QObject):
    cancel_requested = Signal()

    def __init__(self, status_bar):
        super().__init__(status_bar)
        self.bar = status_bar
        self.model_label = QLabel("Loading the model…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(180)
        self.busy_bar.setVisible(False)
        self.busy_bar.setAccessibleName("Analysis progress")
        self.busy_cancel = QPushButton("Cancel")
        self.busy_cancel.setVisible(False)
        self.busy_cancel.clicked.connect(self.cancel_requested)
        self.listening = QLabel()  # the background audio analysis, when it runs
        self.listening.setVisible(False)
        status_bar.addPermanentWidget(self.listening)
        status_bar.addPermanentWidget(self.busy_bar)
        status_bar.addPermanentWidget(self.busy_cancel)
        status_bar.addPermanentWidget(self.model_label)

    def set_busy(self, busy: bool, total: int = 0) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_cancel.setVisible(busy)
        if busy:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(0)
        else:
            self.bar.clearMessage()  # no stale "Analysing 5/5" once it is over

    def show_progress(self, done: int, total: int, message: str) -> None:
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)
        self.bar.showMessage(f"Analysing {done}/{total}: {Path(message).name}", 2000)

    def show_model(self, info) -> None:
        """'ViT-B-32 · cpu · zero-shot' (the adapter by name, not by path)."""
        self.model_label.setText(f"{info.model} · {info.device} · {info.head_name}")
        self.model_label.setToolTip(info.adapter_problem or "")

    def show_listening(self, text: str, done: bool = False) -> None:
        """The listening job's progress; its last word stays as a passing message."""
        self.listening.setVisible(not done)
        self.listening.setText(text)
        if done:
            self.bar.showMessage(text, 8000)
