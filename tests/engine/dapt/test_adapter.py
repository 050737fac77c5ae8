import dataclasses
import json

import pytest
import torch

from moodplayer.engine.dapt.adapter import AdapterError, load_adapter, load_head, save_adapter
from moodplayer.engine.dapt.data import few_shot_split, load_pixels
from moodplayer.engine.dapt.trainer import TuneConfig, train
from moodplayer.engine.emotions.extractor import EmotionExtractor


@pytest.fixture(scope="module")
def trained(tiny_model, taxonomy, synthetic_set):
    train_set = few_shot_split(synthetic_set, 2, seed=1)[0]
    return train(tiny_model, taxonomy, train_set, TuneConfig(method="dapt", epochs=2), "cpu"), train_set


def test_round_trip_gives_identical_predictions(tmp_path, tiny_model, taxonomy, trained):
    from moodplayer.engine.dapt.adapter import make_head

    result, train_set = trained
    path = save_adapter(result.adapter, tmp_path / "mine.safetensors")
    loaded = load_adapter(path)
    assert loaded.meta["taxonomy"]["fingerprint"] == taxonomy.fingerprint
    assert loaded.meta["hyperparameters"]["n_visual"] == 16 and loaded.meta["seed"] == 1
    pixels, _ = load_pixels(train_set, tiny_model.preprocess, tiny_model.image_size)
    a, b = make_head(result.adapter, tiny_model, taxonomy), load_head(path, tiny_model, taxonomy)
    assert torch.equal(a.logits(a.encode_images(pixels)), b.logits(b.encode_images(pixels)))
    # and the extractor uses it: its results differ from zero-shot
    ex = EmotionExtractor(tiny_model, taxonomy, head=b)
    zs = EmotionExtractor(tiny_model, taxonomy)
    photo = train_set.items[0].path
    assert ex.analyze_paths([photo]).ok[0].result.emotions != zs.analyze_paths([photo]).ok[0].result.emotions


def test_other_backbone_is_refused(tmp_path, taxonomy, trained, tiny_model_dir):
    from moodplayer.engine.vision.model import load_model, save_model_folder

    cfg = json.loads((tiny_model_dir / "open_clip_config.json").read_text())["model_cfg"]

    path = save_adapter(trained[0].adapter, tmp_path / "a.safetensors")
    other_dir = save_model_folder(tmp_path / "other", {**cfg, "embed_dim": 16}, seed=1)
    other = load_model(f"local-dir:{other_dir}", device="cpu", precision="fp32")
    with pytest.raises(AdapterError, match="tuned for the model"):
        load_head(path, other, taxonomy)


def test_other_taxonomy_is_refused(tmp_path, tiny_model, taxonomy, trained):
    path = save_adapter(trained[0].adapter, tmp_path / "a.safetensors")
    other = dataclasses.replace(taxonomy, id="mine", emotions=taxonomy.emotions[:4])
    with pytest.raises(AdapterError, match="taxonomy 'mikels8'"):
        load_head(path, tiny_model, other)


