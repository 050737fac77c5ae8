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
    """Our own download cache for CLIP weights (hub layout).

    ``MOODPLAYER_MODELS_DIR`` points elsewhere: the self-test runs in a
    throw-away home but must still find the models the user downloaded.
    """
    env = os.environ.get("MOODPLAYER_MODELS_DIR")
    if env:
        path = Path(env).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        return path
    return _sub("models")


def adapters_dir() -> Path:
    return _sub("adapters")


def cache_dir() -> Path:
    return _sub("cache")


def logs_dir() -> Path:
    return _sub("logs")


def settings_path() -> Path:
    return home() / "settings.json"


def _package_dir() -> Path:
    """The installed ``moodplayer`` package folder (src/moodplayer in a checkout)."""
    import moodplayer

    return Path(moodplayer.__file__).resolve().parent


def _data_root() -> Path:
    """The folder that holds ``resources/`` and ``ui/`` side by side.

    Looked up in this order:
      * ``MOODPLAYER_RESOURCES`` (a ``resources/`` folder; its parent holds ``ui/``)
      * the frozen app: PyInstaller's ``sys._MEIPASS`` (build.spec puts both there)
      * a checkout: the repository root (``pyproject.toml`` beside ``resources/``),
        which is also what an editable install and ``PYTHONPATH=src`` see
      * an installed wheel: ``moodplayer/_data/`` (setup.py copies both there)
    """
    env = os.environ.get("MOODPLAYER_RESOURCES")
    if env:
        return Path(env).expanduser().parent
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    package = _package_dir()
    checkout = package.parent.parent  # src/moodplayer -> repository root
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout
    return package / "_data"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a checkout, an installed wheel or a frozen app."""
    env = os.environ.get("MOODPLAYER_RESOURCES")
    if env:
        return Path(env).expanduser()
    return _data_root() / "resources"


def ui_dir() -> Path:
    """The shipped ``ui/`` folder (stylesheet); always beside ``resources/``."""
    return _data_root() / "ui"
