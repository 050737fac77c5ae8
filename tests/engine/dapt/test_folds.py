from moodplayer.engine.dapt.folds import SINGLE_SPLIT_FROM, choose_folds, stratified_folds


def test_folds_are_stratified_disjoint_and_never_hold_out_a_lone_photo():
    labels = [0] * 6 + [1] * 5 + [2]
    folds = stratified_folds(labels, 3, seed=1)
    held = [i for _, h in folds for i in h]
    assert sorted(held) == list(range(11))  # everything but the lone photo, once each
    for train, fold in folds:
        assert not set(train) & set(fold) and len(train) + len(fold) == 12
        assert sorted(labels[i] for i in fold) in ([0, 0, 1, 1], [0, 0, 1], [0, 0, 1, 1, 1])
    assert stratified_folds(labels, 3, seed=1) == folds  # same seed, same folds


def test_many_labels_hold_out_one_quarter_once():
    labels = [i % 8 for i in range(SINGLE_SPLIT_FROM)]
    (train, held), = choose_folds(labels)
    assert len(held) == SINGLE_SPLIT_FROM // 4
    assert len(choose_folds(labels[:40])) == 3
