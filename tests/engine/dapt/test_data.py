import pytest

from moodplayer.engine.dapt.data import (DataError, dataset_from_labels, few_shot_split,
                                         load_labelled, load_pixels)
from .synthetic import write_image_folder


def test_image_folder_reports_problems_and_keeps_the_rest(tmp_path, taxonomy, tiny_model):
    root = write_image_folder(tmp_path / "d", taxonomy.names[:3], 3)
    (root / "joy").mkdir()
    (root / "awe" / "broken.jpg").write_bytes(b"not a jpeg")
    data = load_labelled(root, taxonomy)
    assert len(data.items) == 10
    assert any("'joy' is not an emotion" in p for p in data.problems)
    pixels, labels = load_pixels(data, tiny_model.preprocess, tiny_model.image_size)
    assert len(pixels) == len(labels) == 9
    assert any("broken.jpg" in p for p in data.problems)


def test_csv_with_unknown_labels_and_missing_files(tmp_path, taxonomy):
    root = write_image_folder(tmp_path / "d", ["awe"], 2)
    csv = tmp_path / "labels.csv"
    csv.write_text("path,label\n"
                   f"{root / 'awe' / 'awe_000.png'},Awe\n"
                   "d/awe/awe_001.png,sadness\n"
                   "d/awe/nothere.png,awe\n"
                   "d/awe/awe_000.png,joy\n"
                   "only-one-column\n")
    data = load_labelled(csv, taxonomy)
    assert [taxonomy.names[i.label] for i in data.items] == ["awe", "sadness"]
    assert len(data.problems) == 3


def test_nothing_usable_is_a_clear_error(tmp_path, taxonomy):
    (tmp_path / "holiday").mkdir()
    with pytest.raises(DataError, match="no labelled photos"):
        load_labelled(tmp_path, taxonomy)
    with pytest.raises(DataError, match="no such"):
        load_labelled(tmp_path / "nope", taxonomy)


def test_few_shot_split_is_seeded_and_disjoint(synthetic_set):
    a_train, a_rest = few_shot_split(synthetic_set, 4, seed=1)
    b_train, _ = few_shot_split(synthetic_set, 4, seed=1)
    c_train, _ = few_shot_split(synthetic_set, 4, seed=2)
    assert a_train.items == b_train.items != c_train.items
    assert set(a_train.counts().values()) == {4}
    assert not set(a_train.items) & set(a_rest.items)
    assert len(a_train.items) + len(a_rest.items) == len(synthetic_set.items)


def test_rows_from_the_labels_table(tmp_path, taxonomy):
    class Row:
        def __init__(self, photo_path, label):
            self.photo_path, self.label = photo_path, label

    root = write_image_folder(tmp_path / "d", ["fear"], 1)
    data = dataset_from_labels([Row(str(root / "fear" / "fear_000.png"), "fear"),
                                Row(str(root / "gone.png"), "fear")], taxonomy)
    assert len(data.items) == 1 and len(data.problems) == 1
