"""The hostile world, generated: odd names, no permissions, damaged files, two writers.

Every test builds its own world in a temporary folder and checks the same
promises: no traceback, the documented exit code (0 done, 2 nothing to work
on / refused in words, never 1), a reason for every file that failed, the
good files processed, and nothing the user made lost.

Tests run as root, which reads everything, so permission failures are
produced for real by running the command as ``nobody`` (``setpriv``), and
read-only folders by a tmpfs remounted read-only. Both skip, saying why,
where the machine does not allow them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ..engine.library.media import write_wav

SRC = Path(__file__).resolve().parents[2] / "src"


def clean(result) -> None:
    """The promise every command keeps, whatever the world did."""
    both = (result.stdout or "") + (result.stderr or "")
    assert "Traceback" not in both, both
    assert "internal error" not in both, both
    assert result.returncode != 1, both


def cli(args, home, cwd=None, env=None, user=None, timeout=240):
    """Run ``moodplayer ARGS`` in a fresh process (bytes out: the test decodes them)."""
    full_env = dict(os.environ, MOODPLAYER_HOME=os.fsdecode(home), HF_HUB_OFFLINE="1",
                    PYTHONPATH=str(SRC), HOME=os.fsdecode(home))
    full_env.update(env or {})
    cmd = [sys.executable, "-m", "moodplayer", *args]
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user_group(user)}", "--clear-groups",
               *cmd]
    return Result(subprocess.run(cmd, capture_output=True, env=full_env, cwd=cwd,
                                 timeout=timeout))


class Result:
    """A finished command: its exit code, raw stdout, and both streams as text."""

    def __init__(self, r):
        self.returncode = r.returncode
        self.raw_stdout = r.stdout
        self.stdout = r.stdout.decode("utf-8", "replace")
        self.stderr = r.stderr.decode("utf-8", "replace")


def user_group(user: str) -> str:
    return "nogroup" if user == "nobody" else user


@pytest.fixture
def world(tmp_path):
    """A folder anyone may enter (for commands run as nobody), removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="moodplayer-hostile-", dir="/tmp"))
    os.chmod(root, 0o777)
    yield root
    _make_removable(root)
    shutil.rmtree(root, ignore_errors=True)


def _make_removable(root: Path) -> None:
    for dirpath, dirnames, _ in os.walk(root):
        for d in dirnames:
            try:
                os.chmod(os.path.join(dirpath, d), 0o777)
            except OSError:
                pass


@pytest.fixture(scope="session")
def can_drop_privileges():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run a command as 'nobody'")
    r = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        sys.executable, "-c", "import numpy, sqlalchemy, moodplayer.engine.library"],
                       env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True)
    if r.returncode != 0:
        # e.g. the test venv lives under /root (mode 700): 'nobody' cannot import its
        # packages, so these checks can only run where the environment is world-readable.
        pytest.skip(f"'nobody' cannot run this Python with its packages: "
                    f"{r.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    return True


def give_to_nobody(*paths) -> None:
    for p in paths:
        for dirpath, dirnames, filenames in os.walk(p):
            for name in [dirpath] + [os.path.join(dirpath, n) for n in dirnames + filenames]:
                shutil.chown(name, "nobody", "nogroup")


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs (2 MB) at a fresh folder; ``remount_ro()`` makes it read-only."""
    target = tmp_path / "tmpfs"
    target.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(target)],
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")

    class Mount:
        path = target

        @staticmethod
        def remount_ro():
            subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)

    yield Mount
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def tiny_model_copy(world, tiny_model_dir):
    """The tiny model where 'nobody' can read it."""
    dest = world / "tiny-clip"
    shutil.copytree(tiny_model_dir, dest)
    os.system(f"chmod -R a+rX {dest}")
    return f"local-dir:{dest}"


def photo(path, color=(200, 40, 40), size=(48, 36)) -> Path:
    path = Path(os.fsdecode(path)) if isinstance(path, bytes) else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(sum(color))
    arr = np.clip(np.array(color) + rng.normal(0, 20, (size[1], size[0], 3)), 0, 255)
    Image.fromarray(arr.astype(np.uint8)).save(path, "JPEG" if path.suffix != ".png" else "PNG")
    return path


def song(path, seconds: float = 0.3) -> Path:
    """A real (silent) WAV file: mutagen reads it, no ffmpeg needed."""
    path = Path(os.fsdecode(path)) if isinstance(path, bytes) else Path(path)
    return write_wav(path, seconds)
