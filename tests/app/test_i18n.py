"""Translations: every string the window shows is in the Korean catalogue, translated,
with the same {placeholders}; the compiled .qm loads and is what lrelease makes of the .ts;
language choice follows the system locale unless the user picked one."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from moodplayer.app import i18n

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "src" / "moodplayer" / "app"
SOURCES = sorted(APP.rglob("*.py")) + [ROOT / "src" / "moodplayer" / "core" / "describe.py"]
TS = ROOT / "resources" / "i18n" / "moodplayer_ko.ts"
QM = TS.with_suffix(".qm")
MARKERS = {"translate", "QT_TRANSLATE_NOOP"}  # (context, text)
# Calls whose string arguments people read: a literal with words there must be translated.
SHOWN = {"setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName",
         "setAccessibleDescription", "addAction", "addMenu", "showMessage", "show_message",
         "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QMenu", "addItem", "addTab",
         "addRow", "information", "warning", "question", "getText", "getSaveFileName",
         "getOpenFileNames", "getExistingDirectory", "setHorizontalHeaderLabels", "notify"}


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class Extractor(ast.NodeVisitor):
    """(context, text) of every tr()/translate()/QT_TRANSLATE_NOOP, and the mistakes."""

    def __init__(self, path: Path):
        self.path, self.classes = path, []
        self.found, self.problems = set(), []

    def visit_ClassDef(self, node):
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _where(self, node) -> str:
        return f"{self.path.relative_to(ROOT)}:{node.lineno}"

    def visit_Call(self, node):
        name, args = _name(node.func), node.args
        if name == "tr" and isinstance(node.func, ast.Attribute) and args:
            text = _literal(args[0])
            if isinstance(args[0], ast.JoinedStr):
                self.problems.append(f"{self._where(node)}: an f-string in tr() is never found")
            elif text is not None and self.classes:
                self.found.add((self.classes[-1], text))
        elif name in MARKERS and len(args) >= 2:
            context, text = _literal(args[0]), _literal(args[1])
            if isinstance(args[1], ast.JoinedStr):
                self.problems.append(f"{self._where(node)}: an f-string in {name}()")
            elif context is not None and text is not None:
                self.found.add((context, text))
        elif name in SHOWN and not self._is_log_or_level(node):
            for arg in args[:1] if name in ("show_message", "showMessage") else args:
                self._check_shown(node, arg)
        self.generic_visit(node)

    @staticmethod
    def _is_log_or_level(node) -> bool:
        """log.warning("...") is for the log file, not for people."""
        owner = getattr(node.func, "value", None)
        return isinstance(owner, ast.Name) and owner.id in ("log", "logging", "logger")

    def _check_shown(self, node, arg) -> None:
        parts = [arg.value] if _literal(arg) is not None else \
            [v.value for v in getattr(arg, "values", []) if _literal(v) is not None] \
            if isinstance(arg, ast.JoinedStr) else []
        words = re.sub(r"<[^>]*>", "", "".join(parts))
        if re.search(r"[A-Za-z]{2,}", words):
            self.problems.append(f"{self._where(node)}: {words!r} is shown untranslated")


def extract() -> tuple:
    found, problems = set(), []
    for path in SOURCES:
        ex = Extractor(path)
        ex.visit(ast.parse(path.read_text(encoding="utf-8")))
        found |= ex.found
        problems += ex.problems
    return found, problems


def catalogue() -> dict:
    """(context, source) -> translation, for finished messages only."""
    out = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") is None and (tr.text or "").strip():
                out[(ctx.findtext("name"), msg.findtext("source"))] = tr.text
    return out


def test_every_translated_string_of_the_window_is_translated_in_korean():
    found, problems = extract()
    assert not problems, "\n".join(problems)
    assert len(found) > 300  # the extractor sees the window's strings
    missing = sorted(found - set(catalogue()))
    assert not missing, f"{len(missing)} strings lack a Korean translation: {missing[:10]}"


def test_translations_keep_the_placeholders_and_markup():
    for (context, source), text in catalogue().items():
        fields = sorted(re.findall(r"\{[^}]*\}", source))
        assert sorted(re.findall(r"\{[^}]*\}", text)) == fields, (context, source, text)
        assert sorted(re.findall(r"</?\w+>", text)) == sorted(re.findall(r"</?\w+>", source))
        if "&" in source.replace("&&", ""):  # a menu accelerator stays reachable
            assert "&" in text, (context, source, text)


def test_the_extractor_and_qt_lupdate_agree(tmp_path):
    lupdate = shutil.which("pyside6-lupdate") or shutil.which(
        "pyside6-lupdate", path=str(Path(__import__("sys").executable).parent))
    if not lupdate:
        pytest.skip("pyside6-lupdate is not installed")
    out = tmp_path / "check.ts"
    subprocess.run([lupdate, *map(str, SOURCES), "-locations", "none", "-ts", str(out)],
                   check=True, capture_output=True)
    seen = {(ctx.findtext("name"), m.findtext("source"))
            for ctx in ET.parse(out).getroot().iter("context") for m in ctx.iter("message")}
    found, _ = extract()
    assert seen == found


def test_the_compiled_catalogue_matches_the_ts(tmp_path):
    lrelease = shutil.which("pyside6-lrelease") or shutil.which(
        "pyside6-lrelease", path=str(Path(__import__("sys").executable).parent))
    if not lrelease:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update_translations.py"


def test_the_korean_catalogue_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("Menus", "Quit") == catalogue()[("Menus", "Quit")]
    assert re.search("[가-힣]", translator.translate("Describe", "calm and content"))
    assert translator.translate("Menus", "no such string") == ""


def test_installing_korean_translates_widgets_built_afterwards(qtbot, tmp_path):
    from moodplayer.app.widgets.playlists_panel import PlaylistsDialog

    try:
        assert i18n.install(QCoreApplication.instance(), "ko") == "ko"
        dialog = PlaylistsDialog()
        qtbot.addWidget(dialog)
        assert dialog.b_play.text() == catalogue()[("PlaylistsDialog", "Play")]
        assert QLocale().language() == QLocale.Korean
    finally:
        assert i18n.install(QCoreApplication.instance(), "en") == "en"
    dialog = PlaylistsDialog()
    qtbot.addWidget(dialog)
    assert dialog.b_play.text() == "Play"


@pytest.mark.parametrize("choice, system, shown", [
    ("system", "ko_KR", "ko"), ("system", "de_DE", "en"), ("system", "en_US", "en"),
    ("en", "ko_KR", "en"), ("ko", "en_US", "ko"), ("xx", "ko_KR", "en"),
])
def test_the_language_follows_the_system_unless_chosen(choice, system, shown):
    assert i18n.language_for(choice, QLocale(system)) == shown


def test_classes_that_use_self_tr_are_not_subclassed():
    """PySide's self.tr looks a string up under the *runtime* class name while lupdate
    files it under the defining class: a subclass would silently show English."""
    users, bases = set(), set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases |= {_name(b) for b in node.bases}
                if any(isinstance(n, ast.Call) and _name(n.func) == "tr" for n in ast.walk(node)):
                    users.add(node.name)
    assert not (users & bases) - {"Translates"}
