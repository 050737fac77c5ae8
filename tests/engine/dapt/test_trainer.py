"""Behaviour of the trainer on synthetic photos with the tiny model."""

import pytest
import torch
import torch.nn.functional as F

from moodplayer.engine.dapt.adapter import make_head
from moodplayer.engine.dapt.baselines import zero_shot_head
from moodplayer.engine.dapt.data import few_shot_split, load_pixels
from moodplayer.engine.dapt.evaluation import score_head
from moodplayer.engine.dapt.trainer import TuneConfig, default_epochs, lr_at, train
from moodplayer.engine.errors import Cancelled
from moodplayer.engine.tasks import CancelToken


@pytest.fixture(scope="module")
def split(synthetic_set):
    return few_shot_split(synthetic_set, 8, seed=1)


def test_paper_schedule():
    assert [default_epochs(k) for k in (1, 2, 4, 8, 16)] == [50, 100, 100, 200, 200]
    cfg = TuneConfig(epochs=11, lr=1.0).resolved()
    assert lr_at(0, cfg) == cfg.warmup_lr
    assert lr_at(1, cfg) == pytest.approx(1.0)
    assert lr_at(10, cfg) < lr_at(5, cfg) < lr_at(1, cfg)


def test_backbone_is_bit_identical_after_training(tiny_model, taxonomy, split):
    before = {k: v.clone() for k, v in tiny_model.model.state_dict().items()}
    result = train(tiny_model, taxonomy, split[0], TuneConfig(method="dapt", epochs=3, lr=0.01),
                   "cpu")
    after = tiny_model.model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert set(result.adapter.tensors) == {"template_ctx", "visual_ctx", "visual_gate"}
    assert result.history[-1]["epoch"] == 3


def test_tuning_beats_untuned_on_held_out(tiny_model, taxonomy, split):
    """Random weights: the linear probe still separates the classes (prompt
    tuning needs the pretrained model, see test_tuning_pretrained.py)."""
    train_set, test_set = split
    untuned = score_head(zero_shot_head(tiny_model, taxonomy), tiny_model, test_set)["accuracy"]
    result = train(tiny_model, taxonomy, train_set, TuneConfig(method="linear", epochs=30, lr=2.0),
                   "cpu")
    tuned = score_head(make_head(result.adapter, tiny_model, taxonomy), tiny_model,
                       test_set)["accuracy"]
    assert tuned >= untuned + 0.3, (untuned, tuned)


def test_cancel_stops_training(tiny_model, taxonomy, split):
    token = CancelToken()

    def progress(done, total, message):
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        train(tiny_model, taxonomy, split[0], TuneConfig(method="coop", epochs=50), "cpu",
              progress=progress, cancel=token)


def test_same_seed_same_adapter(tiny_model, taxonomy, split):
    cfg = TuneConfig(method="coop", epochs=2, seed=7)
    a = train(tiny_model, taxonomy, split[0], cfg, "cpu").adapter.tensors["template_ctx"]
    b = train(tiny_model, taxonomy, split[0], cfg, "cpu").adapter.tensors["template_ctx"]
    assert torch.equal(a, b)


def test_training_a_bf16_model_uses_an_fp32_copy(tiny_spec, taxonomy, split):
    from moodplayer.engine.vision.model import load_model

    model = load_model(tiny_spec, device="cpu", precision="bf16")
    before = {k: v.clone() for k, v in model.model.state_dict().items()}
    result = train(model, taxonomy, split[0], TuneConfig(method="dapt", epochs=2), "cpu")
    assert all(torch.equal(before[k], v) for k, v in model.model.state_dict().items())
    assert result.adapter.tensors["visual_ctx"].dtype == torch.float32
    assert next(iter(model.model.parameters())).dtype == torch.bfloat16


def test_visual_lr_scale_moves_only_the_visual_prompts_faster(tiny_model, taxonomy, split):
    """One SGD step (one epoch, one batch): its size is rate x gradient, so the
    visual prompts move exactly ``scale`` times as far and the text context alike.
    (Open prompts, as in the paper: a closed gate's prompts get no gradient yet.)"""
    from moodplayer.engine.dapt.prompts import PromptLearner, PromptSpec

    start = PromptLearner(tiny_model.model, tiny_model.tokenizer, taxonomy,
                          PromptSpec(text="shared", gate=False),
                          generator=torch.Generator().manual_seed(5)).prompt_tensors()
    moved = {}
    for scale in (1.0, 10.0):
        cfg = TuneConfig(method="dapt", epochs=1, seed=5, batch_size=len(split[0].items), lr=0.002,
                         flip=False, crop=False, visual_lr_scale=scale, text_prompts="shared",
                         visual_gate=False, clip_grad=1e9)
        tensors = train(tiny_model, taxonomy, split[0], cfg, "cpu").adapter.tensors
        moved[scale] = {k: float((tensors[k] - start[k]).norm()) for k in start}
    assert moved[1.0]["visual_ctx"] > 0
    assert moved[10.0]["visual_ctx"] == pytest.approx(10 * moved[1.0]["visual_ctx"], rel=1e-3)
    assert moved[10.0]["text_ctx"] == pytest.approx(moved[1.0]["text_ctx"], rel=1e-5)


def test_a_blown_up_rate_stops_training_and_says_why(tiny_model, taxonomy, split):
    from moodplayer.engine.dapt.trainer import TrainingDiverged

    with pytest.raises(TrainingDiverged, match="blew up: the text context grew"):
        train(tiny_model, taxonomy, split[0], TuneConfig(method="coop", epochs=5, lr=1e4), "cpu")


def test_training_stops_at_stop_epoch_on_the_same_schedule(tiny_model, taxonomy, split):
    cfg = TuneConfig(method="coop", epochs=10, stop_epoch=3, lr=0.01)
    history = train(tiny_model, taxonomy, split[0], cfg, "cpu").history
    assert [h["epoch"] for h in history] == [1, 2, 3]
    assert history[2]["lr"] == pytest.approx(lr_at(2, cfg.resolved()))  # not a 3-epoch cosine


def test_rates_and_prompt_counts_are_checked():
    from moodplayer.engine.errors import MoodPlayerError

    for bad in (dict(visual_lr_scale=0.0), dict(method="coop", text_prompts="shared", n_text=0),
                dict(text_prompts="shared", n_text=0, n_visual=0), dict(text_prompts="nope"),
                dict(clip_grad=0.0), dict(stop_epoch=0)):
        with pytest.raises(MoodPlayerError):
            TuneConfig(**bad).resolved()
