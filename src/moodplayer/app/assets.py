"""Where the app finds its stylesheet and icons, in a checkout or a frozen build,
and the two font/colour helpers the stylesheet cannot express."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QIcon, QPainter, QPalette

from ..engine import paths


def icons_dir() -> Path:
    return paths.resources_dir() / "icons"


def ui_dir() -> Path:
    # ui/ sits beside resources/ in the repository and in the PyInstaller bundle.
    return paths.resources_dir().parent / "ui"


def icon(name: str) -> QIcon:
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def tinted_icon(name: str, color, size: int = 48) -> QIcon:
    """Our icon drawn in ``color`` (a palette colour), so it reads on light and dark."""
    base = icon(name)
    if base.isNull():
        return base
    pm = base.pixmap(size, size)
    p = QPainter(pm)
    p.setCompositionMode(QPainter.CompositionMode_SourceIn)  # keep the shape, change the ink
    p.fillRect(pm.rect(), color)
    p.end()
    return QIcon(pm)


def stylesheet() -> str:
    try:
        return (ui_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:  # a missing stylesheet only costs looks
        return ""


def heading(widget, scale: float = 1.3, bold: bool = True):
    """A heading ``scale`` times the desktop's font size (a stylesheet can only set
    absolute sizes, which would ignore the user's font size)."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    else:  # a pixel-sized desktop font
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    font.setBold(bold)
    widget.setFont(font)
    return widget


def muted(widget):
    """Secondary text: the palette's placeholder colour, so it follows light and dark."""
    widget.setForegroundRole(QPalette.PlaceholderText)
    return widget
