"""Synthesised music with known ground truth: tempo, key, mode, loudness.

Everything is made with numpy here and written with soundfile (WAV, FLAC
and MP3 through the libsndfile in its wheel), so the tests need no network
and no recordings. The sounds are deliberately not toy sines: the chords
have harmonics (which put energy on other pitch classes, as real
instruments do), the drums have noise, and the timbres differ, so the
analysis has to cope with the things that make real music hard.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SR = 44100
NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")

# Chord progressions as (root degree in semitones above the tonic, quality).
# Minor ones use the harmonic-minor V (major), which is what marks a minor
# key in tonal music; without it i-VI-III-VII is its relative major in disguise.
MAJOR_PROGRESSIONS = (
    [(0, "maj"), (5, "maj"), (7, "maj"), (0, "maj")],  # I IV V I
    [(0, "maj"), (9, "min"), (5, "maj"), (7, "maj")],  # I vi IV V
    [(0, "maj"), (7, "maj"), (9, "min"), (5, "maj")],  # I V vi IV
    [(0, "maj"), (2, "min"), (7, "maj"), (0, "maj")],  # I ii V I
)
MINOR_PROGRESSIONS = (
    [(0, "min"), (5, "min"), (7, "maj"), (0, "min")],  # i iv V i
    [(0, "min"), (8, "maj"), (5, "min"), (7, "maj")],  # i VI iv V
    [(0, "min"), (5, "min"), (0, "min"), (7, "maj")],  # i iv i V
    [(0, "min"), (10, "maj"), (8, "maj"), (7, "maj")],  # i VII VI V (Andalusian)
)
TRIADS = {"maj": (0, 4, 7), "min": (0, 3, 7)}
TIMBRES = ("organ", "saw", "piano", "square", "pad")


def midi_hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def _tone(hz: float, seconds: float, timbre: str, rng, sr: int = SR) -> np.ndarray:
    """One note of a timbre: its partials, their balance and their envelope."""
    t = np.arange(int(seconds * sr)) / sr
    if timbre == "organ":
        partials = [(n, 1.0 / n) for n in (1, 2, 3, 4, 6)]
    elif timbre == "saw":
        partials = [(n, 1.0 / n) for n in range(1, 16)]
    elif timbre == "square":
        partials = [(n, 1.0 / n) for n in range(1, 16, 2)]
    elif timbre == "piano":  # slightly stretched partials, upper ones fade faster
        partials = [(n * (1 + 0.0004 * n * n), 0.9 ** n) for n in range(1, 10)]
    else:  # pad: two detuned saw-ish voices
        partials = [(n * d, 0.6 / n) for n in range(1, 8) for d in (1.0, 1.004)]
    out = np.zeros_like(t)
    for mult, amp in partials:
        f = hz * mult
        if f < sr / 2 - 500:
            decay = np.exp(-t * (1.5 + 0.6 * mult)) if timbre == "piano" else 1.0
            out += amp * decay * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
    attack = 0.25 if timbre == "pad" else 0.01
    env = np.minimum(1.0, t / attack) * np.minimum(1.0, (seconds - t) / 0.05)
    return out * np.clip(env, 0, 1)


def chord_piece(tonic: int, mode: str, timbre: str, seed: int = 0, seconds: float = 24.0,
                chord_s: float = 1.5, sr: int = SR) -> np.ndarray:
    """A progression in ``tonic`` (0 = C) ``mode`` ('major'/'minor'), bass under the triads."""
    rng = np.random.default_rng(seed)
    progs = MAJOR_PROGRESSIONS if mode == "major" else MINOR_PROGRESSIONS
    prog = progs[seed % len(progs)]
    out = np.zeros(int(seconds * sr))
    step = int(chord_s * sr)
    chords = {}  # a progression repeats: synthesise each chord once
    for i, start in enumerate(range(0, len(out) - step + 1, step)):
        root, quality = prog[i % len(prog)]
        if (root, quality) not in chords:
            base = 48 + tonic + root  # triad around C3-B3, bass an octave lower
            notes = [base + iv for iv in TRIADS[quality]] + [base - 12]
            chords[root, quality] = sum(0.25 * _tone(midi_hz(n), chord_s, timbre, rng, sr)
                                        for n in notes)[:step]
        out[start:start + step] += chords[root, quality]
    return normalise(out, -18.0)


def _kick(sr: int) -> np.ndarray:
    t = np.arange(int(0.25 * sr)) / sr
    freq = 50 + 80 * np.exp(-t * 30)  # the pitch sweep that makes a kick a kick
    return np.sin(2 * np.pi * np.cumsum(freq) / sr) * np.exp(-t * 14)


def _noise_hit(seconds: float, decay: float, rng, sr: int, highpass: bool = False) -> np.ndarray:
    n = rng.standard_normal(int(seconds * sr))
    if highpass:
        n = np.diff(n, prepend=0.0)  # crude brightening: hats sit above 5 kHz
    return n * np.exp(-np.arange(len(n)) / sr * decay)


def click_track(bpm: float, seconds: float = 20.0, sr: int = SR) -> np.ndarray:
    """A metronome: a short click per beat, louder on the first of every four."""
    out = np.zeros(int(seconds * sr))
    t = np.arange(int(0.02 * sr)) / sr
    click = np.sin(2 * np.pi * 1500 * t) * np.exp(-t * 300)
    for i, pos in enumerate(np.arange(0, seconds - 0.05, 60.0 / bpm)):
        s = int(pos * sr)
        out[s:s + len(click)] += click * (1.0 if i % 4 == 0 else 0.6)
    return normalise(out, -16.0)


def drum_track(bpm: float, seconds: float = 20.0, sr: int = SR, seed: int = 0,
               hats: bool = True) -> np.ndarray:
    """Rock beat: kick on 1 and 3, snare on 2 and 4, closed hi-hat on every eighth."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(seconds * sr) + sr)
    beat = 60.0 / bpm
    kick = _kick(sr)
    for i, pos in enumerate(np.arange(0, seconds, beat)):
        s = int(pos * sr)
        if i % 2 == 0:
            out[s:s + len(kick)] += kick
        else:
            snare = _noise_hit(0.18, 25, rng, sr) * 0.5
            out[s:s + len(snare)] += snare
        if hats:
            for half in (0.0, 0.5):
                h = int((pos + half * beat) * sr)
                hat = _noise_hit(0.05, 80, rng, sr, highpass=True) * 0.15
                out[h:h + len(hat)] += hat
    return normalise(out[:int(seconds * sr)], -14.0)


