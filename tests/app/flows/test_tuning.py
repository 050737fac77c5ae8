"""Tuning from the window: labels in, DAPT in the model worker, before/after scores, adapters."""

from __future__ import annotations

import numpy as np
from PIL import Image


def coloured(path, rgb, seed):
    rng = np.random.default_rng(seed)
    arr = np.clip(np.array(rgb)[None, None, :] + rng.normal(0, 12, (40, 40, 3)), 0, 255)
    Image.fromarray(arr.astype(np.uint8)).save(path)
    return path


def test_tune_view_runs_dapt_and_switches_adapters(qtbot, window, tmp_path):
    from moodplayer.engine.emotions.extractor import ZeroShotHead
    from moodplayer.engine.settings import Settings

    window.tuning.epochs = 3  # the behaviour, not the quality, is under test here
    folder = tmp_path / "labelled"
    folder.mkdir()
    for i in range(5):
        window.tuning_flow.add_label(str(coloured(folder / f"warm{i}.png", (230, 120, 40), i)), "contentment")
        window.tuning_flow.add_label(str(coloured(folder / f"cold{i}.png", (30, 60, 160), 10 + i)), "sadness")
    assert window.tune.b_tune.isEnabled()
    window.tune.b_tune.click()
    assert window.tune.b_cancel.isEnabled()
    qtbot.waitUntil(lambda: not window.tune.b_cancel.isEnabled(), timeout=120000)
    scores = window.tune.scores
    assert scores.rowCount() == 2, window.tune.status.text()
    for row in range(2):
        for col in (1, 2):
            text = scores.item(row, col).text()
            assert text.endswith("%") and 0 <= int(text[:-1]) <= 100
    adapter = window.settings.adapter
    assert adapter and adapter in window.tuning.list_adapters()
    assert Settings.load().adapter == adapter
    assert window.tune.adapters.currentData() == adapter
    assert not isinstance(window.model.worker.context.head, ZeroShotHead)
    # Back to zero-shot from the Tune view.
    window.tune.adapter_chosen.emit("")
    qtbot.waitUntil(lambda: window.settings.adapter is None, timeout=10000)
    assert isinstance(window.model.worker.context.head, ZeroShotHead)
    assert Settings.load().adapter is None


def test_too_few_labels_is_a_message_not_a_crash(qtbot, window, photos):
    window.tuning_flow.add_label(str(photos[0]), "awe")
    window.tuning_flow.start()
    qtbot.waitUntil(lambda: not window.tune.b_cancel.isEnabled()
                    and "at least" in window.tune.status.text(), timeout=20000)
    assert window.settings.adapter is None
