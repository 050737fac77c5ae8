"""The window's language: English (the source text) or a translation in resources/i18n/.

Every user-visible string in ``app/`` goes through Qt's translation: ``self.tr``
in Qt classes, ``QCoreApplication.translate(context, ...)`` elsewhere; plain
classes (the flows) inherit ``Translates`` so ``self.tr`` works there too.
The catalogue is resources/i18n/moodplayer_<lang>.ts (edit it with Qt
Linguist, rebuild the .qm with scripts/update_translations.py). Qt's own
strings (OK/Cancel, file dialogs) come from the qtbase catalogue shipped
with PySide6.

The choice is read once at start: widgets are built already translated,
so a change in Settings applies from the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..engine import paths

log = logging.getLogger(__name__)

SYSTEM = "system"
# (settings value, name shown in its own language); "system" follows the desktop.
LANGUAGES = [("system", None), ("en", "English"), ("ko", "한국어")]
TRANSLATED = {"ko"}  # languages with a catalogue in resources/i18n/


def translations_dir() -> Path:
    return paths.resources_dir() / "i18n"


def language_for(choice: str, system: QLocale = None) -> str:
    """The language to show: the user's choice, or the desktop's when it is translated."""
    if choice and choice != SYSTEM:
        return choice if choice in TRANSLATED or choice == "en" else "en"
    system = system or QLocale.system()
    name = system.name().split("_")[0]
    return name if name in TRANSLATED else "en"


class Translates:
    """``self.tr`` for plain (non-Qt) classes; the context is the class name, as
    lupdate records it for ``self.tr`` calls."""

    def tr(self, text: str, disambiguation: str = None, n: int = -1) -> str:
        return QCoreApplication.translate(type(self).__name__, text, disambiguation, n)


def install(app, choice: str = SYSTEM) -> str:
    """Load the catalogues for ``choice`` into ``app``; returns the language shown.

    A missing or unreadable catalogue leaves the window in English and logs why:
    a language is never a reason not to start.
    """
    for old in getattr(app, "_moodplayer_translators", []):
        app.removeTranslator(old)
    app._moodplayer_translators = []
    language = language_for(choice)
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    sources = [(translations_dir(), f"moodplayer_{language}"),
               (Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)), f"qtbase_{language}")]
    for folder, name in sources:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            app._moodplayer_translators.append(translator)
        else:
            log.warning("no %s translation %s in %s; showing English", language, name, folder)
    return language


def qt_words(context: str, text: str) -> str:
    """Qt's translation as the plain ``(context, text)`` function core.describe takes.

    (Passing ``QCoreApplication.translate`` itself around confuses lupdate's parser,
    which then files the next tr() string under a wrong context.)"""
    return QCoreApplication.translate(context, text)
