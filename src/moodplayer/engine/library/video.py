"""Video duration and a few keyframes, through the ffmpeg command-line tools.

Why ffmpeg in a subprocess: it decodes every container and codec a user's
library holds (mkv, webm, avi, old DivX...), it is already what a VLC
install relies on, and a crash or hang on a broken file stays in a child
process we can time out and kill, instead of taking the scan down. PyAV
would add a large binary wheel for the same decoder; OpenCV decodes fewer
formats. If ffmpeg/ffprobe are not installed we simply have no keyframes
(and take the duration from mutagen where it can read the container):
never an error.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from typing import Optional

from ..fsnames import display, text_safe

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 15
FRAME_TIMEOUT_S = 20
KEYFRAME_POSITIONS = (0.15, 0.5, 0.85)  # fractions of the duration: skip intros and credits
FRAME_WIDTH = 256


def _tool(name: str) -> Optional[str]:
    return shutil.which(name)


def probe(path) -> dict:
    """{'duration': float|None, 'tags': {lowercase: str}}; empty values when ffprobe is absent."""
    exe = _tool("ffprobe")
    if not exe:
        return {"duration": None, "tags": {}}
    try:
        out = subprocess.run(
            [exe, "-v", "error", "-show_entries", "format=duration:format_tags", "-of", "json",
             "--", str(path)],
            capture_output=True, timeout=PROBE_TIMEOUT_S, check=False)
        data = json.loads(out.stdout or b"{}").get("format", {})
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        log.info("ffprobe failed on %s: %s", display(path), text_safe(str(exc)))
        return {"duration": None, "tags": {}}
    try:
        duration = float(data.get("duration"))
    except (TypeError, ValueError):
        duration = None
    tags = {str(k).lower(): str(v) for k, v in (data.get("tags") or {}).items()}
    return {"duration": duration if duration and duration > 0 else None, "tags": tags}


def keyframes(path, duration: Optional[float], positions=KEYFRAME_POSITIONS) -> list:
    """JPEG bytes of a few frames spread over the video; [] when none can be had."""
    exe = _tool("ffmpeg")
    if not exe:
        return []
    times = [max(0.0, duration * p) for p in positions] if duration else [0.0]
    frames = []
    for t in times:
        # -ss before -i: a fast seek to the nearest keyframe, then decode one frame.
        cmd = [exe, "-v", "error", "-nostdin", "-ss", f"{t:.3f}", "-i", str(path),
               "-frames:v", "1", "-vf", f"scale={FRAME_WIDTH}:-2", "-f", "image2pipe",
               "-c:v", "mjpeg", "-q:v", "4", "-"]
        try:
            out = subprocess.run(cmd, capture_output=True, timeout=FRAME_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.info("ffmpeg failed on %s at %.1fs: %s", display(path), t, text_safe(str(exc)))
            continue
        if out.returncode == 0 and out.stdout.startswith(b"\xff\xd8"):
            frames.append(out.stdout)
    return frames
