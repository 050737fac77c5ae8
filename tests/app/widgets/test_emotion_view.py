"""The mood in words: headline and summary in words, numbers only in tooltips, bars read out."""

import numpy as np

from moodplayer.app.widgets.emotion_view import EmotionView
from moodplayer.core import describe
from moodplayer.engine.emotions.result import EmotionResult


def _result(taxonomy, main="contentment", share=0.5):
    p = np.full(len(taxonomy), (1 - share) / (len(taxonomy) - 1))
    p[taxonomy.index(main)] = share
    return EmotionResult.from_probs(p, taxonomy)


def test_the_mood_is_shown_in_words_and_the_numbers_only_in_a_tooltip(qtbot, taxonomy):
    view = EmotionView()
    qtbot.addWidget(view)
    view.set_taxonomy(taxonomy)
    r = _result(taxonomy)
    view.show_result("Combined mood of 3 photos", r)
    words = describe.describe_result(r)
    assert view.feeling.text() == words.headline
    assert view.summary.text() == f"Mostly contentment · {words.sureness}"
    shown = view.title.text() + view.feeling.text() + view.summary.text()
    assert f"{r.valence:+.2f}" not in shown and "confidence" not in shown
    assert f"{r.valence:+.2f}" in view.feeling.toolTip()
    assert f"{r.confidence:.0%}" in view.summary.toolTip()


def test_bars_and_map_describe_themselves_for_screen_readers(qtbot, taxonomy):
    view = EmotionView()
    qtbot.addWidget(view)
    view.set_taxonomy(taxonomy)
    r = _result(taxonomy, "sadness", 0.6)
    view.show_result("p1.jpg", r)
    text = view.bars.accessibleDescription()
    assert view.bars.accessibleName() == "Emotions"
    assert text.startswith("Sadness 60%")  # strongest first
    assert text.count("%") == len(taxonomy)
    assert view.circle.accessibleDescription().startswith(
        describe.capitalised(describe.feeling(r.valence, r.arousal)))


def test_a_message_clears_the_words(qtbot, taxonomy):
    view = EmotionView()
    qtbot.addWidget(view)
    view.set_taxonomy(taxonomy)
    view.show_result("x", _result(taxonomy))
    view.show_message("No readable photo", "None of these photos could be read.")
    assert view.feeling.isHidden() and view.words is None
    assert view.summary.text() == "None of these photos could be read."
    assert view.summary.toolTip() == "" and view.bars.rows == []
