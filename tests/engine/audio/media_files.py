"""Test files that are not plain music: videos, MP4 audio, DRM, broken and odd files.

Made with PyAV (the decoder the app uses also encodes) and plain bytes, so
nothing here needs the ffmpeg command or the network.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np


def _encode_audio(container, stream, pcm: np.ndarray, sr: int, layout: str) -> None:
    import av

    n = 1024
    for s in range(0, pcm.shape[1] - n + 1, n):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm[:, s:s + n]), format="fltp",
                                           layout=layout)
        frame.sample_rate, frame.pts = sr, s
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def write_video(path: Path, pcm=None, sr: int = 22050, seconds: int = 4) -> Path:
    """An MP4 with a small MPEG-4 picture and, when ``pcm`` [2, n] is given, an AAC soundtrack."""
    import av

    path = Path(path)
    with av.open(str(path), "w") as c:
        video = c.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = None
        if pcm is not None:
            audio = c.add_stream("aac", rate=sr)
            audio.layout = "stereo"
            seconds = int(pcm.shape[1] / sr)
        for i in range(seconds * 10):
            img = np.full((48, 64, 3), (i * 5) % 255, np.uint8)
            for packet in video.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(packet)
        for packet in video.encode(None):
            c.mux(packet)
        if audio is not None:
            _encode_audio(c, audio, np.asarray(pcm, np.float32), sr, "stereo")
    return path


def write_m4a(path: Path, mono: np.ndarray, sr: int = 22050) -> Path:
    import av

    with av.open(str(path), "w", format="mp4") as c:
        stream = c.add_stream("aac", rate=sr)
        stream.layout = "mono"
        _encode_audio(c, stream, np.asarray(mono, np.float32)[None], sr, "mono")
    return Path(path)


def write_drm_m4a(path: Path, mono: np.ndarray, sr: int = 22050) -> Path:
    """An M4A whose sample entry says 'drms', as iTunes FairPlay purchases do.

    The audio itself is not encrypted (we cannot make real FairPlay), but the
    entry is what a player sees first, and all the decoder can go by.
    """
    write_m4a(path, mono, sr)
    data = Path(path).read_bytes()
    entry = data.index(b"mp4a", data.index(b"stsd"))
    Path(path).write_bytes(data[:entry] + b"drms" + data[entry + 4:])
    return Path(path)


def write_sparse_wav(path: Path, hours: float, rate: int = 8000) -> Path:
    """A WAV header promising ``hours`` of 8-bit mono, the data left as a sparse hole."""
    data_bytes = int(hours * 3600 * rate)
    header = b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, rate, rate, 1, 8) + b"data" + struct.pack("<I", data_bytes)
    with open(path, "wb") as f:
        f.write(header)
        f.truncate(len(header) + data_bytes)  # no disk used: the zeros are a hole
    return Path(path)


def write_truncated(src: Path, dst: Path, keep: float) -> Path:
    """The first ``keep`` fraction of ``src``'s bytes: an interrupted download."""
    data = Path(src).read_bytes()
    Path(dst).write_bytes(data[:int(len(data) * keep)])
    return Path(dst)


def write_jpeg(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (32, 32), (200, 40, 40)).save(path, "JPEG")
    return Path(path)


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return Path(path)
