"""Where the app finds its stylesheet and icons, in a checkout or a frozen build."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from ..engine import paths


def icons_dir() -> Path:
    return paths.resources_dir() / "icons"


def ui_dir() -> Path:
    # ui/ sits beside resources/ in the repository and in the PyInstaller bundle.
    return paths.resources_dir().parent / "ui"


def icon(name: str) -> QIcon:
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    try:
        return (ui_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:  # a missing stylesheet only costs looks
        return ""
