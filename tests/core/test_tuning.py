"""Labels -> tuning rules: held-out split, the never-worse guard, switching and remembering."""

import pytest

from moodplayer.core.tuning import MIN_LABELS, Tuning, should_activate, split_held_out
from moodplayer.engine.errors import MoodPlayerError


def test_an_adapter_worse_than_zero_shot_is_not_switched_in():
    assert should_activate({"accuracy": 0.5}, {"accuracy": 0.75}, scored=True)
    assert should_activate({"accuracy": 0.5}, {"accuracy": 0.5}, scored=True)
    assert not should_activate({"accuracy": 0.5}, {"accuracy": 0.25}, scored=True)
    assert should_activate({}, {}, scored=False)  # nothing held out: the user asked to tune


def test_held_out_split_is_stratified_and_disjoint():
    pairs = [(f"a{i}", "awe") for i in range(8)] + [(f"f{i}", "fear") for i in range(3)] \
        + [("s0", "sadness")]
    train, held = split_held_out(pairs)
    assert sorted(train + held) == sorted(pairs) and not set(train) & set(held)
    held_labels = [lbl for _, lbl in held]
    assert held_labels.count("awe") == 2 and held_labels.count("fear") == 1
    assert "sadness" not in held_labels  # a single photo is never held out
    assert split_held_out(pairs) == (train, held)  # same seed, same split


def test_too_few_labels_is_a_message(library, settings, reader, photos):
    tuning = Tuning(library, settings)
    tuning.add_label(str(photos[0]), "awe")
    with pytest.raises(MoodPlayerError, match=f"at least {MIN_LABELS}"):
        tuning.tune(reader)
    assert tuning.label_counts(["awe", "fear"]) == {"awe": 1, "fear": 0}
    with pytest.raises(MoodPlayerError, match="not loaded"):
        tuning.tune(None)


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
