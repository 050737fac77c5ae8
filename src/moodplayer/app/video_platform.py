"""Where video can be drawn: embedded in our window, or in a window libVLC opens.

libVLC draws into a native *X11* window we hand it (``set_xwindow``). Under
a Wayland session Qt's own windows are Wayland surfaces, which libVLC cannot
draw into: the window would show a black box while the sound plays. So:

- Wayland with XWayland available (DISPLAY set too) and no platform chosen
  by the user: run Qt through XWayland (``xcb``); embedding works as on X11.
- Qt on Wayland anyway (no XWayland, or QT_QPA_PLATFORM=wayland chosen):
  do not embed; libVLC opens a window of its own for videos.

Both decisions are plain functions of the environment so they are tested
without a display; ``choose_qt_platform`` must run before the QApplication
exists.
"""

from __future__ import annotations

import sys
from typing import Mapping, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP  # marks the notes; the window translates them

EMBEDDING_PLATFORMS = frozenset({"xcb", "windows", "cocoa"})


def choose_qt_platform(environ: Mapping[str, str], platform: str = sys.platform) -> Optional[str]:
    """'xcb' when a Wayland session also offers XWayland and nothing was chosen; else None."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None  # the user's (or the test's) choice wins
    if environ.get("WAYLAND_DISPLAY") and environ.get("DISPLAY"):
        return "xcb"
    return None


def embeds_video(qt_platform_name: str) -> bool:
    """Can libVLC draw into our window's native id on this Qt platform?"""
    return qt_platform_name in EMBEDDING_PLATFORMS


def own_window_note(qt_platform_name: str) -> str:
    """What the now-playing area says when videos open in libVLC's window (in English;
    ``QCoreApplication.translate("VideoPlatform", note)`` gives it in the user's language)."""
    if qt_platform_name.startswith("wayland"):
        return QT_TRANSLATE_NOOP("VideoPlatform", "Videos open in a window of their own: "
                                 "MoodPlayer runs on Wayland without XWayland, where a video "
                                 "cannot be drawn inside this window.")
    return QT_TRANSLATE_NOOP("VideoPlatform", "Videos open in a window of their own on this "
                             "display.")
