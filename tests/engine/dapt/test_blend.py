import torch

from moodplayer.engine.dapt.blend import choose_weight, interpolate


def test_weight_zero_is_the_start_and_one_the_end():
    start, end = {"x": torch.zeros(3)}, {"x": torch.tensor([2.0, 4.0, -2.0])}
    assert torch.equal(interpolate(start, end, 0.0)["x"], start["x"])
    assert torch.equal(interpolate(start, end, 1.0)["x"], end["x"])
    assert interpolate(start, end, 0.25)["x"].tolist() == [0.5, 1.0, -0.5]


def test_the_best_blend_wins_but_never_one_that_reads_fewer_photos_right():
    zero = {"accuracy": 0.5, "macro_f1": 0.5, "nll": 1.0}
    table = {0.25: (0.6, 0.6), 0.5: (0.7, 0.7), 0.75: (0.7, 0.7), 1.0: (0.45, 0.72)}

    def score(w):
        acc, f1 = table[w]
        return {"accuracy": acc, "macro_f1": f1, "nll": 1.0 - w / 10}

    weight, scores, tried = choose_weight(score, zero)
    # 1.0 has the best F1 but fewer right than zero-shot; 0.75 ties 0.5 with a lower loss
    assert weight == 0.75 and scores["macro_f1"] == 0.7 and len(tried) == 4
    assert choose_weight(lambda w: {"accuracy": 0.4, "macro_f1": 0.4, "nll": 2.0}, zero)[0] == 0.0
