"""Audio analysis speed (numbers, not pass/fail): DSP features, tiny CLAP, full-size CLAP.

    PYTHONPATH=src python benchmarks/bench_audio.py [--tracks 40] [--workers 2]
        [--no-clap] [--full-clap] [--compare-essentia]

Target (2 cores, DSP only): >= 15 tracks/s, i.e. a 10,000-track library in
under 12 minutes. Tracks are generated 4-minute stereo songs (drums, bass,
chords; 44.1 kHz), written once as MP3 (LAME through soundfile) and FLAC,
then copied: decoding a copy costs what decoding the original does.
The machine's load average is printed first and last, since these numbers
mean little if other work shares the cores.

--compare-essentia runs essentia (AGPL-3.0, never a dependency of the app)
on the same tempo, key and loudness test material and the same excerpts,
if it is importable, to back the library choice in engine/audio/features.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "engine" / "audio"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, os.path.dirname(__file__))

import synth  # noqa: E402
from common import OUT, report  # noqa: E402

from moodplayer.engine.audio.decode import decode  # noqa: E402
from moodplayer.engine.audio.features import extract_features  # noqa: E402
from moodplayer.engine.audio.job import analyze_items, default_workers  # noqa: E402

SONG_S = 240
SONGS = ((0, "major", "saw", 128), (9, "minor", "piano", 92), (4, "major", "organ", 150),
         (2, "minor", "pad", 74), (7, "major", "square", 110), (5, "minor", "saw", 172))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def song(tonic: int, mode: str, timbre: str, bpm: int, sr: int = 44100) -> np.ndarray:
    """A 4-minute stereo song: drums, chords and a bass line, panned a little apart."""
    chords = synth.chord_piece(tonic, mode, timbre, seed=bpm, seconds=SONG_S, sr=sr)
    drums = synth.drum_track(bpm, SONG_S, sr=sr, seed=bpm)
    left, right = 0.7 * chords + 0.8 * drums, 0.9 * chords + 0.6 * np.roll(drums, 300)
    return synth.master(np.stack([left, right], axis=1), -12.0)


def library(n: int, ext: str) -> list:
    """``n`` files of the given format: the six songs, copied round-robin."""
    folder = OUT / "audio" / ext
    folder.mkdir(parents=True, exist_ok=True)
    originals = []
    for i, (tonic, mode, timbre, bpm) in enumerate(SONGS):
        path = folder / f"song{i}.{ext}"
        if not path.exists():
            synth.write(path, song(tonic, mode, timbre, bpm), sr=44100)
        originals.append(path)
    paths = []
    for i in range(n):
        p = folder / f"copy{i:04d}.{ext}"
        if not p.exists():
            shutil.copyfile(originals[i % len(originals)], p)
        paths.append(p)
    return paths


def per_track(paths: list) -> tuple:
    """Median CPU ms of decoding and of measuring, in this process, on one thread as a
    job worker runs (numpy's BLAS would otherwise take both cores for its matrix products)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    extract_features(decode(paths[0]))  # imports, numba
    dec, feat = [], []
    for p in paths:
        t = time.process_time()
        audio = decode(p)
        dec.append(time.process_time() - t)
        t = time.process_time()
        extract_features(audio)
        feat.append(time.process_time() - t)
    return statistics.median(dec) * 1000, statistics.median(feat) * 1000


def through_job(paths: list, workers: int, nice: int) -> tuple:
    """(tracks/s once the workers are up, with their start, workers' CPU s in all, failures).

    The CPU time comes from the finished workers' rusage: unlike wall time it
    hardly depends on what else shares the cores.
    """
    import resource

    stamps, failed = [], []

    def on_batch(batch):
        failed.extend(r for _, f, r in batch if f is None)

    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    analyze_items(list(enumerate(paths)), on_batch, workers=workers, batch_size=8, nice=nice,
                  progress=lambda done, total, msg: done and stamps.append(time.monotonic()))
    total = len(paths) / (time.monotonic() - start)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    k = 2 * workers  # the first results come while workers are still warming up
    steady = (len(stamps) - 1 - k) / (stamps[-1] - stamps[k]) if len(stamps) > k + 2 else 0.0
    return steady, total, cpu, failed


def bench_dsp(args) -> None:
    for ext in ("mp3", "flac"):
        paths = library(args.tracks, ext)
        size = statistics.mean(p.stat().st_size for p in paths[:len(SONGS)]) / 1e6
        dec, feat = per_track(paths[:12])
        print(f"{ext:>4} ({size:.1f} MB, {SONG_S // 60} min): one core: decode {dec:5.1f} ms + "
              f"features {feat:5.1f} ms = {1000 / (dec + feat):5.1f} tracks/s per core")
        for w in sorted({args.workers, default_workers()}):
            # CPU a track once warm: a run of w tracks (start-up + w tracks) is subtracted.
            start_cpu = through_job(paths[:w], w, args.nice)[2]
            steady, total, cpu, failed = through_job(paths, w, args.nice)
            per = (cpu - start_cpu) / (len(paths) - w) * 1000
            print(f"     job runner, {w} worker(s): {steady:5.1f} tracks/s steady, {total:5.1f} "
                  f"with start-up ({len(paths)} tracks, {len(failed)} failed); worker start "
                  f"{start_cpu / w:.1f} s CPU each; {per:5.1f} ms CPU a track -> "
                  f"{w * 1000 / per:5.1f} tracks/s on {w} idle core(s), 10,000 tracks in "
                  f"{10000 * per / w / 60000:5.1f} min")
            report_dsp(ext, w, steady, w * 1000 / per)


def report_dsp(ext: str, workers: int, steady: float, projected: float) -> None:
    """The target is for two idle cores, so only the two-worker figure is held to it.
    A figure <= 0 was not measurable (too few tracks past the workers' start): left out."""
    if steady > 0:
        report(f"{ext}: job runner, {workers} worker(s), wall clock", steady, "tracks/s",
               echo=False)
    if projected > 0:
        target = ">= 15 tracks/s on 2 cores" if workers == 2 else None
        report(f"{ext}: job runner, {workers} worker(s), from CPU time on idle cores",
               projected, "tracks/s", target=target, ok=projected >= 15 if target else None,
               echo=False)


def bench_clap(args) -> None:
    """In this process, with torch on ``--torch-threads`` threads (1: per-core numbers)."""
    import torch

    torch.set_num_threads(args.torch_threads)
    from moodplayer.engine.audio.clap import ClapReader
    from moodplayer.engine.audio.clap_folder import LARGER_CLAP_MUSIC_CONFIG, build_clap
    from moodplayer.engine.emotions.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    paths = library(max(6, min(args.tracks, 12)), "mp3")
    configs = [("tiny CLAP", None, 3)]
    if args.full_clap:
        full = "full-size CLAP (larger_clap_music shape, random weights)"
        configs += [(full, LARGER_CLAP_MUSIC_CONFIG, 3), (full, LARGER_CLAP_MUSIC_CONFIG, 1)]
    for label, cfg, excerpts in configs:
        model, processor = build_clap(cfg, taxonomy)
        params = sum(p.numel() for p in model.parameters()) / 1e6
        reader = ClapReader(model, processor, taxonomy, excerpts=excerpts)
        reader.read(paths[0])
        times = []
        for p in paths[1:6]:
            t = time.perf_counter()
            reader.read(p)
            times.append(time.perf_counter() - t)
        rate = reader.sample_rate
        dec = timed(lambda: decode(paths[1], sample_rate=rate, excerpts=excerpts, excerpt_s=10.0))
        ms = statistics.median(times) * 1000
        print(f"{label}: {params:.1f} M parameters, {torch.get_num_threads()} torch thread(s): "
              f"{ms:6.0f} ms a track ({excerpts} x 10 s; decoding at 48 kHz {dec * 1000:4.0f} ms) "
              f"= {1000 / ms:5.2f} tracks/s; 10,000 tracks in {ms * 10 / 60:5.0f} min")
        report(f"{label}, {excerpts} excerpt(s), {torch.get_num_threads()} thread(s)", ms,
               "ms/track", echo=False)


def compare_essentia(paths: list) -> None:
    """Ours against essentia on the tests' material: accuracy, then speed on the same PCM."""
    try:
        import essentia
        import essentia.standard as es
        import soxr
    except ImportError:
        print("essentia is not importable: comparison skipped")
        return
    from tests.engine.audio.test_features import TEMPI, _pieces
    from tests.engine.audio.conftest import as_audio

    from moodplayer.engine.audio.key import NOTE_NAMES

    essentia.log.infoActive = essentia.log.warningActive = False
    ours_sr, sr = 22050, 44100  # essentia's rhythm extractor assumes 44.1 kHz
    tempo = {"ours": 0, "essentia": 0}
    for bpm in TEMPI:
        for make in (synth.click_track, synth.drum_track):
            x = make(bpm, 20, sr=sr)
            theirs = es.RhythmExtractor2013(method="multifeature")(x)[0]
            tempo["essentia"] += abs(theirs / bpm - 1) <= .02
            ours = extract_features(as_audio(soxr.resample(x, sr, ours_sr), ours_sr)).tempo_bpm
            tempo["ours"] += abs(ours / bpm - 1) <= .02
    key = {"ours": [0, 0], "essentia": [0, 0]}
    for tonic, mode, x in _pieces():
        f = extract_features(as_audio(x, ours_sr))
        k, scale, _ = es.KeyExtractor(sampleRate=ours_sr)(x.astype(np.float32))
        for name, (kk, mm) in (("ours", (f.key, f.mode)), ("essentia", (k, scale))):
            key[name][0] += mm == mode
            key[name][1] += mm == mode and _pc(kk) == _pc(NOTE_NAMES[tonic])
    for name in ("ours", "essentia"):
        print(f"{name:>8}: tempo {tempo[name]}/8 within 2 %, mode {key[name][0]}/20, "
              f"key {key[name][1]}/20")
    tone = np.stack([synth.sine(997, 12, -23, sr)] * 2, axis=1)
    lufs = es.LoudnessEBUR128(sampleRate=sr)(tone)[2]
    print(f"essentia: stereo 997 Hz at -23 dBFS reads {lufs:.2f} LUFS (standard: -23.0)")
    audio = decode(paths[0])
    x44 = np.repeat(audio.mono, 2).astype(np.float32)  # same excerpts, at essentia's rate
    ess = timed(lambda: (es.RhythmExtractor2013(method="degara")(x44), es.KeyExtractor()(x44),
                         es.LoudnessEBUR128(sampleRate=sr)(np.stack([x44, x44], 1))))
    ours = timed(lambda: extract_features(audio))
    print(f"speed on 45 s of excerpts: ours {ours * 1000:.0f} ms (all features), essentia "
          f"{ess * 1000:.0f} ms (tempo 'degara', key, loudness only)")


def _pc(name: str) -> int:
    flats = {"Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#"}
    return synth.NOTE_NAMES.index(flats.get(name, name))


def timed(fn, repeat: int = 3) -> float:
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tracks", type=int, default=40)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-clap", action="store_true")
    ap.add_argument("--full-clap", action="store_true", help="also the HTSAT-base size")
    ap.add_argument("--torch-threads", type=int, default=1)
    ap.add_argument("--nice", type=int, default=0,
                    help="workers' niceness (the app uses 10; 0 measures capacity)")
    ap.add_argument("--compare-essentia", action="store_true")
    args = ap.parse_args()
    print(f"before: {load()}")
    bench_dsp(args)
    if not args.no_clap:
        bench_clap(args)
    if args.compare_essentia:
        compare_essentia(library(len(SONGS), "mp3"))
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
