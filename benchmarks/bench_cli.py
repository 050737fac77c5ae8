"""`moodplayer analyze one.jpg` end to end: the first run, then the runs after it.

    python benchmarks/bench_cli.py [--runs 3] [--precision auto] [--breakdown] [--hide MODULE]

Each run is a new process (``python -m moodplayer analyze one.jpg --json``)
on a full-size ViT-B-32 with random weights (same shapes and speed as real
ones) in the ``local-dir:`` layout, with a fresh MOODPLAYER_HOME: the first
run finds no cached class text features and computes them (192 prompts
through the text encoder), the later ones read them. ``--breakdown`` times
the steps in this process too. The 1-minute load average is printed next to
every number, with the run's CPU seconds: on a shared 2-core machine the wall
time means little without them.
Also times the commands that never load the model (--help, playlists, labels).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


CPU = []  # CPU seconds of each run: less shaken than wall time when others share the cores


def load() -> str:
    return f"cpu {CPU[-1]:5.2f} s, load {os.getloadavg()[0]:.2f}" if CPU else \
        f"load {os.getloadavg()[0]:.2f}"


HIDDEN = []  # modules the measured process must not find (--hide)


def command(argv) -> list:
    if not HIDDEN:
        return [sys.executable, "-m", "moodplayer", *argv]
    hide = "".join(f"sys.modules[{m!r}] = None; " for m in HIDDEN)  # import raises ImportError
    return [sys.executable, "-c", f"import runpy, sys; {hide}sys.argv = ['moodplayer'] + "
            f"{list(argv)!r}; runpy.run_module('moodplayer', run_name='__main__')"]


def run(argv, env) -> float:
    """Wall seconds of one ``moodplayer ARGV`` process (its CPU seconds go to ``CPU``)."""
    t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command(argv), capture_output=True, text=True, env=env, timeout=900)
    took = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if out.returncode != 0:
        raise SystemExit(f"moodplayer {' '.join(argv)} failed ({out.returncode}):\n{out.stderr}")
    if "--json" in argv:
        json.loads(out.stdout)  # the contract holds while we time it
    return took


def breakdown(spec: str, image: str, precision: str) -> None:
    """The same work step by step, in a process of its own (so imports are cold)."""
    os.environ["MOODPLAYER_HOME"] = tempfile.mkdtemp(prefix="mp-bench-cli-")
    t = time.perf_counter()
    import torch  # noqa: F401
    steps = [("import torch", time.perf_counter() - t)]
    t = time.perf_counter()
    import open_clip  # noqa: F401
    steps.append(("import open_clip (torchvision, timm)", time.perf_counter() - t))
    from moodplayer.engine.emotions.extractor import EmotionExtractor, class_text_features
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.model import load_model

    t = time.perf_counter()
    model = load_model(spec, "cpu", precision)
    steps.append((f"load the model ({str(model.dtype).replace('torch.', '')})",
                  time.perf_counter() - t))
    taxonomy = load_taxonomy()
    t = time.perf_counter()
    class_text_features(model, taxonomy, use_cache=False)
    steps.append(("class text features, computed", time.perf_counter() - t))
    class_text_features(model, taxonomy)  # fills the cache
    t = time.perf_counter()
    class_text_features(model, taxonomy)
    steps.append(("class text features, from the cache", time.perf_counter() - t))
    extractor = EmotionExtractor(model, taxonomy)
    t = time.perf_counter()
    extractor.analyze_paths([image])
    steps.append(("one photo (decode + encode)", time.perf_counter() - t))
    for name, seconds in steps:
        print(f"  {name:<40} {seconds:6.2f} s   ({load()})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs after the first (default 3)")
    ap.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16"])
    ap.add_argument("--breakdown", action="store_true", help="also time each step in-process")
    ap.add_argument("--hide", action="append", default=[], metavar="MODULE",
                    help="run as if MODULE were not installed, e.g. transformers: open_clip "
                         "imports it whenever it is there (~0.5 s), MoodPlayer never needs it")
    ap.add_argument("--steps-only", nargs=3, metavar=("SPEC", "PHOTO", "PRECISION"),
                    help=argparse.SUPPRESS)  # the breakdown's own fresh process
    args = ap.parse_args()
    if args.steps_only:
        breakdown(*args.steps_only)
        return
    # not at the top: numpy and PIL loaded first would make the breakdown's cold imports look fast
    from common import distinct_copies, photo, report, vit_b32_dir

    HIDDEN.extend(args.hide)
    spec = f"local-dir:{vit_b32_dir()}"
    image = photo(1600, 1200, "one.jpg")
    home = tempfile.mkdtemp(prefix="mp-bench-cli-")
    env = dict(os.environ, MOODPLAYER_HOME=home, HF_HUB_OFFLINE="1",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    # a photo of its own for every run: with one, the later runs would read its features
    # from the feature cache instead of analysing it
    images = iter(distinct_copies(image, args.runs + 1, "cli-runs"))

    def argv():
        return ["analyze", str(next(images)), "--model", spec, "--device", "cpu",
                "--precision", args.precision, "--json", "-q"]
    print(f"moodplayer analyze one.jpg, ViT-B-32 (random weights), precision {args.precision}, "
          f"{os.cpu_count()} CPUs" + (f", without {', '.join(HIDDEN)}" if HIDDEN else ""))
    first = run(argv(), env)
    print(f"  first run (computes the text features)   {first:6.2f} s   ({load()})")
    report("analyze one photo, first run (new process)", first, "s", echo=False)
    later = []
    for i in range(args.runs):
        later.append(run(argv(), env))
        print(f"  run {i + 2} (reads them from the cache)      {later[-1]:6.2f} s   ({load()})")
    print(f"  median of the later runs                 {statistics.median(later):6.2f} s   "
          f"(fastest {min(later):.2f} s: the least disturbed by other processes)")
    report("analyze one photo, later runs (median)", statistics.median(later), "s", echo=False)
    for light in (["--help"], ["playlists"], ["labels"]):
        took = run(light, env)
        print(f"  moodplayer {' '.join(light):<29} {took:6.2f} s   ({load()})")
        report(f"moodplayer {' '.join(light)}", took, "s", echo=False)
    if args.breakdown:
        print("step by step, in one fresh process:", flush=True)
        subprocess.run([sys.executable, __file__, "--steps-only", spec, str(image), args.precision],
                       check=True, env=env, timeout=900)


if __name__ == "__main__":
    main()
