"""Render the app's main states to PNG for the README (headless, offscreen).

    PYTHONPATH=src python scripts/screenshots.py [--out docs/screenshots]

Everything is generated in a temporary MOODPLAYER_HOME: a tiny random-weight
CLIP (so the emotion numbers are not meaningful, only the layout is), a few
procedurally drawn photos, and a small tagged library with cover art. The
null player stands in for VLC so "playing" is deterministic.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TINY = {
    "embed_dim": 32,
    "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "patch_size": 8, "head_width": 32},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}


def draw_photos(folder: Path) -> list:
    """A few scenes with some character: sunset, forest, storm, beach, night city."""

    folder.mkdir(parents=True, exist_ok=True)
    W, H = 640, 440
    y = np.linspace(0, 1, H)[:, None, None]

    def gradient(top, bottom):
        top, bottom = np.array(top, float), np.array(bottom, float)
        return np.broadcast_to(top + (bottom - top) * y, (H, W, 3)).copy()

    rng = np.random.default_rng(3)
    scenes = {}
    sky = gradient((255, 140, 66), (120, 40, 90))
    img = Image.fromarray(sky.astype("uint8"))
    d = ImageDraw.Draw(img)
    d.ellipse((260, 220, 380, 340), fill=(255, 214, 120))
    d.rectangle((0, 300, W, H), fill=(40, 25, 50))
    scenes["sunset.jpg"] = img
    img = Image.fromarray(gradient((150, 200, 170), (20, 70, 40)).astype("uint8"))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x = int(rng.integers(0, W))
        h = int(rng.integers(120, 300))
        d.polygon([(x, H - h), (x - 30, H), (x + 30, H)], fill=(20, int(rng.integers(60, 110)), 40))
    scenes["forest.jpg"] = img
    img = Image.fromarray(gradient((60, 66, 80), (20, 30, 45)).astype("uint8"))
    d = ImageDraw.Draw(img)
    d.line([(400, 0), (370, 120), (420, 140), (380, 300)], fill=(230, 230, 255), width=5)
    for i in range(6):
        d.arc((-100 + i * 130, 300, 100 + i * 130, 420), 180, 360, fill=(90, 110, 140), width=6)
    scenes["storm.jpg"] = img.filter(ImageFilter.GaussianBlur(1))
    img = Image.fromarray(gradient((120, 200, 255), (250, 230, 180)).astype("uint8"))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 250, W, 320), fill=(40, 140, 200))
    d.ellipse((480, 40, 560, 120), fill=(255, 250, 210))
    scenes["beach.jpg"] = img
    img = Image.fromarray(gradient((10, 10, 40), (40, 20, 60)).astype("uint8"))
    d = ImageDraw.Draw(img)
    for i in range(14):
        x0, h = i * 46, int(rng.integers(120, 330))
        d.rectangle((x0, H - h, x0 + 40, H), fill=(25, 25, 45))
        for _ in range(12):
            wx, wy = x0 + int(rng.integers(4, 34)), H - int(rng.integers(10, h))
            d.rectangle((wx, wy, wx + 4, wy + 6), fill=(255, 220, 120))
    scenes["city-night.jpg"] = img
    paths = []
    for name, im in scenes.items():
        im.save(folder / name, quality=90)
        paths.append(folder / name)
    return paths


def make_library(folder: Path) -> None:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    tracks = [("Golden Hour", "Sol Tide", (255, 150, 70)), ("Low Light", "Sol Tide", (255, 150, 70)),
              ("Paper Boats", "The Quiet Harbour", (80, 140, 200)),
              ("Northern Road", "The Quiet Harbour", (80, 140, 200)),
              ("Static Bloom", "Velvet Engines", (200, 60, 90)),
              ("Glass Orchard", "Velvet Engines", (200, 60, 90)),
              ("Rainmaker", "Moss & Mirrors", (70, 150, 90)),
              ("Evening Tram", "Moss & Mirrors", (70, 150, 90))]
    for i, (title, artist, color) in enumerate(tracks):
        cover = folder / f"cover{i}.png"
        im = Image.new("RGB", (300, 300), color)
        for k in range(6):
            im.paste(tuple(min(255, c + 25 * k) for c in color), (25 * k, 25 * k, 300 - 25 * k, 300 - 25 * k))
        im.save(cover)
        out = folder / f"{i:02d} {title}.mp3"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"sine=frequency={220 + 40 * i}:duration={150 + 17 * i}", "-i", str(cover),
                        "-map", "0", "-map", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-c:v", "png",
                        "-id3v2_version", "3", "-disposition:v", "attached_pic",
                        "-metadata", f"title={title}", "-metadata", f"artist={artist}",
                        "-metadata", f"album={artist} Sessions", str(out)], check=True)
        cover.unlink()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="moodplayer-shots-"))
    os.environ["MOODPLAYER_HOME"] = str(work / "home")

    from PySide6.QtWidgets import QApplication

    from moodplayer.app import assets
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.app.widgets.first_run import FirstRunDialog
    from moodplayer.app.widgets.settings_dialog import SettingsDialog
    from moodplayer.engine.playback import NullPlayer
    from moodplayer.engine.settings import Settings
    from moodplayer.engine.vision.model import save_model_folder

    app = QApplication([])
    app.setStyleSheet(assets.stylesheet())
    model_dir = save_model_folder(work / "tiny-clip", TINY)
    photos = draw_photos(work / "photos")
    make_library(work / "music")

    def wait(cond, timeout=60.0):
        end = time.time() + timeout
        while not cond():
            app.processEvents()
            if time.time() > end:
                raise SystemExit("timed out waiting for the window")
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()

    def shot(widget, name):
        for _ in range(20):
            app.processEvents()
        path = out / name
        widget.grab().save(str(path))
        print("wrote", path)

    settings = Settings(model=f"local-dir:{model_dir}", device="cpu", precision="fp32",
                        queue_length=8, library_folders=[str(work / "music")])
    settings.extra.update(first_run_done=True, autoplay_drop=False)
    settings.save()
    services = build_services(settings, player=NullPlayer(), with_tray=False)
    services.library.scan(settings.library_folders)
    win = MainWindow(services)
    win.resize(1240, 780)
    win.show()
    win.start_background(first_run=False)
    wait(lambda: win.model_state == "ready")
    shot(win, "empty.png")

    from moodplayer.app import startup  # what the first start's speed measurement shows

    startup._note("Measuring the fastest way to run this model on this computer")
    wait(lambda: "first start" in win.status.model_label.text())
    shot(win, "measuring.png")
    startup._note("")
    wait(lambda: "first start" not in win.status.model_label.text())

    win.photos.add_photos([str(p) for p in photos])
    wait(lambda: win.photos.analysis is not None and len(win.controller.queue) > 0)
    win.strip.loader.wait()
    wait(lambda: True)
    shot(win, "analysed.png")

    win.controller.play_index(0)
    win.controller.seek(47)
    win.queue_view.list.setCurrentRow(2)
    wait(lambda: True)
    shot(win, "playing.png")

    dlg = SettingsDialog(settings, win)
    dlg.show()
    shot(dlg, "settings.png")
    dlg.close()

    for path, emotion in zip(photos, ["contentment", "awe", "fear", "contentment", "excitement"]):
        win.tuning_flow.add_label(str(path), emotion)
    # A few more labelled photos, so the Tune view can show a real before/after.
    rng = np.random.default_rng(3)
    for i in range(4):
        for emotion, rgb in (("contentment", (90, 170, 90)), ("fear", (40, 30, 60)),
                             ("awe", (60, 120, 220))):
            arr = np.clip(np.array(rgb)[None, None, :] + rng.normal(0, 14, (48, 48, 3)), 0, 255)
            p = work / f"label-{emotion}-{i}.png"
            Image.fromarray(arr.astype(np.uint8)).save(p)
            win.tuning_flow.add_label(str(p), emotion)
    win.tabs.setCurrentWidget(win.tune)
    win.tuning.epochs = 5  # a picture of the view, not a tuning run worth keeping
    win.tuning_flow.start()
    wait(lambda: not win.tune.b_cancel.isEnabled() and win.tune.scores.rowCount() > 0)
    shot(win, "tune.png")
    win.tabs.setCurrentIndex(0)

    first = FirstRunDialog([str(work / "music")], win)
    first.show()
    first._scan()
    first.set_progress(5, 8, "05 Static Bloom.mp3")
    shot(first, "first-run.png")
    first.close()

    win.settings.model = "ViT-B-32:laion2b_s34b_b79k"  # not on disk, and offline
    win.load_model()
    wait(lambda: win.model_state == "missing", timeout=120)
    shot(win, "model-missing.png")
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
