"""Light or dark: the desktop's palette by default, or one the user picks (View > Theme).

Colours come from the palette only: ui/style.qss names palette roles, the
custom-painted widgets read ``self.palette()`` when they paint, so one
palette switch recolours everything. "System" hands the palette back to
the platform (Qt then follows the desktop's light/dark switch by itself);
"Light" and "Dark" set a complete palette on the Fusion style, which draws
the same on every desktop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)

# role -> colour; the disabled group dims text roles to the "disabled" colour.
_DARK = {"Window": "#1d2027", "WindowText": "#e6e6e6", "Base": "#16181d",
         "AlternateBase": "#1f232b", "ToolTipBase": "#2a2f38", "ToolTipText": "#f0f0f0",
         "PlaceholderText": "#9aa0a6", "Text": "#e6e6e6", "Button": "#2a2f38",
         "ButtonText": "#e6e6e6", "BrightText": "#ffffff", "Light": "#3b414c",
         "Midlight": "#333a45", "Mid": "#4b5260", "Dark": "#111318", "Shadow": "#000000",
         "Highlight": "#b83a66", "HighlightedText": "#ffffff", "Link": "#7cb8f0",
         "LinkVisited": "#b59cf0", "disabled": "#6b717b"}
_LIGHT = {"Window": "#f4f4f6", "WindowText": "#1d1f24", "Base": "#ffffff",
          "AlternateBase": "#f0f1f4", "ToolTipBase": "#ffffe8", "ToolTipText": "#1d1f24",
          "PlaceholderText": "#5f6570", "Text": "#1d1f24", "Button": "#e9eaee",
          "ButtonText": "#1d1f24", "BrightText": "#ffffff", "Light": "#ffffff",
          "Midlight": "#e2e3e8", "Mid": "#a5a9b2", "Dark": "#8a8f99", "Shadow": "#5a5e66",
          "Highlight": "#b8315e", "HighlightedText": "#ffffff", "Link": "#1a5fb4",
          "LinkVisited": "#6a3fb4", "disabled": "#9a9ea6"}
_DIMMED = ("WindowText", "Text", "ButtonText", "PlaceholderText")


def palette(theme: str) -> QPalette:
    """The full palette of "light" or "dark"; the platform's for "system"."""
    if theme not in (LIGHT, DARK):
        return QPalette()  # nothing resolved: every role comes from the platform
    colours = _DARK if theme == DARK else _LIGHT
    pal = QPalette()
    for role, value in colours.items():
        if role != "disabled":
            pal.setColor(getattr(QPalette.ColorRole, role), QColor(value))
    for role in _DIMMED:
        pal.setColor(QPalette.Disabled, getattr(QPalette.ColorRole, role),
                     QColor(colours["disabled"]))
    return pal


def apply(app, theme: str, stylesheet: str = None) -> str:
    """Switch ``app`` to ``theme`` (unknown values mean "system"); returns the theme used."""
    theme = theme if theme in THEMES else SYSTEM
    if not hasattr(app, "_moodplayer_style"):
        app._moodplayer_style = app.style().name()  # the platform's, for "system"
    app.setStyle("Fusion" if theme != SYSTEM else app._moodplayer_style or "Fusion")
    app.setPalette(palette(theme))
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native dialogs and title bars follow
        if theme == SYSTEM:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == DARK else Qt.ColorScheme.Light)
    if stylesheet is not None:
        app.setStyleSheet(stylesheet)  # again: palette(...) in the sheet is resolved now
    return theme


def is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.Window).lightness() < 128
