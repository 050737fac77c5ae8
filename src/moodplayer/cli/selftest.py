"""``moodplayer --self-test``: prove, headless, that an install really works.

Made for the frozen app (did PyInstaller bundle open_clip's vocabulary, the
resources, libVLC *and its plugins*?), useful on any install. Each step runs
on its own, prints what it did, and the exit status is 0 only if all passed.
Nothing of the user's is touched: the steps use a temporary MOODPLAYER_HOME.

    moodplayer --self-test [--model SPEC] [--device auto|cpu|cuda]

SPEC defaults to $MOODPLAYER_MODEL, then the settings' model; offline, give a
``local-dir:`` folder.
"""

from __future__ import annotations

import argparse
import math
import os
import struct
import sys
import tempfile
import time
import traceback
import wave
from pathlib import Path

# (title, artist, genre, tone Hz): a small library whose genres pull moods apart.
LIBRARY = [
    ("Harbour Lights", "Calm Collective", "ambient", 220.0),
    ("Slow Tide", "Calm Collective", "new age", 247.0),
    ("Riot Engine", "Iron Static", "metal", 330.0),
    ("Broken Glass", "Iron Static", "punk", 349.0),
    ("Sunday Morning", "Porch Light", "folk", 262.0),
    ("Rain On Glass", "Grey Rooms", "blues", 196.0),
]


def _write_tone(path: Path, hz: float, seconds: float = 3.0, rate: int = 22050) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i / rate)))
                          for i in range(int(seconds * rate)))
        w.writeframes(frames)


def make_library(folder: Path) -> list:
    """WAV files with ID3 tags (title, artist, genre) written by mutagen."""
    from mutagen.id3 import TCON, TIT2, TPE1
    from mutagen.wave import WAVE

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for title, artist, genre, hz in LIBRARY:
        p = folder / f"{artist} - {title}.wav"
        _write_tone(p, hz)
        audio = WAVE(str(p))
        audio.add_tags()
        audio.tags.add(TIT2(encoding=3, text=title))
        audio.tags.add(TPE1(encoding=3, text=artist))
        audio.tags.add(TCON(encoding=3, text=genre))
        audio.save()
        paths.append(p)
    return paths


class Steps:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.failed = []
        self.count = 0

    def run(self, title: str, fn):
        self.count += 1
        t = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # every step reports; one failure does not hide the others
            self.failed.append(title)
            msg = str(exc) or type(exc).__name__
            print(f"[FAIL] {title}: {msg}", file=self.out, flush=True)
            if os.environ.get("MOODPLAYER_DEBUG"):
                traceback.print_exc()
            return None
        ms = (time.perf_counter() - t) * 1000
        text = detail[1] if isinstance(detail, tuple) else detail
        print(f"[ OK ] {title} ({ms:.0f} ms){': ' + text if text else ''}", file=self.out, flush=True)
        return detail[0] if isinstance(detail, tuple) else detail


def play_one_second(path: Path) -> str:
    from ..engine.playback.vlc import HEADLESS_OPTIONS, VlcPlayer

    player = VlcPlayer(HEADLESS_OPTIONS)
    errors = []
    player.on_error = lambda p, m: errors.append(m)
    try:
        player.play(str(path))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not errors and player.position() < 1.0:
            time.sleep(0.05)
        if errors:
            raise RuntimeError(errors[0])
        if player.position() < 1.0:
            raise RuntimeError("libVLC did not reach 1 s of playback within 10 s")
        import vlc

        return f"{player.position():.1f} s of {path.name} (libVLC {vlc.libvlc_get_version().decode()})"
    finally:
        player.close()


EXPECTED_STEPS = 6


