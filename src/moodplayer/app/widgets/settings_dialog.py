"""Settings: model and device, queue length/kind/diversity, library and watch folders."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QLabel, QLineEdit, QSlider, QSpinBox, QVBoxLayout)

from .desktop_settings import DesktopSettingsBox
from .folder_list import FolderList

DEVICES = ["auto", "cpu", "cuda"]
KINDS = [("music", "Music"), ("video", "Videos"), ("any", "Music and videos")]


class SettingsDialog(QDialog):
    def __init__(self, settings, parent=None, tray_available: bool = False):
        super().__init__(parent)
        self.setWindowTitle("MoodPlayer settings")
        self.setObjectName("SettingsDialog")
        self.setMinimumWidth(560)

        model_box = QGroupBox("Model")
        self.model = QLineEdit(settings.model)
        self.model.setToolTip("open_clip NAME:TAG, hf-hub:ORG/REPO or local-dir:/path/to/folder")
        self.device = QComboBox()
        self.device.addItems(DEVICES)
        self.device.setCurrentText(settings.device if settings.device in DEVICES else "auto")
        note = QLabel("Changing the model or device reloads it in the background.")
        note.setObjectName("Muted")
        form = QFormLayout(model_box)
        form.addRow("CLIP model", self.model)
        form.addRow("Device", self.device)
        form.addRow(note)

        queue_box = QGroupBox("Queue")
        self.length = QSpinBox()
        self.length.setRange(1, 500)
        self.length.setValue(int(settings.queue_length))
        self.kind = QComboBox()
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(max(0, [k for k, _ in KINDS].index(settings.queue_kind)
                                      if settings.queue_kind in dict(KINDS) else 0))
        self.diversity = QSlider(Qt.Horizontal)
        self.diversity.setRange(0, 100)
        self.diversity.setValue(int(round(float(settings.diversity) * 100)))
        self.diversity_label = QLabel()
        self.diversity.valueChanged.connect(
            lambda v: self.diversity_label.setText(f"{v}%  (0 = closest match, 100 = most varied)"))
        self.diversity.valueChanged.emit(self.diversity.value())
        form = QFormLayout(queue_box)
        form.addRow("Length (items)", self.length)
        form.addRow("Kind", self.kind)
        form.addRow("Diversity", self.diversity)
        form.addRow("", self.diversity_label)

        lib_box = QGroupBox("Library folders (music and videos)")
        self.library = FolderList(settings.library_folders, "Add a music or video folder")
        QVBoxLayout(lib_box).addWidget(self.library)
        watch_box = QGroupBox("Watched photo folders")
        self.watch = FolderList(settings.watch_folders, "Watch a photo folder")
        self.autoplay = QCheckBox("Start playing a new auto-playlist right away")
        self.autoplay.setChecked(bool(settings.extra.get("autoplay_watch", False)))
        wl = QVBoxLayout(watch_box)
        wl.addWidget(self.watch)
        wl.addWidget(self.autoplay)

        self.desktop = DesktopSettingsBox(settings, tray_available)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (model_box, queue_box, lib_box, watch_box, self.desktop, buttons):
            layout.addWidget(w)

    def apply_to(self, settings) -> set:
        """Write the dialog's values into ``settings``; return the names that changed."""
        new = {
            "model": self.model.text().strip() or settings.model,
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
        if bool(settings.extra.get("autoplay_watch", False)) != self.autoplay.isChecked():
            changed.add("autoplay_watch")
        settings.extra["autoplay_watch"] = self.autoplay.isChecked()
        return changed | self.desktop.apply_to(settings)
