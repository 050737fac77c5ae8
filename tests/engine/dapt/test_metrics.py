import pytest

from moodplayer.engine.dapt.metrics import aggregate, confusion_matrix, scores


def test_scores_by_hand():
    names = ["a", "b", "c"]
    s = scores([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], names)
    assert s["accuracy"] == pytest.approx(3 / 5)
    assert s["per_class"] == {"a": 0.5, "b": 1.0, "c": 0.0}
    # F1: a: p=1/2 r=1/2 -> .5 ; b: p=2/3 r=1 -> .8 ; c: 0
    assert s["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert s["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]


def test_aggregate_mean_and_spread():
    names = ["a", "b"]
    runs = [scores([0, 1], [0, 1], names), scores([0, 1], [0, 0], names)]
    agg = aggregate(runs, names)
    assert agg["accuracy"] == pytest.approx(0.75)
    assert agg["accuracy_std"] == pytest.approx(0.25)
    assert agg["per_class"]["b"] == pytest.approx(0.5)
    assert agg["confusion"] == (confusion_matrix([0, 1, 0, 1], [0, 1, 0, 0], 2)).tolist()
