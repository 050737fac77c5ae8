"""Settings: theme and language are chosen here and stored in settings.extra."""

from moodplayer.app.widgets.settings_dialog import SettingsDialog
from moodplayer.engine.settings import Settings


def test_theme_and_language_choices_are_stored_and_reported(qtbot):
    s = Settings()
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    assert dlg.theme.currentData() == "system" and dlg.language.currentData() == "system"
    languages = [dlg.language.itemText(i) for i in range(dlg.language.count())]
    assert languages == ["System", "English", "한국어"]  # each language in its own name
    assert dlg.apply_to(s) == set()  # nothing changed, nothing reported
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    dlg.language.setCurrentIndex(dlg.language.findData("ko"))
    assert dlg.apply_to(s) == {"theme", "language"}
    assert (s.extra["theme"], s.extra["language"]) == ("dark", "ko")
    again = SettingsDialog(s)
    qtbot.addWidget(again)
    assert (again.theme.currentData(), again.language.currentData()) == ("dark", "ko")
