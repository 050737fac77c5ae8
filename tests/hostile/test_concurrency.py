"""Two writers on one library: the window's rescan and a CLI scan, at the same moment."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

from .conftest import SRC, song


def _music(world, n=40):
    music = world / "music"
    for i in range(n):
        song(music / f"{i:03d}.wav", 0.1 + 0.01 * i)
    return music


def test_two_scans_in_two_processes_never_duplicate_a_row(world):
    music = _music(world)
    home = world / "home"
    env = {"MOODPLAYER_HOME": str(home), "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "moodplayer", "scan", str(music), "--json", "--no-model"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for _ in range(2)]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err and b"IntegrityError" not in err
    reports = [json.loads(out) for out, _ in outs]
    assert sorted(r["added"] for r in reports) == [0, 40]  # one added them, one found them
    assert sorted(r["unchanged"] for r in reports) == [0, 40]
    from moodplayer.engine.library import Library

    lib = Library(home / "library.sqlite3")
    assert lib.count() == 40
    lib.close()


def test_a_waiting_scan_says_who_it_waits_for_then_proceeds(world):
    from moodplayer.engine.library.scanlock import scan_lock

    music = _music(world, 5)
    home = world / "home"
    home.mkdir()
    env = {"MOODPLAYER_HOME": str(home), "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}
    with scan_lock(home / "library.sqlite3", lambda _m: None):
        proc = subprocess.Popen([sys.executable, "-m", "moodplayer", "scan", str(music), "--json",
                                 "--no-model"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env)
        time.sleep(8)  # it imports, opens the library, then must wait for us
        assert proc.poll() is None  # still waiting
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    import os

    assert f"another scan is running (pid {os.getpid()}); waiting…" in err.decode()
    assert json.loads(out)["added"] == 5


def test_two_scans_in_two_threads_of_one_app(world, taxonomy):
    from moodplayer.engine.library import Library

    music = _music(world, 30)
    lib = Library(world / "lib.sqlite3", taxonomy)
    reports, errors = [], []

    def scan():
        try:
            reports.append(lib.scan([music], keyframes=False))
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)
    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(r.added for r in reports) == [0, 30]
    assert lib.count() == 30
    lib.close()
