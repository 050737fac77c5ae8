"""Labels -> automatic tuning -> a saved, switched-in adapter or zero-shot kept, in plain words."""

import numpy as np
import pytest
from PIL import Image

from moodplayer.core.tuning import MIN_LABELS, Tuning, explain
from moodplayer.engine.dapt.auto import AutoResult
from moodplayer.engine.dapt.search import Trial
from moodplayer.engine.errors import MoodPlayerError


def _scores(acc, f1):
    return {"accuracy": acc, "macro_f1": f1}


def test_the_message_says_which_reading_is_used_by_how_much_and_why():
    best = Trial(0.006, None, 0.9, 0.9, epoch=14)
    blown = Trial(0.02, None, status="blew up: the text context grew to 9")
    visual = Trial(0.006, 10.0, 0.85, 0.85, epoch=9)
    result = AutoResult("dapt", object(), 0.75, _scores(0.55, 0.5), _scores(0.85, 0.84),
                        trials=[best, blown, visual], best=best, folds=3, held_out=40, photos=40)
    text = explain(result)
    assert "75% tuned and 25% zero-shot" in text
    assert "34 of 40 (85%)" in text and "22 of 40 (55%)" in text and "+30 points" in text
    assert "learning rate 0.006, 14 epochs" in text and "no visual prompts" in text
    assert "rate 0.02" in text and "blew up" in text

    kept = AutoResult("dapt", None, 0.0, _scores(0.55, 0.5), _scores(0.55, 0.5), held_out=40,
                      reason="tuning read 50% right against zero-shot's 55%: not clearly better")
    text = explain(kept)
    assert text.startswith("MoodPlayer keeps zero-shot: tuning read 50%") and "Nothing was saved" in text


def test_too_few_labels_is_a_message(library, settings, reader, photos):
    tuning = Tuning(library, settings)
    tuning.add_label(str(photos[0]), "awe")
    with pytest.raises(MoodPlayerError, match=f"at least {MIN_LABELS}"):
        tuning.tune(reader)
    assert tuning.label_counts(["awe", "fear"]) == {"awe": 1, "fear": 0}
    with pytest.raises(MoodPlayerError, match="not loaded"):
        tuning.tune(None)


def _coloured(path, rgb, seed):
    rng = np.random.default_rng(seed)
    arr = np.clip(np.array(rgb)[None, None, :] + rng.normal(0, 12, (40, 40, 3)), 0, 255)
    Image.fromarray(arr.astype(np.uint8)).save(path)
    return str(path)


def test_labels_that_teach_nothing_keep_zero_shot_and_save_nothing(library, settings, reader,
                                                                   tmp_path):
    """The same kind of photo under two emotions at random: nothing to learn, so the
    report must say zero-shot stays and no adapter may appear."""
    from moodplayer.engine.emotions.extractor import ZeroShotHead

    tuning = Tuning(library, settings, epochs=4)
    for i in range(12):
        tuning.add_label(_coloured(tmp_path / f"p{i}.png", (120, 120, 120), i),
                         "awe" if i % 2 else "fear")
    report = tuning.tune(reader)
    assert report.outcome == "zero-shot" and report.weight == 0.0
    assert report.adapter_path is None and not report.activate
    assert tuning.list_adapters() == [] and isinstance(reader.head, ZeroShotHead)
    assert set(report.before) == {"accuracy", "balanced_accuracy", "macro_f1"}  # the Tune tab shows all three
    assert report.message.startswith("MoodPlayer keeps zero-shot")
    assert report.details["trials"] and report.details["folds"] == 3


def test_switch_to_zero_shot_and_remember(library, settings, reader):
    from moodplayer.engine.emotions.extractor import ZeroShotHead
    from moodplayer.engine.settings import Settings

    tuning = Tuning(library, settings)
    assert tuning.switch(reader, None) is None
    assert isinstance(reader.head, ZeroShotHead)
    tuning.remember_active("/some/adapter.safetensors")
    assert Settings.load().adapter == "/some/adapter.safetensors"
    with pytest.raises(MoodPlayerError):
        tuning.switch(None, None)


def test_adapter_facts_come_from_the_header_or_the_file_time(tmp_path):
    import datetime as dt
    import json
    import os

    import numpy as np
    from safetensors.numpy import save_file

    from moodplayer.core.tuning import Tuning

    good = tmp_path / "mikels8-dapt-20261201-160500.safetensors"
    meta = {"format": "moodplayer-adapter", "created": "2026-12-01T16:05:00+0100",
            "data": {"photos": 53, "trained_on": 40}}
    save_file({"ctx": np.zeros((2, 4), np.float32)}, str(good),
              metadata={"moodplayer": json.dumps(meta)})
    facts = Tuning.adapter_facts(good)
    assert facts["photos"] == 40
    assert (facts["created"].year, facts["created"].month, facts["created"].day) == (2026, 12, 1)
    junk = tmp_path / "broken.safetensors"
    junk.write_bytes(b"not a safetensors file")
    stamp = dt.datetime(2025, 3, 4, 5, 6).timestamp()
    os.utime(junk, (stamp, stamp))
    assert Tuning.adapter_facts(junk) == {"created": dt.datetime.fromtimestamp(stamp),
                                          "photos": None}
    assert Tuning.adapter_facts(tmp_path / "gone.safetensors") == {"created": None,
                                                                   "photos": None}


def test_balanced_accuracy_is_the_mean_recall_over_the_emotions_present():
    from moodplayer.core.tuning import with_balanced_accuracy

    # 8 awe photos all right, 2 fear photos both wrong: accuracy 80%, balanced 50%.
    scores = {"accuracy": 0.8, "per_class": {"awe": 1.0, "fear": 0.0, "sadness": None}}
    assert with_balanced_accuracy(scores)["balanced_accuracy"] == 0.5
    assert "balanced_accuracy" not in with_balanced_accuracy({"accuracy": 0.5})
