"""Real media files for tests, made with ffmpeg: tagged tones and short videos."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_tone(path: Path, seconds: float = 1.0, freq: int = 440, title=None, artist=None) -> Path:
    """A real audio file (ffmpeg), tagged, so VLC and mutagen both read it."""
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
           f"sine=frequency={freq}:duration={seconds}"]
    if title:
        cmd += ["-metadata", f"title={title}"]
    if artist:
        cmd += ["-metadata", f"artist={artist}"]
    subprocess.run(cmd + [str(path)], check=True)
    return path


def make_video(path: Path, seconds: float = 1.0) -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc=size=64x48:rate=10:duration={seconds}", "-pix_fmt", "yuv420p",
                    str(path)], check=True)
    return path
