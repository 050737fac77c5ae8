"""Shared helpers for the audio tests: PCM wrapped as decoded Audio, a file folder."""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest

# librosa's numba kernels take ~18 s of CPU to compile on a fresh machine. Job workers
# keep them in the app's cache folder, which is new for every test (MOODPLAYER_HOME);
# one folder for this process and every worker, set before numba is imported, keeps
# that to once per machine.
os.environ.setdefault("NUMBA_CACHE_DIR",
                      os.path.join(tempfile.gettempdir(), "moodplayer-test-numba-cache"))

ANALYSIS_SR = 22050  # the rate decode.py hands to the features: synthesise at it directly


def as_audio(x, sr: int = ANALYSIS_SR):
    """PCM ([n] mono or [channels, n]) as if decode.py had read it as one excerpt."""
    from moodplayer.engine.audio.decode import Audio

    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    return Audio(x, sr, [(0.0, x.shape[1] / sr)], x.shape[1] / sr, "pcm")


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("audio-media")

