"""Cold start to a visible window: the frozen app against `python -m moodplayer`.

    python benchmarks/bench_startup.py [--app dist/MoodPlayer/MoodPlayer] [--runs 5]

Each run is a new process started with MOODPLAYER_STARTUP_PROBE=1, which makes
the app quit right after its shown window has been through one event-loop
turn; we time the whole process from launch to exit. Uses the real screen when
DISPLAY is set (Xvfb), else Qt's offscreen platform. The first run of each is
reported apart (cold disk cache); the median is over the rest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from common import report  # noqa: E402


def run(cmd, env) -> float:
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - t
    if "window shown" not in out.stdout:
        raise SystemExit(f"{cmd[0]} did not show its window:\n{out.stdout}\n{out.stderr[-2000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", default=str(ROOT / "dist" / "MoodPlayer" / "MoodPlayer"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="mp-startup-")
    env = dict(os.environ, MOODPLAYER_STARTUP_PROBE="1", MOODPLAYER_HOME=home)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    contenders = [("python -m moodplayer", [sys.executable, "-m", "moodplayer"])]
    if Path(args.app).exists():
        contenders.append(("frozen app", [args.app]))
    else:
        print(f"(no frozen app at {args.app}: build it with pyinstaller build.spec)")
    results = {}
    for name, cmd in contenders:
        times = [run(cmd, env) for _ in range(args.runs)]
        results[name] = statistics.median(times[1:] if len(times) > 1 else times)
        print(f"{name:>22}: first {times[0]:.2f} s, median of the rest {results[name]:.2f} s")
        report(f"cold start to a shown window, {name} (median)", results[name], "s", echo=False)
    if len(results) == 2:
        py, fz = results["python -m moodplayer"], results["frozen app"]
        print(f"frozen / python = {fz / py:.2f}")
        report("frozen app against python -m moodplayer", fz / py, "x", echo=False)


if __name__ == "__main__":
    main()
