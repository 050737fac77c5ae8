"""The layers' import rules, checked on the source (see docs/ARCHITECTURE.md).

engine/  imports neither core/, app/, cli/ nor Qt;
core/    imports no Qt, no app/, no cli/;
SQLAlchemy is imported only inside engine/library/;
engine/matching/ and engine/playlists/ do not import engine/library/.
Imports inside functions count too: a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "moodplayer"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set:
    """Absolute names of every module ``path`` imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            out.add(name)
            out.update(f"{name}.{alias.name}" for alias in node.names)
    return out


def modules(under: str) -> list:
    return sorted((SRC / under).rglob("*.py"))


def offenders(under: str, forbidden) -> list:
    bad = []
    for path in modules(under):
        hits = sorted(i for i in imports_of(path) if forbidden(i))
        if hits:
            bad.append(f"{path.relative_to(SRC)}: {', '.join(hits)}")
    return bad


def _starts(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_rule_checker_sees_relative_and_deferred_imports(tmp_path):
    assert "moodplayer.engine.library.db" in imports_of(SRC / "engine" / "library" / "library.py")
    assert "sqlalchemy" in imports_of(SRC / "engine" / "library" / "db.py")
    assert "moodplayer.core.factory" in imports_of(SRC / "app" / "startup.py")  # inside a function


def test_engine_never_imports_the_layers_above_or_qt():
    assert offenders("engine", lambda i: _starts(i, "moodplayer.core", "moodplayer.app",
                                                 "moodplayer.cli", "PySide6")) == []


def test_core_never_imports_qt_or_front_ends():
    assert offenders("core", lambda i: _starts(i, "PySide6", "moodplayer.app",
                                               "moodplayer.cli")) == []


def test_cli_never_imports_the_window():
    assert offenders("cli", lambda i: _starts(i, "PySide6", "moodplayer.app")) == []


@pytest.mark.parametrize("part", ["app", "cli", "core", "engine"])
def test_sqlalchemy_only_inside_engine_library(part):
    bad = offenders(part, lambda i: _starts(i, "sqlalchemy"))
    assert [b for b in bad if not b.startswith("engine/library/")] == []


def test_matching_and_playlists_do_not_reach_into_the_library():
    for part in ("engine/matching", "engine/playlists"):
        assert offenders(part, lambda i: _starts(i, "moodplayer.engine.library")) == [], part
