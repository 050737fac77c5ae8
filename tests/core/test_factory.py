"""One factory for the emotion reader, used by every front-end."""

import pytest


def test_reader_and_what_it_says_about_itself(settings):
    from moodplayer.core.factory import load_reader

    reader, info = load_reader(settings)
    assert reader.taxonomy is info.taxonomy and len(info.taxonomy) == 8
    assert info.device == "cpu" and info.adapter is None and info.head_name == "zero-shot"


def test_a_broken_adapter_is_refused_or_reported(settings, tmp_path):
    from moodplayer.core.factory import load_reader
    from moodplayer.engine.emotions.extractor import ZeroShotHead

    bad = tmp_path / "broken.safetensors"
    bad.write_bytes(b"not an adapter")
    settings.adapter = str(bad)
    with pytest.raises(Exception):
        load_reader(settings)  # the CLI: the user asked for it
    reader, info = load_reader(settings, strict_adapter=False)  # the window: keep going
    assert isinstance(reader.head, ZeroShotHead)
    assert info.adapter is None and "adapter not loaded" in info.adapter_problem


def test_a_model_not_downloaded_says_so_and_whether_the_hub_is_reachable(settings):
    from moodplayer.core.factory import load_backbone
    from moodplayer.engine.errors import ModelNotAvailable

    settings.model = "ViT-B-32:laion2b_s34b_b79k"  # never downloaded in a test home
    with pytest.raises(ModelNotAvailable) as err:
        load_backbone(settings, check_online=True)
    assert err.value.online is False  # this machine cannot reach the hub
