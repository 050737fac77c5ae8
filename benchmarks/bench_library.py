"""Library benchmarks (numbers, not pass/fail): scan throughput, unchanged rescan, queue speed.

    PYTHONPATH=src python benchmarks/bench_library.py [--files 2000] [--rescan-files 10000] [--items 100000]

Media are generated: one tagged template per format (ffmpeg), copied and
re-tagged with mutagen, so tag reading is real, but the files are small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "engine" / "library"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

# renamed: in main, `report` is what a scan returns
from common import report as report_figure  # noqa: E402
from media import copy_media, cover_jpeg, make_templates, tag  # noqa: E402
from synthetic import synthetic_arrays  # noqa: E402

from moodplayer.engine.emotions.result import EmotionResult  # noqa: E402
from moodplayer.engine.emotions.taxonomy import load_taxonomy  # noqa: E402
from moodplayer.engine.library import Library  # noqa: E402
from moodplayer.engine.matching import MoodTarget, QueueOptions, build_queue  # noqa: E402

AUDIO = ["mp3", "flac", "ogg", "opus", "m4a", "wav", "aiff"]


def make_library(root: Path, n: int, templates: dict) -> None:
    tagged = {}
    for ext in AUDIO:  # one tagged file per format (+ a cover per album below)
        tagged[ext] = copy_media(templates, ext, root / "_t" / f"t.{ext}", title="x", artist="y",
                                 album="z", genre="rock", bpm=120, cover=cover_jpeg())
    for i in range(n):
        ext = AUDIO[i % len(AUDIO)]
        dest = root / f"artist{i % 50}" / f"album{i % 200}" / f"{i:05d}.{ext}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tagged[ext], dest)
    shutil.rmtree(root / "_t")


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--rescan-files", type=int, default=10000)
    ap.add_argument("--items", type=int, default=100000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mp-bench-"))
    os.environ["MOODPLAYER_HOME"] = str(tmp / "home")
    try:
        templates = make_templates(tmp / "templates")
        lib_root = tmp / "lib"
        make_library(lib_root, args.files, templates)
        lib = Library(tmp / "a.sqlite3")
        report, secs = timed(lambda: lib.scan([lib_root]))
        print(f"first scan, {args.files} tagged files (tags, covers, genre/tag profiles, no model): "
              f"{secs:.2f} s = {args.files / secs:.0f} files/s  (added {report.added}, failed {report.failed})")
        report_figure(f"first scan, {args.files} tagged files", args.files / secs, "files/s",
                      echo=False)
        report, secs = timed(lambda: lib.scan([lib_root]))
        print(f"rescan, {args.files} unchanged files: {secs:.3f} s (unchanged {report.unchanged})")

        big_root = tmp / "big"
        make_library(big_root, args.rescan_files, templates)
        big = Library(tmp / "b.sqlite3")
        _, secs = timed(lambda: big.scan([big_root]))
        print(f"first scan, {args.rescan_files} files: {secs:.1f} s = {args.rescan_files / secs:.0f} files/s")
        report, secs = timed(lambda: big.scan([big_root]))
        print(f"rescan, {args.rescan_files} unchanged files: {secs:.3f} s (target < 2 s; "
              f"unchanged {report.unchanged})")
        report_figure(f"rescan, {args.rescan_files} unchanged files", secs, "s",
                      target="< 2 s", ok=secs < 2, echo=False)
        arr, secs = timed(lambda: big.arrays())
        print(f"item matrix from the database, {len(arr)} items: {secs:.2f} s (cached afterwards)")

        tax = load_taxonomy("mikels8")
        arrays, secs = timed(lambda: synthetic_arrays(tax, n=args.items, artists=5000, emb_dim=512))
        p = np.full(len(tax), 0.02)
        p[tax.index("contentment")] = 1
        emb = arrays.embedding[7]
        target = MoodTarget.from_result(EmotionResult.from_probs(p, tax, emb))
        p2 = np.full(len(tax), 0.02)
        p2[tax.index("excitement")] = 1
        other = MoodTarget.from_result(EmotionResult.from_probs(p2, tax, emb))
        for name, call in [
            ("20 items, music", lambda: build_queue(arrays, target, QueueOptions(length=20))),
            ("60 minutes, mixed", lambda: build_queue(arrays, target, QueueOptions(length=None, minutes=60, kind="mixed"))),
            ("20 items, genre filter", lambda: build_queue(arrays, target, QueueOptions(length=20, genres_include=("jazz",)))),
            ("20-step mood path A->B", lambda: build_queue(arrays, target, QueueOptions(length=20), to_target=other)),
        ]:
            call()  # warm-up
            runs = [timed(call)[1] for _ in range(5)]
            print(f"queue over {args.items} items with 512-d embeddings, {name}: "
                  f"median {np.median(runs) * 1000:.0f} ms (target < 100 ms)")
            report_figure(f"queue over {args.items} items, {name} (median)",
                          np.median(runs) * 1000, "ms", target="< 100 ms",
                          ok=np.median(runs) < 0.1, echo=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
