"""The wheel built from the checkout installs and works away from the checkout.

A fresh venv gets only the wheel (``--no-deps``); the heavy dependencies
(torch, open_clip, PySide6...) come from the venv running the tests through
a ``.pth`` file, so nothing is downloaded or copied. The installed
``moodplayer`` command then analyses a photo from a temporary folder with
the tiny test model: proof that the package, its entry point, and the
resources/ and ui/ folders it carries are all in the wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _setuptools_version() -> tuple:
    try:
        from importlib.metadata import version

        return tuple(int(p) for p in version("setuptools").split(".")[:2])
    except Exception:
        return (0, 0)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if _setuptools_version() < (77, 0):
        pytest.skip("building the wheel offline needs setuptools>=77 in the test venv "
                    "(scripts/test.sh installs it)")
    out = tmp_path_factory.mktemp("wheel")
    # --no-build-isolation: build with this venv's setuptools, no download.
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(out.glob("moodplayer-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_wheel_carries_code_resources_and_ui(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    code = {str(p.relative_to(ROOT / "src")) for p in (ROOT / "src" / "moodplayer").rglob("*.py")}
    assert code <= names, sorted(code - names)
    for folder in ("resources", "ui"):
        shipped = {str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*") if p.is_file()}
        assert {f"moodplayer/_data/{f}" for f in shipped} <= names, folder
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n]
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert b"Requires-Dist: numpy" in meta and b"Requires-Dist: huggingface_hub" in meta


def _site_packages() -> list:
    found = []
    for key in ("purelib", "platlib"):
        path = sysconfig.get_paths()[key]
        if path not in found:
            found.append(path)
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel only; dependencies borrowed from this venv by a .pth file."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # No PYTHONPATH (a src/*.egg-info there reads as "already installed"), and forced anyway.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
         "--force-reinstall", "--disable-pip-version-check", "-q", str(wheel)],
        capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Only now: pip would take a moodplayer installed in this venv for the wheel already there.
    # The venv's own site-packages stays first on sys.path; these come after it.
    Path(purelib, "_test_borrowed_deps.pth").write_text("\n".join(_site_packages()) + "\n")
    return venv


def _clean_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "MOODPLAYER_RESOURCES", "MOODPLAYER_MODEL")}
    env.update(HF_HUB_OFFLINE="1", MOODPLAYER_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    return env


def test_the_installed_command_analyses_a_photo_away_from_the_checkout(installed, tiny_model_dir, tmp_path):
    env = _clean_env(tmp_path)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import moodplayer; from moodplayer.engine import paths; "
         "print(moodplayer.__file__); print(paths.resources_dir()); print(paths.ui_dir())"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    module, resources, ui = (Path(line) for line in where.stdout.split())
    assert installed in module.parents  # the wheel's copy, not the checkout's
    assert resources == module.parent / "_data" / "resources"
    assert (ui / "style.qss").is_file()
    sample = resources / "samples" / "sunset.jpg"
    assert sample.is_file()

    proc = subprocess.run(
        [str(installed / "bin" / "moodplayer"), "analyze", "--json", "--model",
         f"local-dir:{tiny_model_dir}", str(sample)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    photo = out["photos"][0]
    assert "error" not in photo, photo
    assert len(photo["emotions"]) == 8
    assert sum(photo["emotions"].values()) == pytest.approx(1.0, abs=0.01)
    assert len(out["combined"]["emotions"]) == 8
