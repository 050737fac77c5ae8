"""The settings dialog's "Playback and desktop" box: ReplayGain, tray, notifications."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel

from .. import assets

REPLAY_GAIN = [("track", QT_TRANSLATE_NOOP("DesktopSettingsBox",
                                           "Per track (even loudness across a mix)")),
               ("album", QT_TRANSLATE_NOOP("DesktopSettingsBox",
                                           "Per album (keeps an album's own dynamics)")),
               ("off", QT_TRANSLATE_NOOP("DesktopSettingsBox", "Off"))]


class DesktopSettingsBox(QGroupBox):
    def __init__(self, settings, tray_available: bool, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Playback and desktop"))
        extra = settings.extra
        self.replay_gain = QComboBox()
        for key, text in REPLAY_GAIN:
            self.replay_gain.addItem(self.tr(text), key)
        keys = [k for k, _ in REPLAY_GAIN]
        current = extra.get("replay_gain", "track")
        self.replay_gain.setCurrentIndex(keys.index(current) if current in keys else 0)
        self.replay_gain.setToolTip(self.tr("Uses the ReplayGain tags of your files; "
                                            "applies from the next track"))
        self.close_to_tray = QCheckBox(self.tr("Keep playing in the tray when the window is "
                                               "closed"))
        self.close_to_tray.setChecked(bool(extra.get("close_to_tray", True)) and tray_available)
        self.close_to_tray.setEnabled(tray_available)
        self.notify = QCheckBox(self.tr("Show a notification when the track changes"))
        self.notify.setChecked(bool(extra.get("notify_track", False)))
        self.notify.setEnabled(tray_available)
        form = QFormLayout(self)
        form.addRow(self.tr("ReplayGain"), self.replay_gain)
        form.addRow(self.close_to_tray)
        form.addRow(self.notify)
        if not tray_available:
            note = assets.muted(QLabel(self.tr("This desktop shows no tray icons, so closing "
                                               "the window quits.")))
            note.setObjectName("Muted")
            note.setWordWrap(True)
            form.addRow(note)
        self._tray_available = tray_available

    def apply_to(self, settings) -> set:
        """Write into ``settings.extra``; return the names that changed."""
        new = {"replay_gain": self.replay_gain.currentData(),
               "notify_track": self.notify.isChecked()}
        if self._tray_available:  # without a tray the old choice is kept for the next desktop
            new["close_to_tray"] = self.close_to_tray.isChecked()
        defaults = {"replay_gain": "track", "notify_track": False, "close_to_tray": True}
        changed = {k for k, v in new.items() if settings.extra.get(k, defaults[k]) != v}
        settings.extra.update(new)
        return changed
