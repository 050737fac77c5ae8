"""Window geometry, splitter positions and volume, kept in the settings' ``extra``."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray

LAYOUT_KEYS = ("geometry", "split", "right_split")


def _savers(window) -> dict:
    return {"geometry": (window.saveGeometry, window.restoreGeometry),
            "split": (window.split.saveState, window.split.restoreState),
            "right_split": (window.right_split.saveState, window.right_split.restoreState)}


def restore(window, extra: dict) -> int:
    """Put the layout back; returns the saved volume (80 the first time)."""
    for key, (_, restore_fn) in _savers(window).items():
        if extra.get(key):
            try:
                restore_fn(QByteArray(base64.b64decode(extra[key])))
            except (ValueError, TypeError):
                pass  # a damaged value only costs the layout
    try:
        return max(0, min(100, int(extra.get("volume", 80))))
    except (TypeError, ValueError):
        return 80


def save(window, extra: dict) -> None:
    for key, (save_fn, _) in _savers(window).items():
        extra[key] = base64.b64encode(bytes(save_fn())).decode()
