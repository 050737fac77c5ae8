"""Fixtures for the command-line tests: labelled synthetic photos."""

import pytest

from ..engine.dapt.synthetic import write_image_folder


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory, taxonomy):
    """8 emotions x 20 photos, classes told apart by colour and block position."""
    return write_image_folder(tmp_path_factory.mktemp("synthetic"), taxonomy.names, 20, seed=0)


@pytest.fixture
def photo_folder(tmp_path):
    """12 small random photos: enough for three batches of four."""
    import numpy as np
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    rng = np.random.default_rng(3)
    for i in range(12):
        Image.fromarray((rng.random((24, 32, 3)) * 255).astype(np.uint8)).save(folder / f"{i:02d}.jpg")
    return folder


def run_cli(args, home, env_extra=None, timeout=180):
    """``python -m moodplayer ARGS`` in a real process: stderr is a pipe, not a terminal.

    The window must never open here: offscreen Qt and a timeout, so a wrong
    "open the window" decision fails instead of hanging.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[2] / "src")
    env = dict(os.environ, MOODPLAYER_HOME=str(home), HF_HUB_OFFLINE="1",
               QT_QPA_PLATFORM="offscreen", MOODPLAYER_STARTUP_PROBE="1",
               PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "moodplayer", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)
