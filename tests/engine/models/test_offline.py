"""The words for carrying a model to a computer without internet."""

from __future__ import annotations

from moodplayer.engine.models import carry_instructions


def test_carry_instructions_name_the_repository_the_files_and_local_dir():
    text = carry_instructions()  # the default model
    assert "https://huggingface.co/laion/CLIP-ViT-B-32-laion2B-s34B-b79K" in text
    assert "open_clip_config.json" in text and "open_clip_model.safetensors" in text
    assert "local-dir:" in text and "Use a model folder" in text
    assert "moodplayer models path ViT-B-32:laion2b_s34b_b79k" in text


def test_carry_instructions_follow_the_model_wanted():
    assert "huggingface.co/laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K" in \
        carry_instructions("ViT-L-14:datacomp_xl_s13b_b90k")
    assert "huggingface.co/someone/my-clip " in carry_instructions("hf-hub:someone/my-clip")
