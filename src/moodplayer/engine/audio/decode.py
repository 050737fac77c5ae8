"""Decode a representative part of a track's (or a video's) sound to PCM.

What is read: up to ``EXCERPTS`` excerpts of ``EXCERPT_S`` seconds spread
over the middle of the file (intros and fade-outs say little about a
song's mood), each starting at its first sound, so a silent gap before a
hidden track or a quiet lead-in is skipped. Files up to ``WHOLE_FILE_S``
long are read from their first sound in one piece.

Why PyAV (FFmpeg's libraries in-process) and not the ``ffmpeg`` command that
library/video.py runs for keyframes: measured on the 2-core dev machine,
starting Debian's ffmpeg costs 80-150 ms before it decodes anything (it
links 215 shared libraries), and probe + decode is two such starts: more
than the whole per-track budget (15 tracks/s on 2 cores is 133 ms of CPU a
track). PyAV opens a file in under a millisecond and decodes three 15 s
excerpts of a 4-minute 192 kb/s MP3 to 22.05 kHz in ~75 ms of CPU (FLAC
~45 ms), with FFmpeg's own decoders, so every container and codec a
library holds, video soundtracks included, reads the same way. The price
of decoding in-process is that a decoder stuck inside C cannot be stopped
from Python: this module checks a deadline between frames and caps how
much it reads, and the hard limit is job.py's, which kills a worker
process that runs over. Resampling and down-mixing are FFmpeg's (swr),
which also folds 5.1 film soundtracks to stereo with the standard matrix.

Channels are kept (mono stays mono, stereo stays stereo) because loudness
per ITU-R BS.1770 sums the channels' powers: a mono down-mix would read a
wide stereo mix up to 3 LU too quiet.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from .errors import AudioError

SAMPLE_RATE = 22050  # plenty for tempo, key and brightness; half the work of 44.1 kHz
EXCERPTS = 3
EXCERPT_S = 15.0
WHOLE_FILE_S = 60.0  # shorter files are read in one piece from the start
MIN_SOUND_S = 3.0  # less sound than this tells nothing about a mood
MAX_DURATION_S = 4 * 3600.0  # longer: a radio recording or a loop, not a track or a film
MAX_SILENCE_SKIP_S = 20.0  # per excerpt: how far we look past silence for the first sound
SILENCE_DBFS = -60.0
DEADLINE_S = 30.0  # soft, checked between frames; job.py enforces a hard one
MAX_BAD_PACKETS = 32
PROBE_BYTES = 5_000_000  # how far FFmpeg may read to find the streams
DRM_TAGS = {"drms", "drmi", "drac", "enca", "encv"}  # FairPlay and encrypted MP4 entries


@dataclass
class Audio:
    """Decoded excerpts, back to back, with where each came from."""

    samples: np.ndarray  # float32 [channels, n], channels 1 or 2
    sample_rate: int
    excerpts: list = field(default_factory=list)  # [(start_s in the file, length_s)]
    duration: Optional[float] = None  # of the whole file, when the container says
    codec: str = ""

    @property
    def mono(self) -> np.ndarray:
        return self.samples.mean(axis=0) if self.samples.shape[0] > 1 else self.samples[0]

    @property
    def seconds(self) -> float:
        return self.samples.shape[1] / self.sample_rate

    def bounds(self) -> list:
        """Sample index where each excerpt starts in ``samples`` (joins to stay away from)."""
        out, pos = [], 0
        for _, length in self.excerpts:
            out.append(pos)
            pos += int(round(length * self.sample_rate))
        return out


@dataclass
class _Read:
    chunks: list
    samples: int = 0
    end_time: float = 0.0  # file time of the last decoded frame's end
    hit_eof: bool = False
    seek_failed: bool = False
    rate: int = 0  # of the chunks: the analysis rate, or the file's own (see _read)
    skip: int = 0  # samples still to drop: the part of the first frame before the target
    silence_s: float = 0.0  # skipped before the first sound


def check_file(path) -> int:
    """The file's size, or AudioError when it is no regular, non-empty file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise AudioError(path, "the file is missing") from None
    except OSError as exc:
        raise AudioError(path, f"the file cannot be read ({exc.strerror})") from None
    if stat.S_ISFIFO(st.st_mode):  # opening one would wait forever for a writer
        raise AudioError(path, "it is a named pipe, not a file")
    if stat.S_ISDIR(st.st_mode):
        raise AudioError(path, "it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise AudioError(path, "it is a device or socket, not a file")
    if st.st_size == 0:
        raise AudioError(path, "the file is empty (0 bytes)")
    return st.st_size


def _open(path):
    import av

    try:
        return av.open(str(path), metadata_errors="ignore",
                       options={"probesize": str(PROBE_BYTES), "analyzeduration": "5000000"})
    except av.error.FFmpegError as exc:
        raise AudioError(path, "it is not an audio or video file the decoder recognises "
                               f"({_ffmpeg_words(exc)})") from None


def _ffmpeg_words(exc) -> str:
    return (getattr(exc, "strerror", None) or str(exc)).strip().rstrip(".").lower()


def _audio_stream(container, path):
    streams = list(container.streams.audio)
    if not streams:
        raise AudioError(path, "it has no sound (no audio stream in the file)")
    stream = streams[0]
    ctx = stream.codec_context
    tag = (getattr(ctx, "codec_tag", "") or "").strip().lower() if ctx is not None else ""
    if tag in DRM_TAGS:
        raise AudioError(path, f"its sound is protected by DRM (copy protection '{tag}'), "
                               "so it cannot be decoded")
    if ctx is None or not getattr(ctx, "name", None) or not stream.channels:
        raise AudioError(path, f"its sound uses a codec this decoder lacks ('{tag or 'unknown'}')")
    return stream


def _duration(container, stream) -> Optional[float]:
    if stream.duration and stream.time_base:
        d = float(stream.duration * stream.time_base)
    elif container.duration:
        d = container.duration / 1_000_000  # AV_TIME_BASE microseconds
    else:
        return None
    return d if d > 0 else None


def plan_excerpts(duration: Optional[float], count: int = EXCERPTS,
                  excerpt_s: float = EXCERPT_S) -> list:
    """Start times of the excerpts; [0.0] means 'read from the start in one piece'."""
    if duration is None or duration <= WHOLE_FILE_S or count < 1:
        return [0.0]
    # Centres spread over 10%..90% of the track: past the intro, before the outro.
    centres = [duration * (0.1 + 0.8 * (i + 0.5) / count) for i in range(count)]
    return [max(0.0, min(duration - excerpt_s, c - excerpt_s / 2)) for c in centres]


def _read(container, stream, start: float, need_s: float, sr: int, deadline: float,
          path, max_silence_s: float = MAX_SILENCE_SKIP_S) -> _Read:
    """Decode from ``start`` until ``need_s`` seconds of sound, EOF, or too much silence."""
    import av

    if start > 0:
        try:
            container.seek(int(start / stream.time_base), stream=stream)
        except av.error.FFmpegError:
            return _Read([], seek_failed=True)
    # swr converts the format and folds the channels. Resampling too costs swr ~15 us a
    # call, which for MP3's or AAC's small frames (~1,700 per 45 s) adds up to more than
    # resampling each excerpt once with soxr afterwards (_to_rate); for FLAC's large
    # frames it is the other way round. Measured per 45 s: MP3 76 -> 64 ms, FLAC 56 ms.
    layout = "mono" if stream.channels == 1 else "stereo"
    threshold = 10 ** (SILENCE_DBFS / 20)
    read, resampler, bad = _Read([]), None, 0
    try:
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.error.FFmpegError:
                bad += 1
                if bad > MAX_BAD_PACKETS:
                    raise AudioError(path, f"its audio data is damaged (over {MAX_BAD_PACKETS} "
                                           f"unreadable packets near {start:.0f} s)") from None
                continue
            for frame in frames:
                if frame.time is not None:
                    read.end_time = frame.time + frame.samples / frame.sample_rate
                    if read.end_time < start:
                        continue  # seeking lands before the target (or on the last frame)
                if resampler is None:
                    read.rate = sr if frame.samples >= 4096 else frame.sample_rate
                    resampler = av.AudioResampler(format="fltp", layout=layout, rate=read.rate)
                    if frame.time is not None and frame.time < start:  # the seek's frame
                        read.skip = int((start - frame.time) * read.rate)  # began earlier
                for out in resampler.resample(frame):
                    _keep(read, out.to_ndarray(), threshold)
            if read.samples >= need_s * (read.rate or sr) or read.silence_s > max_silence_s:
                return read
            if time.monotonic() > deadline:
                raise AudioError(path, f"decoding took longer than {DEADLINE_S:.0f} s (the file "
                                       "may be damaged or on a very slow drive)")
    except av.error.FFmpegError as exc:  # demuxing itself broke: keep what was read
        if not read.samples:
            raise AudioError(path, f"its audio data is damaged ({_ffmpeg_words(exc)})") from None
    read.hit_eof = True
    return read


def _keep(read: _Read, pcm: np.ndarray, threshold: float) -> None:
    """Append a [channels, n] block, dropping what comes before the first sound."""
    if read.skip:
        dropped = min(read.skip, pcm.shape[1])
        pcm, read.skip = pcm[:, dropped:], read.skip - dropped
    if not read.samples:
        loud = np.flatnonzero(np.abs(pcm).max(axis=0) > threshold)
        if loud.size == 0:
            read.silence_s += pcm.shape[1] / read.rate
            return
        read.silence_s += loud[0] / read.rate
        pcm = pcm[:, loud[0]:]
    read.chunks.append(pcm)
    read.samples += pcm.shape[1]


def _to_rate(pcm: np.ndarray, rate: int, target: int) -> np.ndarray:
    """[channels, n] at ``rate`` to ``target`` Hz (soxr, the resampler librosa uses too)."""
    if rate == target:
        return pcm
    import soxr

    return soxr.resample(pcm.T, rate, target).T


def _check_cut_short(path, reads: list, duration: Optional[float]) -> None:
    """The container promised ``duration`` but the data ran out well before it."""
    ended = [r.end_time for r in reads if r.hit_eof]
    if duration and ended and min(ended) < 0.9 * duration - 1.0:
        raise AudioError(path, f"the file is cut short: it should last {_clock(duration)} "
                               f"but its sound stops near {_clock(min(ended))} "
                               "(truncated or damaged)")


def _too_little(path, reads: list, sr: int) -> None:
    """Explain why there is not enough sound: silent, or just too short."""
    total = sum(r.samples / (r.rate or sr) for r in reads)
    if total >= MIN_SOUND_S:
        return
    silence = sum(r.silence_s for r in reads)
    if total == 0 and silence > 0:
        raise AudioError(path, f"it is silent (nothing above {SILENCE_DBFS:.0f} dBFS in the "
                               f"{silence:.0f} s listened to)")
    raise AudioError(path, f"too little sound to read a mood ({total:.1f} s; at least "
                           f"{MIN_SOUND_S:.0f} s are needed)")


def _clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}" if m >= 60 else f"{m}:{s:02d}"


