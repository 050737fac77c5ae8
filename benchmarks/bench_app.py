"""The desktop app's two latency targets, measured on the real window (offscreen).

    PYTHONPATH=src python benchmarks/bench_app.py [--photos 200] [--library 2000]

1. Drop to first sound: a 12 MP photo is "dropped" on a window whose model
   (random-weight ViT-B-32: real speed) is loaded and warm, with a library of
   ``--library`` items; the clock stops when libVLC (dummy audio output)
   reports the first queue item Playing. Target < 1 s.
2. Longest GUI stall while a folder of ``--photos`` photos is analysed
   (thumbnails, model worker, progress): a 5 ms QTimer heartbeat records the
   largest gap between beats beyond its interval. Target < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, os.path.dirname(__file__))
from common import OUT, distinct_copies, photo, report, vit_b32_dir  # noqa: E402


def make_library(folder: Path, n: int) -> Path:
    """``n`` small real audio files (copies of one tone under different names and tags)."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = len(list(folder.glob("*.ogg")))
    if existing >= n:
        return folder
    seed = folder / "_seed.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=20",
                    "-c:a", "libvorbis", "-q:a", "0", str(seed)], check=True)
    data = seed.read_bytes()
    for i in range(n):
        (folder / f"{i:05d} track.ogg").write_bytes(data)
    seed.unlink()
    return folder


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--library", type=int, default=2000)
    ap.add_argument("--drops", type=int, default=5, help="timed drops (median reported)")
    ap.add_argument("--model-dir", help="a local-dir model folder (default: random ViT-B-32)")
    args = ap.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.engine.playback.vlc import HEADLESS_OPTIONS, VlcPlayer
    from moodplayer.engine.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="moodplayer-bench-home-"))
    os.environ["MOODPLAYER_HOME"] = str(home)
    app = QApplication([])
    model_dir = args.model_dir or vit_b32_dir()
    big = photo(4000, 3000, "12mp.jpg")
    # distinct contents: the feature cache would serve repeats of one photo without analysis
    folder = distinct_copies(big, args.photos, f"app-folder-{args.photos}")[0].parent
    drops = iter(distinct_copies(big, args.drops + 1, "app-drops"))
    library = make_library(OUT / f"library-{args.library}", args.library)

    settings = Settings(model=f"local-dir:{model_dir}", device="cpu", queue_length=20,
                        library_folders=[str(library)])
    settings.extra.update(first_run_done=True, autoplay_drop=True)
    settings.save()
    player = VlcPlayer(HEADLESS_OPTIONS)
    services = build_services(settings, player=player, with_tray=False)
    t = time.perf_counter()
    scan = services.library.scan(settings.library_folders)
    items = scan.added + scan.updated + scan.unchanged
    print(f"library: {items} items scanned in {time.perf_counter() - t:.1f} s (setup)")
    win = MainWindow(services)
    win.show()

    def wait(cond, timeout=600.0):
        """Run the real event loop until ``cond()``; no processEvents() spin.

        (PySide6 6.12's QApplication.processEvents() drops a reference to None
        on every call: a loop of tens of thousands of calls aborts Python with
        "none_dealloc". QEventLoop.exec() does not.)
        """
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        end = time.time() + timeout
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: loop.quit() if cond() or time.time() > end else None)
        check.start()
        if not cond():
            loop.exec()
        check.stop()
        if not cond():
            raise SystemExit(f"timed out; status: {win.statusBar().currentMessage()!r}, "
                             f"banner: {win.banner.text.text()!r}")

    t = time.perf_counter()
    win.start_background(first_run=False)
    wait(lambda: win.model_state in ("ready", "missing", "error"))
    if win.model_state != "ready":
        raise SystemExit("model did not load: " + win.model_missing.message.text())
    print(f"model load ({Path(str(model_dir)).name}, background): {time.perf_counter() - t:.2f} s")

    # --- 1. drop -> first sound -------------------------------------------------
    def one_drop() -> dict:
        win.controller.stop()
        win.photos.analysis = None
        start = time.perf_counter()
        win.photos.add_photos([str(next(drops))])
        wait(lambda: win.controller.queue.current >= 0
             and player.state().value == "playing" and player.position() > 0)
        sound = time.perf_counter()
        tm = win.photos.timings
        return {"total": sound - start, "analysed": tm["analysed"] - start,
                "queued": tm["queued"] - start, "started": tm["started"] - start}

    one_drop()  # warm-up: first decode, first queue, first libVLC open
    runs = [one_drop() for _ in range(args.drops)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"drop -> first sound (12 MP photo, {items}-item library, warm model): "
          f"median {med['total'] * 1000:.0f} ms over {args.drops} drops "
          f"(analysed {med['analysed'] * 1000:.0f} ms, queue built {med['queued'] * 1000:.0f} ms, "
          f"play() {med['started'] * 1000:.0f} ms); max {max(r['total'] for r in runs) * 1000:.0f} ms"
          f"   target < 1000 ms")
    report("drop -> first sound, 12 MP photo (median)", med["total"] * 1000, "ms",
           target="< 1000 ms", ok=med["total"] < 1.0, echo=False)
    win.controller.stop()

    # --- 2. longest event-loop stall while a folder is analysed -----------------
    gaps = []
    last = [time.perf_counter()]
    interval_ms = 5

    def beat():
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - interval_ms)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(interval_ms)
    heartbeat.timeout.connect(beat)
    settings.extra["autoplay_drop"] = False
    win.photos.analysis = None
    heartbeat.start()
    last[0] = time.perf_counter()
    t = time.perf_counter()
    win.photos.add_photos([str(folder)])
    wait(lambda: win.photos.analysis is not None and len(win.photos.analysis.photos) == args.photos)
    wait(lambda: win.strip.loader.pending() == 0)
    elapsed = time.perf_counter() - t
    heartbeat.stop()
    gaps.sort()
    p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else 0
    print(f"{args.photos} photos (12 MP) analysed in {elapsed:.1f} s "
          f"({args.photos / elapsed:.1f} photos/s) with thumbnails")
    print(f"GUI event loop during that: longest stall {max(gaps):.1f} ms, p99 {p99:.1f} ms, "
          f"{len(gaps)} heartbeats   target < 50 ms")
    report(f"longest GUI stall while {args.photos} photos are analysed", max(gaps), "ms",
           target="< 50 ms", ok=max(gaps) < 50, echo=False)
    report(f"{args.photos} photos (12 MP) analysed, thumbnails included", args.photos / elapsed,
           "photos/s", echo=False)
    win.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
