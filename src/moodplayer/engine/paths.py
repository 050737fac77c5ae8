"""Where MoodPlayer keeps its files.

One folder holds everything the app writes (database, adapters, model cache,
logs). ``MOODPLAYER_HOME`` overrides it, which is how tests and portable
installs keep the user's real data untouched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "MoodPlayer"
APP_AUTHOR = "MoodPlayer"


def home() -> Path:
    env = os.environ.get("MOODPLAYER_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        import appdirs

        path = Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sub(name: str) -> Path:
    path = home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return home() / "library.sqlite3"


def models_dir() -> Path:
    """Our own download cache for CLIP weights (hub layout)."""
    return _sub("models")


def adapters_dir() -> Path:
    return _sub("adapters")


def cache_dir() -> Path:
    return _sub("cache")


def logs_dir() -> Path:
    return _sub("logs")


def settings_path() -> Path:
    return home() / "settings.json"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a checkout, an install or a frozen app."""
    env = os.environ.get("MOODPLAYER_RESOURCES")
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    # src/moodplayer/engine/paths.py -> repository root
    checkout = Path(__file__).resolve().parents[3] / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "moodplayer" / "resources"
