"""Render resources/icons/moodplayer.svg into the PNG sizes desktops look for.

    python scripts/render_icons.py        (any Python with PySide6, e.g. the app's venv)

Writes resources/icons/hicolor/<N>x<N>/apps/moodplayer.png for the hicolor
theme sizes. The PNGs are committed, so installing needs no SVG renderer;
run this again only after changing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    root = Path(__file__).resolve().parent.parent / "resources" / "icons"
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QtSvg needs one
    renderer = QSvgRenderer(str(root / "moodplayer.svg"))
    if not renderer.isValid():
        print(f"cannot read {root / 'moodplayer.svg'}", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = root / "hicolor" / f"{size}x{size}" / "apps" / "moodplayer.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            print(f"cannot write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(root.parent.parent))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
