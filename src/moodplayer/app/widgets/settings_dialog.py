"""Settings: model and device, queue length/kind/diversity, library and watch folders,
and the look: theme (System / Light / Dark) and language (System / English / 한국어)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QFrame, QGroupBox, QLabel, QScrollArea, QSlider, QSpinBox,
                               QVBoxLayout, QWidget)

from .. import assets, i18n, theme
from .desktop_settings import DesktopSettingsBox
from .folder_list import FolderList
from .model_picker import ModelPicker

DEVICES = ["auto", "cpu", "cuda"]
KINDS = [("music", QT_TRANSLATE_NOOP("SettingsDialog", "Music")),
         ("video", QT_TRANSLATE_NOOP("SettingsDialog", "Videos")),
         ("any", QT_TRANSLATE_NOOP("SettingsDialog", "Music and videos"))]
THEMES = [(theme.SYSTEM, QT_TRANSLATE_NOOP("SettingsDialog", "System")),
          (theme.LIGHT, QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
          (theme.DARK, QT_TRANSLATE_NOOP("SettingsDialog", "Dark"))]


class SettingsDialog(QDialog):
    def __init__(self, settings, parent=None, tray_available: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("MoodPlayer settings"))
        self.setObjectName("SettingsDialog")
        self.setMinimumWidth(560)

        model_box = self._model_box(settings)
        queue_box = QGroupBox(self.tr("Queue"))
        self.length = QSpinBox()
        self.length.setRange(1, 500)
        self.length.setValue(int(settings.queue_length))
        self.kind = QComboBox()
        for key, text in KINDS:
            self.kind.addItem(self.tr(text), key)
        self.kind.setCurrentIndex(max(0, [k for k, _ in KINDS].index(settings.queue_kind)
                                      if settings.queue_kind in dict(KINDS) else 0))
        self.diversity = QSlider(Qt.Horizontal)
        self.diversity.setRange(0, 100)
        self.diversity.setValue(int(round(float(settings.diversity) * 100)))
        self.diversity_label = QLabel()
        self.diversity.valueChanged.connect(
            lambda v: self.diversity_label.setText(
                self.tr("{value}%  (0 = closest match, 100 = most varied)").format(value=v)))
        self.diversity.valueChanged.emit(self.diversity.value())
        form = QFormLayout(queue_box)
        form.addRow(self.tr("Length (items)"), self.length)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Diversity"), self.diversity)
        form.addRow("", self.diversity_label)

        lib_box = QGroupBox(self.tr("Library folders (music and videos)"))
        self.library = FolderList(settings.library_folders, self.tr("Add a music or video folder"))
        QVBoxLayout(lib_box).addWidget(self.library)
        watch_box = QGroupBox(self.tr("Watched photo folders"))
        self.watch = FolderList(settings.watch_folders, self.tr("Watch a photo folder"))
        self.autoplay = QCheckBox(self.tr("Start playing a new auto-playlist right away"))
        self.autoplay.setChecked(bool(settings.extra.get("autoplay_watch", False)))
        wl = QVBoxLayout(watch_box)
        wl.addWidget(self.watch)
        wl.addWidget(self.autoplay)

        self.desktop = DesktopSettingsBox(settings, tray_available)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._lay_out([self._look_box(settings), model_box, queue_box, lib_box, watch_box,
                       self.desktop], buttons)

    def _lay_out(self, boxes: list, buttons) -> None:
        """The boxes scroll when the screen is shorter than they are (about 1000 px at the
        usual font size; a 768 px laptop screen must still reach OK); the buttons never do."""
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for box in boxes:
            column.addWidget(box)
        scroll = QScrollArea()
        scroll.setObjectName("SettingsScroll")
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(content.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        wanted = content.sizeHint().height() + buttons.sizeHint().height() + 40
        screen = self.screen().availableGeometry().height() if self.screen() else wanted
        self.resize(self.sizeHint().width(), min(wanted, int(screen * 0.9)))

    def accept(self) -> None:
        if self.model.check() is None:  # refused (no weights, no such folder): stay open, say why
            super().accept()

    def _model_box(self, settings) -> QGroupBox:
        model_box = QGroupBox(self.tr("Model"))
        self.model = ModelPicker(settings.model)
        self.device = QComboBox()
        self.device.addItems(DEVICES)
        self.device.setCurrentText(settings.device if settings.device in DEVICES else "auto")
        note = assets.muted(QLabel(self.tr("Changing the model or device reloads it in the "
                                           "background.")))
        note.setObjectName("Muted")
        form = QFormLayout(model_box)
        form.addRow(self.model)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(note)
        return model_box

    def _look_box(self, settings) -> QGroupBox:
        box = QGroupBox(self.tr("Appearance"))
        self.theme = QComboBox()
        for key, text in THEMES:
            self.theme.addItem(self.tr(text), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.extra.get("theme",
                                                                                 theme.SYSTEM))))
        self.language = QComboBox()
        for key, name in i18n.LANGUAGES:
            # Each language in its own name, so it can be found whatever is shown now.
            self.language.addItem(name or self.tr("System"), key)
        self.language.setCurrentIndex(max(0, self.language.findData(
            settings.extra.get("language", i18n.SYSTEM))))
        note = assets.muted(QLabel(self.tr("A new language is used from the next start.")))
        form = QFormLayout(box)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(note)
        return box

    def apply_to(self, settings) -> set:
        """Write the dialog's values into ``settings``; return the names that changed."""
        new = {
            "model": self.model.checked_spec(settings.model),  # a refused spec is never saved
            "device": self.device.currentText(),
            "queue_length": self.length.value(),
            "queue_kind": self.kind.currentData(),
            "diversity": self.diversity.value() / 100.0,
            "library_folders": self.library.folders(),
            "watch_folders": self.watch.folders(),
        }
        changed = {k for k, v in new.items() if getattr(settings, k) != v}
        for k, v in new.items():
            setattr(settings, k, v)
        extra = {"autoplay_watch": self.autoplay.isChecked(), "theme": self.theme.currentData(),
                 "language": self.language.currentData()}
        defaults = {"autoplay_watch": False, "theme": theme.SYSTEM, "language": i18n.SYSTEM}
        for key, value in extra.items():
            if settings.extra.get(key, defaults[key]) != value:
                changed.add(key)
            settings.extra[key] = value
        return changed | self.desktop.apply_to(settings)