def sine(hz: float, seconds: float, peak_dbfs: float, sr: int = SR) -> np.ndarray:
    """A sine whose peak is ``peak_dbfs`` (so -20 dBFS means amplitude 0.1)."""
    t = np.arange(int(seconds * sr)) / sr
    return (10 ** (peak_dbfs / 20) * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def normalise(x: np.ndarray, rms_dbfs: float) -> np.ndarray:
    """Scale to an RMS level (a rough loudness), never past full scale."""
    rms = float(np.sqrt(np.mean(x ** 2))) or 1.0
    y = x * (10 ** (rms_dbfs / 20) / rms)
    peak = float(np.max(np.abs(y))) or 1.0
    return (y / max(1.0, peak / 0.99)).astype(np.float32)


def master(x: np.ndarray, rms_dbfs: float) -> np.ndarray:
    """Loud modern mastering in miniature: soft-clip the peaks, then raise the level.

    Plain gain cannot make drums loud (their peaks hit full scale first);
    a limiter can, which is how real records reach -8 LUFS.
    """
    y = normalise(x, -20.0)
    for _ in range(6):
        y = np.tanh(2.0 * y / 0.99) * 0.99 / np.tanh(2.0)
        y = normalise(y, rms_dbfs)
    return y


def lowpass(x: np.ndarray, hz: float, sr: int = SR) -> np.ndarray:
    """A gentle one-pole low-pass, run twice: a dark, muffled version of the sound."""
    a = np.exp(-2 * np.pi * hz / sr)
    from scipy.signal import lfilter

    y = lfilter([1 - a], [1, -a], x)
    return lfilter([1 - a], [1, -a], y).astype(np.float32)


def write(path: Path, audio: np.ndarray, sr: int = SR) -> Path:
    """WAV, FLAC or MP3 by the suffix; stereo when ``audio`` is [n, 2]."""
    import soundfile as sf

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = {".wav": ("WAV", "PCM_16"), ".flac": ("FLAC", "PCM_16"),
           ".mp3": ("MP3", "MPEG_LAYER_III")}[path.suffix.lower()]
    sf.write(str(path), np.asarray(audio, dtype=np.float32), sr, format=fmt[0], subtype=fmt[1])
    return path
