"""Labels from the CLI end up in the library's labels table and in a CSV `tune` reads."""

import csv
import json

from PIL import Image

from moodplayer import cli
from moodplayer.engine.dapt.data import load_labelled
from moodplayer.engine.emotions.taxonomy import load_taxonomy


def test_label_round_trip_into_tune_csv(tmp_path, capsys):
    photos = []
    for i, colour in enumerate([(200, 30, 30), (30, 30, 200), (30, 200, 30)]):
        p = tmp_path / f"p{i}.png"
        Image.new("RGB", (16, 16), colour).save(p)
        photos.append(p)
    assert cli.main(["label", str(photos[0]), "anger"]) == 0
    assert cli.main(["label", str(photos[1]), "Sadness"]) == 0
    assert cli.main(["label", str(photos[2]), "fear"]) == 0
    assert cli.main(["label", str(photos[2]), "awe"]) == 0  # a later correction wins
    assert cli.main(["label", str(photos[0]), "grumpy"]) == 2  # not an emotion
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    assert cli.main(["label", str(bad), "fear"]) == 2
    capsys.readouterr()

    assert cli.main(["labels", "--json"]) == 0
    rows = {r["path"]: r["label"] for r in json.loads(capsys.readouterr().out)}
    assert rows == {str(photos[0].resolve()): "anger", str(photos[1].resolve()): "sadness",
                    str(photos[2].resolve()): "awe"}

    out = tmp_path / "labels.csv"
    assert cli.main(["labels", "--export", str(out)]) == 0
    with open(out, newline="") as f:
        assert next(csv.reader(f)) == ["path", "label"]
    data = load_labelled(out, load_taxonomy())
    assert sorted(data.counts().items()) == sorted(
        {**{n: 0 for n in load_taxonomy().names}, "anger": 1, "sadness": 1, "awe": 1}.items())
    assert not data.problems


def test_the_export_count_is_the_rows_written(tmp_path, capsys):
    photos = []
    for i in range(4):
        p = tmp_path / f"q{i}.png"
        Image.new("RGB", (16, 16), (60 * i, 20, 20)).save(p)
        photos.append(p)
        assert cli.main(["label", str(p), ["awe", "fear", "anger", "awe"][i], "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == {"path": str(p.resolve()),
                                                       "label": ["awe", "fear", "anger", "awe"][i]}
    photos[1].unlink()  # a labelled photo deleted since: not exported, and said so
    out = tmp_path / "labels.csv"
    assert cli.main(["labels", "--export", str(out)]) == 0
    note = capsys.readouterr().err
    with open(out, newline="") as f:
        rows = list(csv.reader(f))[1:]
    assert len(rows) == 3 and note.startswith(f"wrote {len(rows)} labels to {out}")
    assert "(1 photo no longer exists and was left out)" in note
    assert cli.main(["-q", "labels", "--export", str(out)]) == 0
    assert capsys.readouterr().err == ""
