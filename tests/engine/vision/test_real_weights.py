"""Checks that only mean something with real CLIP weights.

Skipped unless MOODPLAYER_TEST_MODEL_DIR names a model folder in open_clip's
layout (e.g. a downloaded hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K).
"""

import os

import pytest

from moodplayer.engine import paths

MODEL_DIR = os.environ.get("MOODPLAYER_TEST_MODEL_DIR")
pytestmark = [
    pytest.mark.real_weights,
    pytest.mark.skipif(not MODEL_DIR, reason="set MOODPLAYER_TEST_MODEL_DIR to a real CLIP model folder"),
]


def test_sunset_sample_reads_as_pleasant(taxonomy):
    from moodplayer.engine.emotions.extractor import EmotionExtractor
    from moodplayer.engine.vision.model import load_model

    model = load_model(f"local-dir:{MODEL_DIR}", "auto")
    ex = EmotionExtractor(model, taxonomy)
    result = ex.analyze_paths([paths.resources_dir() / "samples" / "sunset.jpg"]).photos[0].result
    assert result.valence > 0, result.emotions
    assert result.top[0] in {"awe", "contentment"}, result.emotions
