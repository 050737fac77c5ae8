"""Per-file functions for the job runner's tests, imported by its worker processes.

They wrap the real analysis and add the misbehaviour a real library has
(a file whose decoder crashes the process, one that hangs), which cannot
be produced on demand with real files.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from moodplayer.engine.audio.features import analyze_file, warm_up  # noqa: F401 (warm_up: job.py)


def misbehaving(path: str):
    name = Path(path).name
    if name.startswith("crash"):
        os._exit(7)  # as a segfault in a decoder would: no exception, no goodbye
    if name.startswith("hang"):
        time.sleep(3600)
    return analyze_file(path)