def _read_from_start(path, sample_rate: int, need_s: float, deadline: float) -> _Read:
    """A fresh open, read from the top: for files whose seeking failed."""
    with _open(path) as container:
        return _read(container, _audio_stream(container, path), 0.0, need_s, sample_rate,
                     deadline, path, WHOLE_FILE_S)


def decode(path, sample_rate: int = SAMPLE_RATE, excerpts: int = EXCERPTS,
           excerpt_s: float = EXCERPT_S) -> Audio:
    """Excerpts of a music file's or video's sound as float32 PCM at ``sample_rate``.

    Raises AudioError with a plain reason for anything that is not usable sound.
    """
    deadline = time.monotonic() + DEADLINE_S
    check_file(path)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        duration = _duration(container, stream)
        if duration and duration > MAX_DURATION_S:
            raise AudioError(path, f"it lasts {duration / 3600:.1f} hours, past the "
                                   f"{MAX_DURATION_S / 3600:.0f}-hour limit for analysis "
                                   "(a long mix or a recording left running)")
        starts = plan_excerpts(duration, excerpts, excerpt_s)
        need = excerpt_s if len(starts) > 1 else excerpts * excerpt_s
        # A short file may open with a long silence: look through all of it.
        quiet = MAX_SILENCE_SKIP_S if len(starts) > 1 else WHOLE_FILE_S
        reads = [_read(container, stream, s, need, sample_rate, deadline, path, quiet)
                 for s in starts]
        if any(r.seek_failed for r in reads):  # a file that cannot seek: read it from the start
            starts, need = [0.0], excerpts * excerpt_s
            reads = [_read_from_start(path, sample_rate, need, deadline)]
        _check_cut_short(path, reads, duration)
        _too_little(path, reads, sample_rate)
        codec = stream.codec_context.name
    kept = [(s, r) for s, r in zip(starts, reads) if r.samples]
    parts = [_to_rate(np.concatenate(r.chunks, axis=1)[:, :int(need * r.rate)], r.rate,
                      sample_rate) for _, r in kept]
    samples = np.ascontiguousarray(np.concatenate(parts, axis=1), dtype=np.float32)
    spans = [(round(s + r.silence_s, 3), p.shape[1] / sample_rate)
             for (s, r), p in zip(kept, parts)]
    return Audio(samples, sample_rate, spans, duration, codec)
