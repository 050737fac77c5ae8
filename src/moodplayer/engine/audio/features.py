"""What a track sounds like, in numbers: loudness, tempo, brightness, key.

``analyze_file(path)`` decodes excerpts (decode.py) and measures them;
``extract_features(audio)`` measures PCM already decoded. The raw features
are what gets stored (``AudioFeatures.to_json``), so a better mapping to
moods (mood.py) never needs the files decoded again; ``ANALYSIS_VERSION``
changes whenever what is measured here changes, and only then.

Library choice
  librosa (ISC)     STFT, mel onset strength, autocorrelation, onset picking,
                    spectral centroid/roll-off/flatness, tuning, chroma.
  pyloudnorm (MIT)  BS.1770 K-weighting filters (gating in loudness.py).
  here              what no library we can ship offers: key profiles
                    (key.py), the tempo peak with a prior and sub-frame
                    refinement, sensory roughness (Sethares' model).
  not chosen        essentia (AGPL-3.0: a frozen MIT app bundling it would
                    have to be distributed under the AGPL; and no more
                    accurate here, and slower), madmom (its trained models are
                    CC BY-NC-SA; no wheel for Python 3.11 and its 0.16.1 sdist
                    fails to build here), aubio (GPL-3.0, last release 2019).

Measured on the tests' material and a 2-core shared dev machine (load 4-6
from other work; benchmarks/bench_audio.py --compare-essentia):
  tempo, 8 click/drum tracks at 70/100/128/150 BPM, within 2 %:
      ours 8/8 (errors -0.3..+0.6 %); essentia RhythmExtractor2013 7/8
      (150 BPM drums read 75: an octave)
  key/mode, 20 chord progressions, 5 timbres, drums under half of them:
      ours 20/20 mode, 20/20 key; essentia KeyExtractor 20/20, 20/20
  loudness, calibrated sines (40 Hz-5 kHz, mono and stereo): ours within
      0.07 LU of the value worked out from BS.1770 (0.00 at 48 kHz);
      essentia -23.00 LUFS on EBU Tech 3341's stereo case
  the same 45 s of excerpts, wall time under that load: ours 86 ms for every
      feature here, essentia 872 ms for tempo ('degara'), key and loudness
  a 4-minute MP3, one core: decode ~65 ms + features ~41 ms; through the
      job runner ~115-120 ms of worker CPU a track, i.e. ~17 tracks/s on two
      idle cores (wall time on the loaded machine: ~4.5 tracks/s)
Bundling: librosa brings numba + llvmlite (~210 MB unpacked) and
scikit-learn; numba compiles librosa's kernels once per machine (~18 s of
CPU, then ~2 s a worker start from its cache; job.py manages the cache).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Optional

import numpy as np

from . import loudness
from .decode import Audio, decode
from .key import NOTE_NAMES, estimate_key

ANALYSIS_VERSION = 1

N_FFT, HOP = 1024, 512  # 46 ms windows, 23 ms hop: half the FFT work of 2048, same results
N_MELS = 64
SHAPE_EVERY = 8  # timbre from every 8th frame (186 ms apart): medians need no 23 ms detail
CHROMA_RATE_DIVISOR = 4  # chroma and roughness at 5.5 kHz (see _low_spectrum)
LOW_N_FFT = 2048
MIN_BPM, MAX_BPM = 40.0, 240.0
PRIOR_BPM, PRIOR_OCTAVES = 120.0, 1.0  # log-normal tempo prior (Ellis 2007; librosa's too)
JOIN_FRAMES = 3  # onset frames zeroed after each excerpt join (the cut is no onset)
# Onset strength is a mean rise in dB over mel bands. Drum hits and plucked notes
# rise 5-40 dB, a soft pad ~2, a steady tone or noise stays under 1: a fixed
# threshold, so a steady drone never "has" onsets however it is normalised.
ONSET_DELTA = 1.5
ACTIVITY_REF = 2.0  # onset-strength spread (dB) from which a pulse counts fully


@dataclass
class AudioFeatures:
    """Raw, mapping-free measurements of one file's excerpts."""

    analysis_version: int = ANALYSIS_VERSION
    seconds: float = 0.0  # how much sound was analysed
    duration: Optional[float] = None  # of the whole file
    loudness_lufs: float = -70.0  # integrated, BS.1770-4
    loudness_range_lu: float = 0.0  # EBU Tech 3342
    peak_dbfs: float = -120.0  # sample peak
    tempo_bpm: float = 0.0
    beat_strength: float = 0.0  # 0..1: autocorrelation of onsets at the beat (pulse clarity)
    tempo_candidates: list = field(default_factory=list)  # [[bpm, strength], ...] best first
    onset_rate: float = 0.0  # note/drum onsets per second
    centroid_hz: float = 0.0  # brightness: the spectrum's centre of mass
    rolloff_hz: float = 0.0  # 85 % of the energy lies below this
    flatness: float = 0.0  # 0 tonal .. 1 noise-like (geometric / arithmetic mean)
    roughness: float = 0.0  # sensory dissonance of spectral peaks, 0 smooth .. ~1 harsh
    key: str = ""  # tonic, "A"
    mode: str = ""  # "major" | "minor"
    key_strength: float = 0.0  # correlation with the key profile, -1..1
    mode_strength: float = 0.0  # how much better than the best key of the other mode

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "AudioFeatures":
        """Tolerant of fields added or dropped by other versions: unknown keys are ignored."""
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def current(self) -> bool:
        """False for features measured by an older analysis: redo them when convenient."""
        return self.analysis_version == ANALYSIS_VERSION


