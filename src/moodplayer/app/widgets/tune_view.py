"""Tuning: labels per emotion, run DAPT with progress, compare, switch adapters.

Scores are percentages with names people use ("Accuracy", "Balanced over
emotions"), and adapters are named by when and on how many photos they were
tuned ("Tuned on 1 Dec, 40 photos"), not by their file names.
"""

from __future__ import annotations

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, Qt,
                            QTime, Signal)
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import describe
from ...core.tuning import Tuning
from .. import assets
from ..i18n import qt_words

ZERO_SHOT = ""
# The held-out scores core.tuning reports that the tab shows, in words (macro F1
# stays in the report for the command line; two numbers are enough here).
SCORE_NAMES = {"accuracy": (QT_TRANSLATE_NOOP("TuneView", "Accuracy"),
                            QT_TRANSLATE_NOOP("TuneView", "Share of the held-out photos read as "
                                                          "you labelled them")),
               "balanced_accuracy": (
                   QT_TRANSLATE_NOOP("TuneView", "Balanced accuracy over emotions"),
                   QT_TRANSLATE_NOOP("TuneView", "The average over emotions of the share read "
                                                 "right: every emotion counts the same, however "
                                                 "many photos it has"))}


def adapter_name(path, with_time: bool = False) -> str:
    """'Tuned on 1 Dec, 40 photos' for an adapter file, in the user's language."""
    facts = Tuning.adapter_facts(path)
    # The date's pattern is translated too: "1 Dec" in English, "12월 1일" in Korean.
    pattern = (QCoreApplication.translate("TuneView", "d MMM, HH:mm") if with_time
               else QCoreApplication.translate("TuneView", "d MMM"))

    def when(d) -> str:
        return QLocale().toString(QDateTime(QDate(d.year, d.month, d.day),
                                            QTime(d.hour, d.minute)), pattern)
    return describe.adapter_label(facts["created"], facts["photos"], qt_words,
                                  when)


class TuneView(QWidget):
    tune_requested = Signal()
    cancel_requested = Signal()
    adapter_chosen = Signal(str)  # path, or "" for zero-shot

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("TuneView")
        title = assets.heading(QLabel(self.tr("Tune to your taste")), 1.3)
        title.setObjectName("SectionTitle")
        intro = assets.muted(QLabel(self.tr(
            "Right-click a photo and choose “This feels like…” to teach MoodPlayer. With a few "
            "labels per emotion, tuning (DAPT) adapts the model's prompts to you; the model "
            "itself stays unchanged and nothing leaves this computer.")))
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        self.counts = QTableWidget(0, 2)
        self.counts.setAccessibleName(self.tr("Labels per emotion"))
        self.counts.setHorizontalHeaderLabels([self.tr("Emotion"), self.tr("Labels")])
        self.counts.verticalHeader().setVisible(False)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.counts.setEditTriggers(QTableWidget.NoEditTriggers)
        self.counts.setMaximumHeight(300)
        self.total = QLabel("")
        self.b_tune = QPushButton(self.tr("Tune now"))
        self.b_cancel = QPushButton(self.tr("Cancel"))
        self.b_cancel.setAccessibleName(self.tr("Cancel tuning"))
        self.b_cancel.setEnabled(False)
        self.b_tune.clicked.connect(self.tune_requested)
        self.b_cancel.clicked.connect(self.cancel_requested)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.scores = QTableWidget(0, 3)
        self.scores.setAccessibleName(self.tr("Scores before and after tuning"))
        self.scores.setHorizontalHeaderLabels([self.tr("On photos tuning never saw"),
                                               self.tr("Before tuning"), self.tr("After tuning")])
        self.scores.verticalHeader().setVisible(False)
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.scores.setEditTriggers(QTableWidget.NoEditTriggers)
        self.scores.setMaximumHeight(130)
        self.adapters = QComboBox()
        self.adapters.setAccessibleName(self.tr("Reading in use"))
        self.adapters.activated.connect(
            lambda i: self.adapter_chosen.emit(self.adapters.itemData(i) or ZERO_SHOT))
        row = QHBoxLayout()
        row.addWidget(self.b_tune)
        row.addWidget(self.b_cancel)
        row.addStretch(1)
        active = QLabel(self.tr("Active:"))  # the word core.tuning's messages use
        active.setBuddy(self.adapters)
        row.addWidget(active)
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
            self.counts.setItem(i, 0, QTableWidgetItem(describe.capitalised(
                describe.emotion_name(name, qt_words))))
            self.counts.setItem(i, 1, QTableWidgetItem(str(n)))
        # Show every emotion at once: eight rows are not worth a scroll bar.
        rows = sum(self.counts.rowHeight(i) for i in range(self.counts.rowCount()))
        self.counts.setFixedHeight(rows + self.counts.horizontalHeader().height()
                                   + 2 * self.counts.frameWidth())
        total = sum(counts.values())
        self.total.setText(self.tr("{n} labels in all").format(n=total))
        self.b_tune.setEnabled(unavailable is None and total > 0)
        if unavailable:
            self.status.setText(unavailable)
        elif total == 0:
            self.status.setText(self.tr("No labels yet."))
        elif not self.scores.rowCount():  # after a run, its report keeps the word
            thin = [describe.emotion_name(n, qt_words)
                    for n, c in counts.items() if c < 4]
            text = self.tr("Ready to tune. A quarter of each emotion's labels is held out to "
                           "score the reading before and after.")
            if thin:
                text += " " + self.tr("Emotions with fewer than 4 labels ({names}) are learnt "
                                      "from little evidence.").format(names=", ".join(thin))
            self.status.setText(text)

    def set_adapters(self, adapters: list, active) -> None:
        self.adapters.clear()
        self.adapters.addItem(self.tr("Not tuned (zero-shot)"), ZERO_SHOT)
        names = [adapter_name(p) for p in adapters]
        for path, name in zip(adapters, names):
            if names.count(name) > 1:  # two tuned the same day on as many photos: add the time
                name = adapter_name(path, with_time=True)
            self.adapters.addItem(name, str(path))
            self.adapters.setItemData(self.adapters.count() - 1, str(path), Qt.ToolTipRole)
        index = self.adapters.findData(str(active)) if active else 0
        self.adapters.setCurrentIndex(max(0, index))

    def set_running(self, running: bool) -> None:
        self.b_tune.setEnabled(not running)
        self.b_cancel.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Tuning…"))

    def set_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.status.setText(message)

    def show_report(self, before: dict, after: dict, message: str) -> None:
        keys = [k for k in SCORE_NAMES if k in before or k in after]
        self.scores.setRowCount(len(keys))
        for i, k in enumerate(keys):
            name, tip = SCORE_NAMES[k]
            label = QTableWidgetItem(self.tr(name))
            label.setToolTip(self.tr(tip) if tip else "")
            self.scores.setItem(i, 0, label)
            for j, d in ((1, before), (2, after)):
                cell = QTableWidgetItem(describe.percent(d.get(k)))
                cell.setTextAlignment(Qt.AlignCenter)
                self.scores.setItem(i, j, cell)
        sentence = describe.score_sentence(before, after, qt_words)
        self.status.setText(f"{message} {sentence}".strip())
