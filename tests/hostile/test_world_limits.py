"""A disk that fills up, a folder that vanishes mid-scan, ten thousand photos at once."""

from __future__ import annotations

import io
import shutil
import sqlite3
import time

import numpy as np
from PIL import Image

from .conftest import clean, cli, song


def _noise_jpeg(seed: int) -> bytes:
    arr = (np.random.default_rng(seed).random((64, 64, 3)) * 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=95)
    return buf.getvalue()


def test_disk_full_during_a_scan_loses_nothing_and_says_so(world, tmpfs, taxonomy):
    from moodplayer.engine.library import Library
    from moodplayer.engine.tracks import Track

    home = tmpfs.path / "home"
    music = world / "music"
    for i in range(300):
        (music / f"{i:03d}").mkdir(parents=True)
        song(music / f"{i:03d}" / "t.wav", 0.05 + 0.001 * i)
        (music / f"{i:03d}" / "cover.jpg").write_bytes(_noise_jpeg(i))  # no two alike
    lib = Library(home / "library.sqlite3", taxonomy)
    lib.save_playlist("Before", [Track(str(music / "000" / "t.wav"))])
    lib.close()
    free = shutil.disk_usage(tmpfs.path).free
    (tmpfs.path / "filler").write_bytes(b"\x00" * max(0, free - 300_000))

    r = cli(["scan", str(music), "--no-model", "--no-keyframes"], home)

    clean(r)
    assert r.returncode == 2
    assert "is full" in r.stderr and "nothing was changed by this step" in r.stderr
    (tmpfs.path / "filler").unlink()
    with sqlite3.connect(home / "library.sqlite3") as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        committed = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    lib = Library(home / "library.sqlite3", taxonomy)
    assert lib.recovery is None  # not damaged, only incomplete
    assert [t.path for t in lib.load_playlist("Before")] == [str(music / "000" / "t.wav")]
    report = lib.scan([music], keyframes=False)  # with room again, it carries on
    assert report.unchanged == committed and report.added == 300 - committed
    lib.close()


def test_a_library_folder_that_vanishes_mid_scan(world, taxonomy):
    from moodplayer.engine.library import Library

    music = world / "music"
    for i in range(12):
        song(music / f"{i:02d}.wav", 0.1 + 0.01 * i)
    lib = Library(world / "lib.sqlite3", taxonomy)
    seen = []

    def progress(done, total, message):
        seen.append(message)
        if done == 4 and music.exists():
            shutil.rmtree(music)  # the drive is unplugged while the scan reads it

    report = lib.scan([music], progress, keyframes=False)
    assert report.added == 4  # what was read before is kept
    assert report.failed == 8 and all(r for _, r in report.failures)
    assert {r for _, r in report.failures} <= {"vanished during the scan",
                                               "the file vanished during the scan"}
    assert lib.count() == 4
    again = lib.scan([music], keyframes=False)
    assert again.failures == [(str(music), "cannot read this folder: folder not found")]
    assert again.missing == 4 and lib.count() == 0
    assert len(lib.items(status="missing")) == 4  # kept, not deleted: they may come back
    lib.close()


def test_ten_thousand_photos_dropped_at_once_expand_quickly(world):
    from moodplayer.core.mood_session import MoodSession

    data = _noise_jpeg(0)
    pics = world / "pics"
    for d in range(100):
        folder = pics / f"{d:02d}"
        folder.mkdir(parents=True)
        for i in range(100):
            (folder / f"{i:03d}.jpg").write_bytes(data)
    (pics / "notes.txt").write_text("not a photo")
    started = time.perf_counter()
    expanded = MoodSession.expand([pics, pics / "05", pics / "05" / "007.jpg"])
    seconds = time.perf_counter() - started
    assert len(expanded.found) == 10_000 and expanded.errors == []
    assert len(set(expanded.found)) == 10_000  # the folder given twice adds nothing
    assert expanded.found == sorted(expanded.found)
    assert seconds < 20, f"{seconds:.1f} s"
