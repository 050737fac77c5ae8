"""The Tune tab: scores as percentages in words, adapters by date and photos."""

import json

import numpy as np
from safetensors.numpy import save_file

from moodplayer.app.widgets.tune_view import ZERO_SHOT, TuneView


def _adapter(path, created, photos):
    meta = {"format": "moodplayer-adapter", "created": created,
            "data": {"photos": photos + 5, "trained_on": photos}}
    save_file({"ctx": np.zeros((2, 4), np.float32)}, str(path),
              metadata={"moodplayer": json.dumps(meta)})
    return str(path)


def test_scores_are_percentages_with_names_people_use(qtbot):
    view = TuneView()
    qtbot.addWidget(view)
    view.show_report({"accuracy": 0.625, "balanced_accuracy": 0.5, "macro_f1": 0.4},
                     {"accuracy": 0.75, "balanced_accuracy": 0.7, "macro_f1": 0.6},
                     "Tuned on 12 photos.")
    rows = {view.scores.item(r, 0).text(): (view.scores.item(r, 1).text(),
                                            view.scores.item(r, 2).text())
            for r in range(view.scores.rowCount())}
    assert rows == {"Accuracy": ("62%", "75%"),
                    "Balanced accuracy over emotions": ("50%", "70%")}
    assert "every emotion counts the same" in view.scores.item(1, 0).toolTip()
    assert view.status.text() == ("Tuned on 12 photos. Before tuning, 62% of the held-out photos "
                                  "were read as you labelled them; after tuning, 75%.")


def test_adapters_are_named_by_date_and_photos_not_by_file(qtbot, tmp_path):
    view = TuneView()
    qtbot.addWidget(view)
    a = _adapter(tmp_path / "mikels8-dapt-20261201-160500.safetensors",
                 "2026-12-01T16:05:00+0100", 40)
    b = _adapter(tmp_path / "mikels8-dapt-20261203-090000.safetensors",
                 "2026-12-03T09:00:00+0100", 12)
    c = _adapter(tmp_path / "mikels8-dapt-20261203-180000.safetensors",
                 "2026-12-03T18:00:00+0100", 12)
    view.set_adapters([a, b, c], b)
    items = [view.adapters.itemText(i) for i in range(view.adapters.count())]
    assert items[0] == "Not tuned (zero-shot)" and view.adapters.itemData(0) == ZERO_SHOT
    assert items[1] == "Tuned on 1 Dec, 40 photos"
    # Same day, same number of photos: the time tells them apart.
    assert items[2:] == ["Tuned on 3 Dec, 09:00, 12 photos", "Tuned on 3 Dec, 18:00, 12 photos"]
    assert view.adapters.currentData() == b
    assert all("safetensors" not in t for t in items)
