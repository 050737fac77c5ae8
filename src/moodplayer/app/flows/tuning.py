"""Right-click labels and the Tune tab, onto ``core.tuning`` on the model's thread."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ...core.describe import emotion_name
from ...engine.errors import MoodPlayerError
from ..i18n import Translates, qt_words
from ..widgets.tune_view import adapter_name


class TuningFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.tuning = services.tuning
        self.model = services.model
        self._job = None
        view = window.tune
        view.tune_requested.connect(self.start)
        view.cancel_requested.connect(lambda: self.model.cancel(self._job))
        view.adapter_chosen.connect(self.choose_adapter)

    def add_label(self, path: str, emotion: str) -> None:
        try:
            self.tuning.add_label(path, emotion)
        except (MoodPlayerError, OSError) as exc:
            self.w.banner.show_message(
                self.tr("The label could not be saved: {problem}").format(problem=exc), "error")
            return
        name = emotion_name(emotion, qt_words)
        self.w.strip.set_caption(path, f"✓ {name}")
        self.w.statusBar().showMessage(self.tr("Saved: {photo} feels like {emotion}.").format(
            photo=Path(path).name, emotion=name), 5000)
        self.refresh()

    def refresh(self) -> None:
        names = self.w.taxonomy.names if self.w.taxonomy else []
        self.w.tune.set_counts(self.tuning.label_counts(names) if names else {}, None)
        self.w.tune.set_adapters(self.tuning.list_adapters(), self.w.settings.adapter)

    def start(self) -> None:
        self.w.tune.set_running(True)
        self._job = self.model.submit(
            self.tuning.tune, on_done=self._tuned,
            on_failed=lambda msg, cancelled: self.w.tune.status.setText(
                self.tr("Tuning cancelled; nothing changed.") if cancelled else msg),
            on_progress=self.w.tune.set_progress,
            on_finished=lambda: self.w.tune.set_running(False))

    def _tuned(self, report) -> None:
        if report.adapter_path and report.activate:
            self._remember(report.adapter_path)
        self.refresh()  # first: the report's message must stay on screen
        self.w.tune.show_report(report.before, report.after, report.message or self.tr("Tuning finished."))

    def choose_adapter(self, path: str) -> None:
        adapter = path or None
        self.model.submit(lambda reader, _p, _c: self.tuning.switch(reader, adapter),
                          on_done=self._switched,
                          on_failed=lambda msg, _c: self.w.banner.show_message(msg, "error"))

    def _switched(self, active: Optional[str]) -> None:
        self._remember(active)
        self.w.tune.status.setText(self.tr("Now using: {name}.").format(
            name=adapter_name(active) if active else self.tr("not tuned (zero-shot)")))

    def _remember(self, active: Optional[str]) -> None:
        try:
            self.tuning.remember_active(active)
        except OSError as exc:
            self.w.statusBar().showMessage(
                self.tr("Settings could not be saved: {problem}").format(problem=exc), 8000)
        self.w.show_active_adapter(active)