def test_interrupted_save_leaves_nothing(tmp_path, trained, monkeypatch):
    import safetensors.torch

    def interrupted(tensors, filename, metadata=None):
        open(filename, "wb").write(b"half an adapter")
        raise KeyboardInterrupt

    monkeypatch.setattr(safetensors.torch, "save_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_adapter(trained[0].adapter, tmp_path / "a.safetensors")
    assert list(tmp_path.iterdir()) == []


def test_unreadable_files_are_refused_in_words(tmp_path):
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not an adapter")
    with pytest.raises(AdapterError, match="not a readable adapter"):
        load_adapter(junk)
    from safetensors.torch import save_file

    save_file({"x": torch.zeros(1)}, str(tmp_path / "plain.safetensors"))
    with pytest.raises(AdapterError, match="not a MoodPlayer adapter"):
        load_adapter(tmp_path / "plain.safetensors")
    with pytest.raises(AdapterError, match="not found"):
        load_adapter(tmp_path / "missing.safetensors")


def _edited_prompt(taxonomy):
    """The same emotion list with one prompt word changed."""
    first = dataclasses.replace(taxonomy.emotions[0], words=taxonomy.emotions[0].words + ("glee",))
    return dataclasses.replace(taxonomy, emotions=(first,) + taxonomy.emotions[1:])


def test_adapter_for_an_edited_prompt_is_refused(tmp_path, tiny_model, taxonomy, trained):
    path = save_adapter(trained[0].adapter, tmp_path / "a.safetensors")
    edited = _edited_prompt(taxonomy)
    assert edited.names == taxonomy.names and edited.fingerprint != taxonomy.fingerprint
    with pytest.raises(AdapterError, match="made for an older version of the emotion list; tune again"):
        load_head(path, tiny_model, edited)
    moved = dataclasses.replace(taxonomy.emotions[0], valence=0.1)  # a valence/arousal point too
    with pytest.raises(AdapterError, match="older version of the emotion list"):
        load_head(path, tiny_model, dataclasses.replace(
            taxonomy, emotions=(moved,) + taxonomy.emotions[1:]))
    load_head(path, tiny_model, taxonomy)  # the list it was made for still loads


def _as_legacy(adapter, tmp_path, **taxonomy_meta):
    """The adapter as saved before fingerprints covered the prompts."""
    from moodplayer.engine.dapt.adapter import Adapter

    tax = {k: v for k, v in adapter.meta["taxonomy"].items()
           if k not in ("fingerprint_scheme", "fingerprint")}
    meta = {**adapter.meta, "taxonomy": {**tax, "fingerprint": "0123456789abcdef", **taxonomy_meta}}
    name = f"old-{len(list(tmp_path.iterdir()))}.safetensors"
    return save_adapter(Adapter(adapter.method, adapter.tensors, meta), tmp_path / name)


def test_adapters_saved_before_prompt_fingerprints_still_load(tmp_path, tiny_model, taxonomy,
                                                              trained):
    path = _as_legacy(trained[0].adapter, tmp_path)
    assert "fingerprint_scheme" not in load_adapter(path).meta["taxonomy"]
    load_head(path, tiny_model, taxonomy)  # same id, version and names: accepted
    load_head(path, tiny_model, _edited_prompt(taxonomy))  # prompts were not recorded then
    with pytest.raises(AdapterError, match="older version"):
        load_head(_as_legacy(trained[0].adapter, tmp_path, version=0), tiny_model, taxonomy)
    with pytest.raises(AdapterError, match="taxonomy 'mikels8'"):
        load_head(path, tiny_model, dataclasses.replace(taxonomy, emotions=taxonomy.emotions[::-1]))


def test_adapters_from_before_template_prompts_still_load(tmp_path, tiny_model, taxonomy, trained):
    """Old files hold a shared context and open visual prompts, and their
    hyper-parameters know nothing of template prompts or gates."""
    from moodplayer.engine.dapt.adapter import Adapter, make_head

    old = train(tiny_model, taxonomy, trained[1], TuneConfig(
        method="dapt", epochs=2, lr=0.01, text_prompts="shared", visual_gate=False), "cpu").adapter
    assert set(old.tensors) == {"text_ctx", "visual_ctx"}
    hyper = {k: v for k, v in old.meta["hyperparameters"].items()
             if k not in ("text_prompts", "template", "visual_gate", "crop", "views", "clip_grad",
                          "stop_epoch")}
    path = save_adapter(Adapter("dapt", old.tensors, {**old.meta, "hyperparameters": hyper}),
                        tmp_path / "old.safetensors")
    pixels, _ = load_pixels(trained[1], tiny_model.preprocess, tiny_model.image_size)
    now, then = make_head(old, tiny_model, taxonomy), load_head(path, tiny_model, taxonomy)
    assert torch.equal(now.logits(now.encode_images(pixels)), then.logits(then.encode_images(pixels)))
    assert then.learner.visual_gate is None and then.learner.text_ctx.shape[0] == 16
