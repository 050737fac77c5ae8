import torch

from moodplayer.engine.dapt.search import Trial
from moodplayer.engine.dapt.verdict import above_chance, groups_of, judge, nested_logits

NAMES = ["a", "b", "c", "d"]


def _logits(predicted, n_classes=4):
    return torch.nn.functional.one_hot(torch.tensor(predicted), n_classes).float() * 5


def test_a_clearly_better_reading_on_labels_the_photos_show_is_worth_it():
    y = [i % 4 for i in range(40)]
    zero = _logits([c if i < 20 else (c + 1) % 4 for i, c in enumerate(y)])  # 20 of 40 right
    tuned = _logits([c if i < 36 else (c + 1) % 4 for i, c in enumerate(y)])  # 36 of 40
    judged = judge(zero, tuned, y, NAMES)
    assert judged["worth"] and judged["gained"] == 16 and judged["lost"] == 0


def test_labels_unrelated_to_the_photos_are_not_worth_tuning_on():
    """Zero-shot at chance, the tuned reading a little above: noise learnt, not emotions."""
    y = [i % 4 for i in range(40)]
    zero = _logits([(c + 1 + i % 3) % 4 for i, c in enumerate(y)])  # never right
    tuned = _logits([c if i % 4 == 0 else (c + 1) % 4 for i, c in enumerate(y)])  # 10 right
    assert above_chance(zero.argmax(-1), torch.tensor(y)) < 1.64
    judged = judge(zero, tuned, y, NAMES)
    assert judged["z"] > 1.64 and not judged["worth"]


def test_each_group_is_read_by_the_setting_best_on_the_other_groups():
    y = [0, 1, 2, 3] * 2
    groups = groups_of([([], [0, 1, 2, 3]), ([], [4, 5, 6, 7])], y)
    assert groups == [[0, 1, 2, 3], [4, 5, 6, 7]]
    # trial A is perfect on group 1 only, trial B on group 2 only
    a = Trial(0.1, score=0.5, curve=[_logits([0, 1, 2, 3, 1, 2, 3, 0])])
    b = Trial(0.2, score=0.5, curve=[_logits([1, 2, 3, 0, 0, 1, 2, 3])])
    nested = nested_logits([a, b], groups, y, NAMES)
    # group 1 is read by B (best on group 2) and group 2 by A: all wrong, honestly
    assert nested.argmax(-1).tolist() == [1, 2, 3, 0, 1, 2, 3, 0]
    assert len(groups_of([([], list(range(8)))], y)) == 2  # a single split is halved
