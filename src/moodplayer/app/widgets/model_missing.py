"""Shown instead of the emotion view when the CLIP model cannot be loaded.

Online: the download, with what it costs (size), real progress (bytes, speed,
time left), Cancel, and Resume (the bytes fetched so far are kept on disk).
Offline: the engine's explanation, plus a way to pick a model folder already
on disk. The page only shows states; ``flows/models.py`` runs the download.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from ...engine.models import human_bytes, human_duration
from .. import assets

BAR_STEPS = 1000  # the bar counts permille: byte counts overflow Qt's 32-bit int past 2 GB


class ModelMissingPage(QWidget):
    download_requested = Signal()
    cancel_requested = Signal()
    folder_chosen = Signal(str)
    retry_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ModelMissing")
        self.heading = assets.heading(QLabel(self.tr("The emotion model is not available yet")),
                                      1.3)
        self.heading.setObjectName("SectionTitle")
        self.about = QLabel("")  # which model, how big, from where
        self.about.setObjectName("Muted")
        self.about.setWordWrap(True)
        self.about.setOpenExternalLinks(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)  # repository names to copy
        self.progress = QProgressBar()
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setTextVisible(False)
        self.detail = QLabel("")  # 123 MB of 605 MB · 4.2 MB/s · about 2 min left
        self.b_download = QPushButton(self.tr("Download the model"))
        self.b_cancel = QPushButton(self.tr("Cancel"))
        self.b_folder = QPushButton(self.tr("Use a model folder…"))
        self.b_retry = QPushButton(self.tr("Check again"))
        self.b_retry.setToolTip(self.tr("Look for the model on this computer again, e.g. after "
                                        "copying it here"))
        self.b_download.clicked.connect(self.download_requested)
        self.b_cancel.clicked.connect(self.cancel_requested)
        self.b_folder.clicked.connect(self._choose)
        self.b_retry.clicked.connect(self.retry_requested)
        self._partial = 0  # bytes of an unfinished download on disk: the button says Resume
        self._build()
        self._show_bar(False)
        self.b_cancel.setVisible(False)

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.b_download, self.b_cancel, self.b_folder, self.b_retry):
            buttons.addWidget(b)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)  # the page's own margins are enough
        column.setSpacing(10)
        for w in (self.heading, self.about, self.message, self.progress, self.detail):
            column.addWidget(w)
        column.addLayout(buttons)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(680)  # long lines of text are hard to read on a wide window
        layout = QHBoxLayout(self)
        layout.addWidget(box, 1, Qt.AlignTop)

    # ------------------------------------------------------------ states
    def set_model(self, spec: str, title: str, size_bytes: int, partial_bytes: int = 0) -> None:
        """What a download would fetch; ``partial_bytes`` already on disk turn Download into Resume."""
        size = (self.tr("about {size}").format(size=human_bytes(size_bytes)) if size_bytes
                else self.tr("size unknown until it starts"))
        if partial_bytes:
            size = self.tr("{size} ({kept} of it already here)").format(
                size=size, kept=human_bytes(partial_bytes))
        self.about.setText(self.tr("{model} · {size} · kept on this computer, so this happens "
                                   "once").format(model=title or spec, size=size))
        self._partial = partial_bytes
        self._label_download()

    def show_problem(self, message: str, online: bool) -> None:
        self.message.setText(message)
        self._show_bar(False)
        self._set_running(False)
        self.b_download.setVisible(online)
        if online:
            self.heading.setText(self.tr("The emotion model needs to be downloaded once"))
        else:
            self.heading.setText(
                self.tr("The emotion model is not downloaded, and this computer is offline"))

    def show_downloading(self) -> None:
        self.heading.setText(self.tr("Downloading the emotion model"))
        self.message.setText(self.tr("Photos can be read as soon as it is here. Cancel keeps "
                                     "what has arrived: the download can be resumed later."))
        self.detail.setText(self.tr("Asking the server for the files…"))
        self._show_bar(True)
        self._set_running(True)

    def show_progress(self, done: int, total: int, rate: float) -> None:
        self.progress.setValue(int(BAR_STEPS * done / total) if total else 0)
        self.detail.setText(self._progress_words(done, total, rate))

    def show_paused(self, done: int, total: int) -> None:
        self._partial = done
        self.heading.setText(self.tr("Download paused"))
        if total:
            paused = self.tr("Paused at {done} of {total}.").format(done=human_bytes(done),
                                                                   total=human_bytes(total))
        else:
            paused = self.tr("Paused.")
        self.message.setText(paused + " " + self.tr("What arrived is kept on disk: Resume "
                                                    "continues where it stopped, even after a "
                                                    "restart."))
        self.detail.setText(self.tr("{done} of {total} kept").format(
            done=human_bytes(done), total=human_bytes(total)) if total else "")
        self._set_running(False)
        self._show_bar(bool(done))

    def show_failed(self, message: str, kept_bytes: int = 0) -> None:
        self._partial = kept_bytes
        self.heading.setText(self.tr("The download did not finish"))
        self.message.setText(message)
        self.detail.setText(self.tr("{kept} are kept for the next try.").format(
            kept=human_bytes(kept_bytes)) if kept_bytes else "")
        self._set_running(False)
        self._show_bar(bool(kept_bytes))

    def show_finished(self, total: int) -> None:
        self.heading.setText(self.tr("Downloaded"))
        self.message.setText(self.tr("{size} on this computer. Loading the model…").format(
            size=human_bytes(total)))
        self.progress.setValue(BAR_STEPS)
        self.detail.setText("")
        self._partial = 0
        self.b_cancel.setVisible(False)

    # ------------------------------------------------------------ helpers
    def _set_running(self, running: bool) -> None:
        self.b_download.setVisible(not running)
        self.b_cancel.setVisible(running)
        self.b_folder.setEnabled(not running)
        self.b_retry.setEnabled(not running)
        self._label_download()

    def _show_bar(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.detail.setVisible(visible)

    def _label_download(self) -> None:
        self.b_download.setText(self.tr("Resume the download") if self._partial
                                else self.tr("Download the model"))

    def _progress_words(self, done: int, total: int, rate: float) -> str:
        """"123 MB of 605 MB · 4.2 MB/s · about 2 min left" (parts left out when unknown),
        as engine.models.describe_progress says it, in the window's language."""
        parts = [self.tr("{done} of {total}").format(done=human_bytes(done),
                                                     total=human_bytes(total))
                 if total > 0 else human_bytes(done)]
        if rate > 0:
            parts.append(self.tr("{rate}/s").format(rate=human_bytes(rate)))
            if total > done:
                parts.append(self.tr("about {time} left").format(
                    time=human_duration(max((total - done) / rate, 1))))
        return " · ".join(parts)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose an open_clip model folder"))
        if folder:
            self.folder_chosen.emit(folder)
