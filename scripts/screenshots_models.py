"""Render the model download and the model list in Settings to PNG (headless, no network).

    PYTHONPATH=src python scripts/screenshots_models.py [--out docs/screenshots]

writes model-download.png (the first-run download, caught half way) and
model-list.png (Settings' model list). The "hub" is the tests' local fake
hub (tests/fake_hub.py) serving the default model's repository: a tiny
config, and 605 MB of made-up weights produced on demand and sent slowly, so
the frame shows what a real first run shows. Everything lands in a temporary
MOODPLAYER_HOME, deleted at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"  # the first load looks offline; the download is switched on later

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # tests.fake_hub

DEFAULT_REPO = "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
DATACOMP_REPO = "laion/CLIP-ViT-B-32-DataComp.XL-s13B-b90K"
WEIGHTS_SIZE = 605_000_000


class MadeUpBytes:
    """``size`` bytes of a repeating pattern, made on demand: a big file without the memory."""

    def __init__(self, size: int):
        self.size = size
        self.block = hashlib.sha256(b"screenshot").digest() * 2048  # 64 KiB

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, part: slice) -> bytes:
        start, stop = part.start or 0, min(part.stop if part.stop is not None else self.size, self.size)
        out = bytearray()
        while start < stop:
            offset = start % len(self.block)
            piece = self.block[offset:offset + stop - start]
            out += piece
            start += len(piece)
        return bytes(out)


def wait(app, cond, timeout=60.0):
    end = time.time() + timeout
    while not cond():
        app.processEvents()
        if time.time() > end:
            raise SystemExit("timed out waiting for the window")
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()


def shot(app, widget, path: Path) -> None:
    wait(app, lambda: True)
    widget.grab().save(str(path))
    print("wrote", path)


def go_online(endpoint: str) -> None:
    from huggingface_hub import constants

    os.environ.pop("HF_HUB_OFFLINE", None)
    constants.HF_HUB_OFFLINE = False
    os.environ["HF_ENDPOINT"] = endpoint


def serve_models(model_dir: Path):
    from tests.fake_hub import FakeServer, publish_model

    server = FakeServer().start()
    config = (model_dir / "open_clip_config.json").read_bytes()
    server.add_hub_file(DEFAULT_REPO, "open_clip_config.json", config)
    weights = MadeUpBytes(WEIGHTS_SIZE)
    server.add_hub_file(DEFAULT_REPO, "open_clip_model.safetensors", weights, etag="f" * 64)
    publish_model(server, model_dir, DATACOMP_REPO)  # small: downloaded for real, for the list
    server.chunk, server.delay = 64 * 1024, 0.01  # about 6 MB/s
    return server


def download_frame(app, out: Path, work: Path, server) -> None:
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine.playback import NullPlayer
    from moodplayer.engine.settings import Settings
    from moodplayer.engine.vision import model as vision_model

    vision_model.hub_reachable = lambda *a, **k: True  # the page offers the download
    settings = Settings(device="cpu", precision="fp32")
    settings.extra["first_run_done"] = True
    settings.save()
    services = build_services(settings, player=NullPlayer(), with_tray=False)
    win = MainWindow(services)
    win.resize(1240, 780)
    win.show()
    win.start_background(first_run=False)
    wait(app, lambda: win.model_state == "missing", timeout=120)
    go_online(server.url)
    win.model_missing.b_download.click()
    wait(app, lambda: win.model_download._last[0] > 40_000_000, timeout=60)
    shot(app, win, out / "model-download.png")
    win.model_missing.b_cancel.click()
    wait(app, lambda: not win.model_download.running)
    win.close()


def list_frame(app, out: Path) -> None:
    from moodplayer.app.widgets.settings_dialog import SettingsDialog
    from moodplayer.engine.models import download_model
    from moodplayer.engine.settings import Settings

    download_model("ViT-B-32:datacomp_xl_s13b_b90k")  # one known model on this computer
    dlg = SettingsDialog(Settings(model="ViT-B-32:datacomp_xl_s13b_b90k"))
    dlg.show()
    # Qt opens a window at most 2/3 of the screen (the offscreen screen is 800x800) and the
    # boxes scroll inside the dialog: make it tall enough to show them all without scrolling.
    from PySide6.QtWidgets import QScrollArea

    boxes = dlg.findChild(QScrollArea, "SettingsScroll").widget()
    dlg.resize(dlg.sizeHint().width(), boxes.minimumSizeHint().height() + 60)
    shot(app, dlg, out / "model-list.png")
    dlg.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="moodplayer-model-shots-"))
    os.environ["MOODPLAYER_HOME"] = str(work / "home")
    os.environ.pop("MOODPLAYER_MODELS_DIR", None)
    os.environ.pop("MOODPLAYER_MODEL", None)

    from PySide6.QtWidgets import QApplication

    from moodplayer.app import assets
    from moodplayer.engine.vision.model import save_model_folder
    from tests.conftest import TINY_MODEL_CFG

    app = QApplication([])
    app.setStyleSheet(assets.stylesheet())
    server = serve_models(save_model_folder(work / "tiny-clip", TINY_MODEL_CFG))
    try:
        download_frame(app, out, work, server)
        server.delay = 0.0
        list_frame(app, out)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
