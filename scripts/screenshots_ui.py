"""Screenshots of the library, playlists, mood words, light/dark themes and Korean (headless).

    PYTHONPATH=src python scripts/screenshots_ui.py [--out docs/screenshots]

Writes library.png, playlists.png, mood-words.png, dark.png, light.png and
korean.png. Like scripts/screenshots.py (whose photo and library makers it
uses), everything lives in a temporary MOODPLAYER_HOME with a tiny
random-weight CLIP, so the emotion readings show the layout, not real
judgements. The library is the eight generated, tagged tracks plus a few
hundred synthetic rows written straight into the database (as the library
benchmark does), so the table has something to scroll. Korean needs a font
with Hangul (Debian: fonts-noto-cjk); the Korean shot runs in a second
process because the language is chosen when the window is built.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "engine" / "library"))

from screenshots import TINY, draw_photos, make_library  # noqa: E402
from synthetic_items import insert_items  # noqa: E402


def keep_none_alive() -> None:
    """PySide6 6.12 on Python 3.11 hands back None without a reference from some void
    calls made in Python loops (QWidget.update() x1000 leaves None 1000 references
    short), and a long loop of them ends in "Fatal Python error: none_dealloc" at
    exit. Python 3.12+ never frees None; on 3.11, give it references to spare."""
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # ob_refcnt comes first


class Shots:
    def __init__(self, app, out: Path):
        self.app, self.out = app, out

    def wait(self, cond, timeout: float = 60.0) -> None:
        end = time.time() + timeout
        while not cond():
            self.app.processEvents()
            if time.time() > end:
                raise SystemExit("timed out waiting for the window")
            time.sleep(0.01)
        for _ in range(20):
            self.app.processEvents()

    def take(self, widget, name: str) -> None:
        self.wait(lambda: True)
        path = self.out / name
        widget.grab().save(str(path))
        print("wrote", path)


def build(work: Path, language: str, look: str):
    """The app as a user would have it: settings, language, theme, services, window."""
    from PySide6.QtWidgets import QApplication

    from moodplayer.app import assets, i18n, theme
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine.playback import NullPlayer
    from moodplayer.engine.settings import Settings
    from moodplayer.engine.vision.model import save_model_folder

    app = QApplication.instance() or QApplication([])
    model_dir = work / "tiny-clip"
    if not model_dir.exists():
        save_model_folder(model_dir, TINY)
    adapter = Settings.load().adapter  # the Korean run keeps the English run's tuning
    settings = Settings(model=f"local-dir:{model_dir}", device="cpu", precision="fp32",
                        queue_length=8, library_folders=[str(work / "music")], adapter=adapter)
    settings.extra.update(first_run_done=True, autoplay_drop=False, theme=look, language=language)
    settings.save()
    i18n.install(app, language)
    theme.apply(app, look, assets.stylesheet())
    services = build_services(settings, player=NullPlayer(), with_tray=False)
    return app, services, MainWindow(services)


def fill_library(work: Path, services) -> None:
    import datetime as dt

    make_library(work / "music")
    services.library.scan(services.settings.library_folders)
    insert_items(services.library, 400, start=1000)
    tracks = [r.to_track() for r in services.library.browse_rows(services.library.browse_ids())]
    lists = services.playlists
    made = {"Sunday morning": "2026-11-02 10:15", "Rainy commute": "2026-11-19 08:20"}
    lists.save("Sunday morning", tracks[:12])
    lists.save("Rainy commute", tracks[20:45])
    for day, n in (("2026-11-28 18:02", 8), ("2026-11-30 09:41", 16), ("2026-12-01 16:05", 24)):
        lists.save(f"camera · {day}", tracks[n:n + 8], auto=True)
        made[f"camera · {day}"] = day
    with services.library.db.engine.begin() as conn:  # as if made over the past weeks
        for name, when in made.items():
            stamp = dt.datetime.strptime(when, "%Y-%m-%d %H:%M").timestamp()
            conn.exec_driver_sql("UPDATE playlists SET created_at = ?, updated_at = ? "
                                 "WHERE name = ?", (stamp, stamp, name))


def teach(shots: Shots, win, work: Path) -> None:
    """Label a few coloured photos and tune, so readings are as peaked as a real model's."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(3)
    for i in range(5):
        for emotion, rgb in (("contentment", (70, 150, 60)), ("fear", (30, 30, 50)),
                             ("awe", (90, 170, 240)), ("excitement", (250, 140, 60))):
            arr = np.clip(np.array(rgb)[None, None, :] + rng.normal(0, 14, (48, 48, 3)), 0, 255)
            path = work / f"label-{emotion}-{i}.png"
            Image.fromarray(arr.astype(np.uint8)).save(path)
            win.tuning_flow.add_label(str(path), emotion)
    win.tabs.setCurrentWidget(win.tune)
    win.tuning.epochs = 12
    win.tuning_flow.start()
    shots.wait(lambda: not win.tune.b_cancel.isEnabled() and win.tune.scores.rowCount() > 0,
               timeout=300)
    win.statusBar().clearMessage()
    shots.take(win, "tune.png")
    # Use the adapter even if the random tiny model scored it below zero-shot: the
    # shots should show what a confident reading looks like in words.
    adapter = win.tuning.list_adapters()[-1]
    if win.settings.adapter != adapter:
        win.tuning_flow.choose_adapter(adapter)
        shots.wait(lambda: win.settings.adapter == adapter, timeout=60)


