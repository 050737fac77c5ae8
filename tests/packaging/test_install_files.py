"""What install.sh puts on the desktop, and where the app finds its resources."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from moodplayer.engine import paths

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / "moodplayer.desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_desktop_entry_passes_desktop_file_validate():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is missing (Debian package desktop-file-utils; "
                    "scripts/test.sh installs it)")
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_desktop_entry_opens_images_with_the_command_on_path():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Exec"] == "moodplayer %F"
    assert d["Icon"] == "moodplayer"
    mime = [m for m in d["MimeType"].split(";") if m]
    assert mime and all(m.startswith("image/") for m in mime)  # not inode/directory


def test_icons_exist_in_every_hicolor_size():
    from PIL import Image

    for size in SIZES:
        png = ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "moodplayer.png"
        with Image.open(png) as image:
            assert image.size == (size, size) and image.mode == "RGBA"


def test_install_scripts_parse_and_agree_on_the_icon_sizes():
    scripts = ["scripts/install.sh", "scripts/uninstall.sh", "scripts/test.sh", "scripts/common.sh",
               "scripts/build_app.sh", ".ci/run", "packaging/install-desktop-entry.sh"]
    for script in scripts:
        proc = subprocess.run(["bash", "-n", str(ROOT / script)], capture_output=True, text=True)
        assert proc.returncode == 0, f"{script}: {proc.stderr}"
    common = (ROOT / "scripts" / "common.sh").read_text()
    assert f"ICON_SIZES=({' '.join(map(str, SIZES))})" in common
    assert 'SYSTEM_PYTHON="${MOODPLAYER_PYTHON:-/usr/bin/python3}"' in common


def test_install_sh_helps():
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "install.sh"), "--help"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0 and "uninstall.sh" in proc.stdout and "--no-apt" in proc.stdout


# ------------------------------------------------------------------ resources_dir()


def test_resources_are_found_in_the_checkout():
    import moodplayer

    if Path(moodplayer.__file__).resolve().parent != ROOT / "src" / "moodplayer":
        pytest.skip("moodplayer is not imported from this checkout (run with PYTHONPATH=src)")
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.ui_dir() == ROOT / "ui"


def test_resources_are_found_in_an_installed_package(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "moodplayer"
    (package / "_data" / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "_package_dir", lambda: package)
    assert paths.resources_dir() == package / "_data" / "resources"
    assert paths.ui_dir() == package / "_data" / "ui"


def test_resources_are_found_in_the_frozen_app(tmp_path, monkeypatch):
    monkeypatch.setattr(paths.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.ui_dir() == tmp_path / "ui"
    spec = (ROOT / "build.spec").read_text()
    assert '(os.path.join(ROOT, "resources"), "resources")' in spec
    assert '(os.path.join(ROOT, "ui"), "ui")' in spec
    assert ".ico" not in spec.replace("# ", "")  # no icon file that does not exist


def test_moodplayer_resources_overrides_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("MOODPLAYER_RESOURCES", str(tmp_path / "res"))
    monkeypatch.setattr(paths.sys, "_MEIPASS", "/frozen", raising=False)
    assert paths.resources_dir() == tmp_path / "res"
    assert paths.ui_dir() == tmp_path / "ui"