def _analyse_sample(steps, settings):
    """Steps 1-3: taxonomy, model, the bundled photo. Returns (reader, taxonomy, analysis)."""
    from ..core.factory import load_reader
    from ..engine import paths
    from ..engine.emotions.taxonomy import load_taxonomy

    taxonomy = steps.run("load the emotion taxonomy",
                         lambda: (t := load_taxonomy(), f"{t.id}, {len(t)} emotions"))
    loaded = steps.run(f"load the model {settings.model}", lambda: (
        r := load_reader(settings, adapter=None), f"{r[1].model} on {r[1].device} as {r[1].dtype}"))
    if loaded is None or taxonomy is None:
        return None, taxonomy, None
    reader = loaded[0]
    sample = paths.resources_dir() / "samples" / "sunset.jpg"

    def analyse():
        a = reader.analyze_paths([sample])
        r = a.photos[0]
        if r.result is None:
            raise RuntimeError(r.error)
        top = ", ".join(f"{n} {r.result.emotions[n] * 100:.0f}%" for n in r.result.top)
        return a, f"{sample.name}: {top}; valence {r.result.valence:+.2f}"

    return reader, taxonomy, steps.run("analyse the bundled sample photo", analyse)


def _cpu_plan(steps, reader) -> None:
    """Step 4: the CPU speed plan a second read would take (measured now), and proof
    that this build can make an int8 layer (the frozen app bundles torch.ao for it)."""

    def measure():
        model = reader.model
        if model.device.type != "cpu":
            return f"not needed on {model.device}"
        import torch

        from ..engine.vision.int8 import available_engines, quantize_tower

        model.settle(2)  # what was deferred after the first photo happens now
        engines = available_engines()
        if engines:
            layer = quantize_tower(torch.nn.Sequential(torch.nn.Linear(8, 8)), engines[0])
            if not torch.isfinite(layer(torch.randn(2, 8))).all():
                raise RuntimeError("the int8 test layer gave no numbers")
        return f"{model.plan.reason}; int8 engines: {', '.join(engines) or 'none'}"

    steps.run("measure this CPU's fastest path", measure)


def _queue_and_play(steps, settings, tmp: Path, reader, taxonomy, analysis) -> None:
    """Steps 5-6: a generated library, a queue for the sample's mood, one second of sound."""
    from ..core.mood_session import MoodSession
    from ..engine.library import Library

    def build():
        make_library(tmp / "music")
        lib = Library(tmp / "library.sqlite3", taxonomy)
        report = lib.scan([tmp / "music"], extractor=reader)
        settings.queue_length, settings.queue_kind = 3, "music"
        items = MoodSession(lib, settings).build_queue(analysis.combined)
        lib.close()
        if not items:
            raise RuntimeError(f"no queue from a library of {report.added} items")
        return items, (f"{report.added} files scanned, queue: "
                       + "; ".join(f"{i.title} ({i.score:.2f})" for i in items))

    queue = steps.run("scan a generated library and build a queue", build)
    if queue:
        steps.run("play one second through libVLC (dummy outputs)",
                  lambda: play_one_second(Path(queue[0].path)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="moodplayer --self-test")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--model", help="model spec (default: $MOODPLAYER_MODEL, then the settings)")
    ap.add_argument("--device", default="auto", help="auto, cpu or cuda")
    args = ap.parse_args(argv)

    from ..engine import paths
    from ..engine.settings import Settings

    # The user's model choice and downloaded models, read before switching homes.
    user_model = Settings.load().model
    os.environ.setdefault("MOODPLAYER_MODELS_DIR", str(paths.models_dir()))
    with tempfile.TemporaryDirectory(prefix="moodplayer-selftest-") as tmp:
        tmp = Path(tmp)
        os.environ["MOODPLAYER_HOME"] = str(tmp / "home")  # the user's data stays untouched
        settings = Settings.load()
        settings.model = args.model or os.environ.get("MOODPLAYER_MODEL") or user_model
        settings.device = args.device
        print(f"MoodPlayer self-test ({'frozen' if getattr(sys, 'frozen', False) else 'python'}; "
              f"resources in {paths.resources_dir()})")
        steps = Steps()
        reader, taxonomy, analysis = _analyse_sample(steps, settings)
        if analysis is not None:
            _cpu_plan(steps, reader)
            _queue_and_play(steps, settings, tmp, reader, taxonomy, analysis)
        passed = steps.count - len(steps.failed)
        ok = not steps.failed and steps.count == EXPECTED_STEPS
        print(f"self-test: {passed} of {EXPECTED_STEPS} steps passed" +
              ("" if ok else f"; failed: {', '.join(steps.failed) or 'earlier steps'}"))
        return 0 if ok else 1
