"""The status bar's permanent part: busy work with its own Cancel, and the model in use.

Progress lives in its own label beside the bar, shown only while work runs,
so "Analysing 5 of 5" can never outlive the analysis (and finishing never
wipes another message from the bar). The model is named the way people say
it ("ViT-B-32 · CPU · tuned on 1 Dec, 40 photos"), never by a folder path;
the full details are in the tooltip.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from ...core import describe
from .tune_view import adapter_name


class StatusArea(QObject):
    cancel_requested = Signal()
    _load_said = Signal(str)  # from the model's loading thread: queued to this one

    def __init__(self, status_bar):
        super().__init__(status_bar)
        self.bar = status_bar
        self.model_label = QLabel(self.tr("Loading the emotion model…"))
        self.busy_label = QLabel("")
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(180)
        self.busy_bar.setAccessibleName(self.tr("Analysis progress"))
        self.busy_cancel = QPushButton(self.tr("Cancel"))
        self.busy_cancel.setAccessibleName(self.tr("Cancel the analysis"))
        self.busy_cancel.clicked.connect(self.cancel_requested)
        self.listening = QLabel()  # the background audio analysis, while it runs
        for w in (self.listening, self.busy_label, self.busy_bar, self.busy_cancel):
            w.setVisible(False)
            status_bar.addPermanentWidget(w)
        status_bar.addPermanentWidget(self.model_label)
        self.busy = False
        from ..startup import listen_to_notes

        self._before_measuring = None  # (text, tooltip) the measuring note covers
        self._load_said.connect(self._on_load_said)
        listen_to_notes(self._load_said.emit)

    def set_busy(self, busy: bool, total: int = 0) -> None:
        self.busy = busy
        for w in (self.busy_label, self.busy_bar, self.busy_cancel):
            w.setVisible(busy)
        if busy:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(0)
            self.busy_label.setText(self.tr("Analysing {n} photos…").format(n=total))
        else:
            self.busy_label.setText("")

    def show_progress(self, done: int, total: int, message: str) -> None:
        if not self.busy:
            return  # a late report after the work ended: nothing is running any more
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)
        self.busy_label.setText(self.tr("Analysing {done} of {total}: {name}").format(
            done=done, total=total, name=Path(message).name))

    def show_loading(self) -> None:
        self.model_label.setText(self.tr("Loading the emotion model…"))
        self.model_label.setToolTip("")

    def _on_load_said(self, engine_words: str) -> None:
        """The model's loading thread speaks: words while it measures, "" when done."""
        if engine_words:
            self.show_measuring()
        elif self._before_measuring is not None:
            text, tip = self._before_measuring
            self._before_measuring = None
            self.model_label.setText(text)
            self.model_label.setToolTip(tip)

    def show_measuring(self) -> None:
        """What takes long: the once-per-computer speed measurement."""
        if self._before_measuring is None:
            self._before_measuring = (self.model_label.text(), self.model_label.toolTip())
        self.model_label.setText(self.tr("Measuring this computer's speed (first start only)…"))
        self.model_label.setToolTip(self.tr(
            "MoodPlayer measures once which way of running the model is fastest on this "
            "computer; later starts use the result."))

    def show_no_model(self) -> None:
        self.model_label.setText(self.tr("No emotion model"))

    def show_model(self, info, spec: str = "") -> None:
        """'ViT-B-32 · CPU · not tuned' (the adapter by its date and photos, not its file)."""
        name = describe.model_short_name(spec) if spec else describe.model_short_name(info.model)
        device = self.tr("GPU") if str(info.device).startswith("cuda") else \
            str(info.device).upper()
        head = adapter_name(info.adapter) if info.adapter else self.tr("not tuned")
        self.model_label.setText(self.tr("{model} · {device} · {head}").format(
            model=name, device=device, head=head))
        details = self.tr("Emotion model: {model} on {device} ({dtype}).").format(
            model=info.model, device=info.device, dtype=info.dtype)
        if info.adapter_problem:
            details += "\n" + info.adapter_problem
        self.model_label.setToolTip(details)

    def show_listening(self, done: int, total: int, finished: str = "") -> None:
        """The listening job's progress; when it ends, its last word is a passing message."""
        if finished:
            self.listening.setVisible(False)
            self.bar.showMessage(finished, 8000)
            return
        self.listening.setVisible(True)
        self.listening.setText(self.tr("Listening to the library: {done} of {total}").format(
            done=done, total=total))