def profiles(shots: Shots, win, services) -> None:
    """Cover art and titles read with the model, so each track has its own reasons."""
    done = []
    win.model.submit(services.library_jobs.finish_profiles, on_done=done.append,
                     on_failed=lambda msg, _c: done.append(msg))
    shots.wait(lambda: bool(done), timeout=300)


def start(shots: Shots, win, photos: list, before_photos=None) -> None:
    win.resize(1240, 800)
    win.show()
    win.start_background(first_run=False)
    shots.wait(lambda: win.model_state == "ready")
    if before_photos is not None:
        before_photos()
    win.photos.add_photos([str(p) for p in photos])
    shots.wait(lambda: win.photos.analysis is not None and len(win.controller.queue) > 0)
    win.strip.loader.wait()
    win.controller.play_index(0)
    win.controller.seek(47)
    win.statusBar().clearMessage()


def english(out: Path, work: Path) -> None:
    from PySide6.QtCore import Qt

    from moodplayer.app import assets, theme

    app, services, win = build(work, "en", theme.DARK)
    shots = Shots(app, out)
    fill_library(work, services)

    def prepare():
        profiles(shots, win, services)
        teach(shots, win, work)
        win.tabs.setCurrentIndex(0)
    start(shots, win, draw_photos(work / "photos"), prepare)
    win.queue_view.list.setCurrentRow(1)
    shots.take(win, "dark.png")
    forest = next(p for p in win.photos.results if p.endswith("forest.jpg"))
    win.strip.setCurrentItem(win.strip._items[forest])
    shots.take(win.mood_stack, "mood-words.png")
    win.strip.setCurrentRow(0)

    win.show_library()
    view = win.library_view
    shots.wait(lambda: view.model.active and not view.model.busy)
    view.search.setText("sol tide")  # the generated tracks and their synthetic neighbours
    view.apply_filters()
    shots.wait(lambda: not view.model.busy)
    view.table.sortByColumn(2, Qt.DescendingOrder)  # by album: "Sol Tide Sessions" first
    shots.wait(lambda: not view.model.busy)
    view.table.selectRow(1)
    view.table.setFocus()
    shots.take(win, "library.png")

    dialog = win.lists.open_dialog()
    dialog.select("Rainy commute")
    dialog.table.setFocus()
    shots.take(dialog, "playlists.png")
    dialog.close()

    theme.apply(app, theme.LIGHT, assets.stylesheet())
    win.tabs.setCurrentIndex(0)
    shots.take(win, "light.png")
    win.close()


def korean(out: Path, work: Path) -> None:
    from moodplayer.app import theme

    app, services, win = build(work, "ko", theme.LIGHT)
    shots = Shots(app, out)
    start(shots, win, sorted((work / "photos").glob("*.jpg")))
    win.queue_view.list.setCurrentRow(1)
    shots.take(win, "korean.png")
    win.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--korean-in", help=argparse.SUPPRESS)  # the second process
    args = ap.parse_args()
    out = Path(args.out)
    keep_none_alive()
    out.mkdir(parents=True, exist_ok=True)
    if args.korean_in:
        os.environ["MOODPLAYER_HOME"] = str(Path(args.korean_in) / "home")
        korean(out, Path(args.korean_in))
        return 0
    work = Path(tempfile.mkdtemp(prefix="moodplayer-ui-shots-"))
    os.environ["MOODPLAYER_HOME"] = str(work / "home")
    english(out, work)
    return subprocess.call([sys.executable, __file__, "--out", str(out), "--korean-in", str(work)])


if __name__ == "__main__":
    sys.exit(main())
