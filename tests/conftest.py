"""Shared fixtures: a tiny CLIP in open_clip's local-folder layout, isolated app home."""

from __future__ import annotations

import json
import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never touch the network
# librosa's numba kernels take ~18 s of CPU to compile: one cache for every test
# process and audio worker of a run (and across runs) keeps that to once per machine.
os.environ.setdefault("NUMBA_CACHE_DIR",
                      os.path.join(tempfile.gettempdir(), "moodplayer-test-numba-cache"))

import pytest

# A few narrow layers: loads in well under a second, encodes in milliseconds,
# yet it is a real open_clip ViT with a real tokenizer.
TINY_MODEL_CFG = {
    "embed_dim": 32,
    "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "patch_size": 8, "head_width": 32},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    """Every test gets its own MOODPLAYER_HOME: no test sees the user's data."""
    home = tmp_path / "home"
    monkeypatch.setenv("MOODPLAYER_HOME", str(home))
    for var in ("MOODPLAYER_MODEL", "MOODPLAYER_DEVICE", "MOODPLAYER_PRECISION"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(scope="session")
def tiny_model_cfg():
    return json.loads(json.dumps(TINY_MODEL_CFG))  # a copy a test may change


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    from moodplayer.engine.vision.model import save_model_folder

    return save_model_folder(tmp_path_factory.mktemp("tiny-clip"), TINY_MODEL_CFG)


@pytest.fixture(scope="session")
def tiny_spec(tiny_model_dir):
    return f"local-dir:{tiny_model_dir}"


@pytest.fixture(scope="session")
def tiny_model(tiny_spec):
    from moodplayer.engine.vision.model import load_model

    return load_model(tiny_spec, device="cpu", precision="fp32")


@pytest.fixture(scope="session")
def taxonomy():
    from moodplayer.engine.emotions.taxonomy import load_taxonomy

    return load_taxonomy("mikels8")


@pytest.fixture(scope="session")
def extractor(tiny_model, taxonomy):
    from moodplayer.engine.emotions.extractor import EmotionExtractor

    return EmotionExtractor(tiny_model, taxonomy, batch_size=4)


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """Tagged audio and video files of every format the scanner reads (made with ffmpeg)."""
    from .engine.library.media import have_ffmpeg, make_templates

    if not have_ffmpeg():
        pytest.skip("ffmpeg is needed to generate the test media")
    return make_templates(tmp_path_factory.mktemp("media-templates"))