def analyze_file(path) -> AudioFeatures:
    """Decode excerpts of ``path`` and measure them; AudioError when its sound is unusable."""
    return extract_features(decode(path))


def warm_up() -> None:
    """Import and compile everything once (job.py's workers call this before any file).

    librosa's numba kernels take ~20 s of CPU to compile the first time on a
    machine and ~1.5 s to load from numba's cache after that; paying it here
    keeps it out of the first file's time limit.
    """
    noise = np.random.default_rng(0).standard_normal((1, 3 * 22050)).astype(np.float32) * 0.1
    extract_features(Audio(noise, 22050, [(0.0, 3.0)], 3.0, "warm-up"))


def extract_features(audio: Audio) -> AudioFeatures:
    import librosa

    sr = audio.sample_rate
    starts = audio.bounds() + [audio.samples.shape[1]]
    spans = list(zip(starts[:-1], starts[1:])) or [(0, audio.samples.shape[1])]
    lufs, lra = loudness.measure(audio.samples, sr, spans)
    y = audio.mono
    spec = np.abs(librosa.stft(y, n_fft=N_FFT, hop_length=HOP))
    env = _onset_envelope(spec, sr)
    frame_spans = [(a // HOP, b // HOP) for a, b in spans]
    tempo, strength, candidates = _tempo(env, frame_spans, sr)
    low_power, low_sr = _low_spectrum(y, sr)
    key = estimate_key(_chroma(low_power, low_sr))
    centroid, rolloff, flatness = _spectral_shape(spec[:, ::SHAPE_EVERY], sr)
    return AudioFeatures(
        seconds=round(audio.seconds, 2), duration=audio.duration,
        loudness_lufs=round(lufs, 2), loudness_range_lu=round(lra, 2),
        peak_dbfs=round(float(20 * np.log10(max(np.abs(audio.samples).max(), 1e-6))), 2),
        tempo_bpm=round(tempo, 2), beat_strength=round(strength, 3),
        tempo_candidates=[[round(b, 2), round(s, 3)] for b, s in candidates],
        onset_rate=round(_onset_rate(env, frame_spans, sr), 3),
        centroid_hz=round(centroid, 1), rolloff_hz=round(rolloff, 1),
        flatness=round(flatness, 6), roughness=round(_roughness(low_power[:, ::2], low_sr), 4),
        key=NOTE_NAMES[key.tonic], mode=key.mode, key_strength=round(key.strength, 3),
        mode_strength=round(key.mode_strength, 3))


@lru_cache(maxsize=4)
def _mel_basis(sr: int) -> np.ndarray:
    import librosa

    return librosa.filters.mel(sr=sr, n_fft=N_FFT, n_mels=N_MELS).astype(np.float32)


def _onset_envelope(spec: np.ndarray, sr: int) -> np.ndarray:
    """librosa's spectral-flux onset strength on a log-mel spectrogram."""
    import librosa

    mel_db = librosa.power_to_db(_mel_basis(sr) @ (spec ** 2), ref=1.0)
    return librosa.onset.onset_strength(S=mel_db, sr=sr, hop_length=HOP)


def _excerpt_envelopes(env: np.ndarray, frame_spans: list) -> list:
    out = []
    for a, b in frame_spans:
        part = env[a:b].astype(np.float64).copy()
        part[:JOIN_FRAMES] = 0.0  # the first flux frames see the cut, not music
        if part.size > 4 * JOIN_FRAMES:
            out.append(part)
    return out or [env.astype(np.float64)]


def _tempo(env: np.ndarray, frame_spans: list, sr: int) -> tuple:
    """(bpm, beat strength, candidates) from the excerpts' mean onset autocorrelation.

    The strongest lag after a log-normal prior around 120 BPM wins (Ellis 2007);
    a parabola through the peak gives sub-frame precision, which matters:
    one 23 ms frame is 3 % of a 150 BPM beat. Beat strength is the raw
    normalised autocorrelation at that lag (pulse clarity): a click track
    reads ~0.9, an ambient drone ~0.1.
    """
    import librosa

    fps = sr / HOP
    max_lag = int(fps * 60.0 / MIN_BPM) + 2
    acs = []
    for part in _excerpt_envelopes(env, frame_spans):
        part = part - part.mean()
        ac = librosa.autocorrelate(part, max_size=max_lag)
        if ac[0] > 0:
            acs.append(np.pad(ac / ac[0], (0, max_lag - ac.size)))
    if not acs:
        return 0.0, 0.0, []
    ac = np.mean(acs, axis=0)
    # A steady tone's tiny flux wiggles autocorrelate too: scale by how much happens.
    activity = min(1.0, float(np.mean([p.std() for p in _excerpt_envelopes(env, frame_spans)]))
                   / ACTIVITY_REF)
    lags = np.arange(1, max_lag)
    bpm = 60.0 * fps / lags
    ok = (bpm >= MIN_BPM) & (bpm <= MAX_BPM)
    peaks = [i for i in range(2, max_lag - 1) if ok[i - 1]
             and ac[i] >= ac[i - 1] and ac[i] > ac[i + 1] and ac[i] > 0]
    if not peaks:
        return 0.0, 0.0, []
    prior = np.exp(-0.5 * (np.log2(60.0 * fps / np.array(peaks)) - np.log2(PRIOR_BPM)) ** 2
                   / PRIOR_OCTAVES ** 2)
    order = np.argsort(-(ac[peaks] * prior))
    candidates = [(float(60.0 * fps / _refine(ac, peaks[i])), float(ac[peaks[i]]) * activity)
                  for i in order[:3]]
    return candidates[0][0], max(0.0, candidates[0][1]), candidates


def _refine(ac: np.ndarray, i: int) -> float:
    """Sub-sample peak position from a parabola through three points."""
    a, b, c = ac[i - 1], ac[i], ac[i + 1]
    denom = a - 2 * b + c
    return i + (0.5 * (a - c) / denom if denom < 0 else 0.0)


def _onset_rate(env: np.ndarray, frame_spans: list, sr: int) -> float:
    import librosa

    count, seconds = 0, 0.0
    for part in _excerpt_envelopes(env, frame_spans):
        count += len(librosa.onset.onset_detect(onset_envelope=part, sr=sr, hop_length=HOP,
                                                normalize=False, delta=ONSET_DELTA))
        seconds += part.size * HOP / sr
    return count / seconds if seconds else 0.0


def _low_spectrum(y: np.ndarray, sr: int) -> tuple:
    """(power spectrogram, rate) of the signal at a quarter rate: 2.7 Hz bins up to 2.7 kHz.

    Fine enough to tell apart a bass note from its neighbour and two partials
    a few hertz apart, which chroma and roughness both need, at a sixteenth
    of the cost of that resolution at the full rate.
    """
    import librosa

    low_sr = sr // CHROMA_RATE_DIVISOR
    y_low = librosa.resample(y, orig_sr=sr, target_sr=low_sr, res_type="soxr_lq")
    return np.abs(librosa.stft(y_low, n_fft=LOW_N_FFT, hop_length=LOW_N_FFT // 2)) ** 2, low_sr


def _chroma(power: np.ndarray, low_sr: int) -> np.ndarray:
    """Mean chroma. The tuning (the track's offset from A = 440 Hz) is estimated
    from every third frame: a third of the cost, and a track does not retune itself."""
    import librosa

    tuning = librosa.estimate_tuning(S=power[:, ::3], sr=low_sr, n_fft=LOW_N_FFT)
    chroma = librosa.feature.chroma_stft(S=power, sr=low_sr, n_fft=LOW_N_FFT, tuning=tuning)
    return chroma.mean(axis=1)


def _spectral_shape(spec: np.ndarray, sr: int) -> tuple:
    """Median centroid, roll-off and flatness over the frames that are not near-silent."""
    import librosa

    energy = spec.sum(axis=0)
    loud = energy > energy.max() * 1e-3 if energy.size else energy
    spec = spec[:, loud] if loud.any() else spec
    centroid = librosa.feature.spectral_centroid(S=spec, sr=sr, n_fft=N_FFT)[0]
    rolloff = librosa.feature.spectral_rolloff(S=spec, sr=sr, n_fft=N_FFT, roll_percent=0.85)[0]
    flatness = librosa.feature.spectral_flatness(S=spec)[0]
    return float(np.median(centroid)), float(np.median(rolloff)), float(np.median(flatness))


def _roughness(power: np.ndarray, sr: int, peaks: int = 20) -> float:
    """Sensory dissonance of each frame's strongest spectral peaks (Sethares 1993).

    Every pair of partials closer than a critical band beats and sounds rough
    (Plomp & Levelt 1965); summed over pairs, weighted by both amplitudes and
    normalised by the frame's peak energy so that loudness does not count.
    A consonant triad of harmonic tones reads ~0.05-0.15, noise and clusters more.
    """
    if power.shape[1] == 0:
        return 0.0
    spec = np.sqrt(power)
    freqs = np.fft.rfftfreq(LOW_N_FFT, 1.0 / sr)
    is_peak = np.zeros_like(spec, dtype=bool)
    is_peak[1:-1] = (spec[1:-1] > spec[:-2]) & (spec[1:-1] >= spec[2:])
    amp = np.where(is_peak, spec, 0.0)
    top = np.argpartition(-amp, peaks, axis=0)[:peaks]  # [peaks, frames] bin indices
    a = np.take_along_axis(amp, top, axis=0)
    f = freqs[top]
    fi, fj = f[:, None, :], f[None, :, :]
    s = 0.24 / (0.021 * np.minimum(fi, fj) + 19.0)
    d = np.abs(fi - fj)
    curve = np.exp(-3.5 * s * d) - np.exp(-5.75 * s * d)
    pair = a[:, None, :] * a[None, :, :] * curve
    energy = (a ** 2).sum(axis=0)
    per_frame = np.where(energy > 0, pair.sum(axis=(0, 1)) / 2 / np.maximum(energy, 1e-12), 0.0)
    return float(np.median(per_frame[energy > energy.max() * 1e-3])) if energy.max() > 0 else 0.0
