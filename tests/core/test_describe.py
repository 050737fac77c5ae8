"""Plain words for moods, queue reasons, models and tuning scores (no Qt)."""

import datetime as dt
import re

import numpy as np
import pytest

from moodplayer.core import describe
from moodplayer.engine.emotions.result import EmotionResult


@pytest.mark.parametrize("name, words", [
    ("contentment", "calm and content"), ("excitement", "bright and exciting"),
    ("amusement", "bright and exciting"), ("sadness", "sad and low"),
    ("fear", "tense and dark"), ("anger", "tense and dark"), ("disgust", "tense and dark"),
])
def test_each_emotion_anchor_reads_as_its_region_of_the_circumplex(taxonomy, name, words):
    e = taxonomy.emotions[taxonomy.index(name)]
    assert describe.feeling(e.valence, e.arousal) == words


def test_the_middle_and_the_edges_of_the_bands():
    assert describe.feeling(0.0, 0.0) == "balanced, neither up nor down"
    assert describe.feeling(0.19, -0.19) == "balanced, neither up nor down"
    assert describe.feeling(0.21, -0.21) == "calm and content"
    assert describe.feeling(-0.01, 0.24) == "restless and alert"  # the example
    assert describe.valence_word(-0.9) == "very unpleasant"
    assert describe.valence_word(0.0) == "neither pleasant nor unpleasant"
    assert describe.valence_word(0.3) == "pleasant"
    assert describe.arousal_word(-0.3) == "calm" and describe.arousal_word(0.9) == "very intense"


def _reading(taxonomy, top_share):
    c = len(taxonomy)
    p = np.full(c, (1 - top_share) / (c - 1))
    p[taxonomy.index("awe")] = top_share
    return EmotionResult.from_probs(p, taxonomy)


def test_sureness_follows_how_peaked_the_reading_is(taxonomy):
    assert describe.sureness(_reading(taxonomy, 1 / 8).confidence) == "unsure"  # flat
    assert describe.sureness(_reading(taxonomy, 0.45).confidence) == "fairly sure"
    assert describe.sureness(_reading(taxonomy, 0.9).confidence) == "sure"
    assert describe.sureness(0.02) == "unsure"


@pytest.mark.parametrize("emotions, phrase", [
    ({"awe": 0.6, "fear": 0.2, "anger": 0.2}, "mostly awe"),
    ({"awe": 0.4, "fear": 0.3, "anger": 0.3}, "mostly awe, with some fear"),
    ({"awe": 0.36, "fear": 0.34, "anger": 0.3}, "awe and fear about equally"),
])
def test_the_leading_emotions_in_words(emotions, phrase):
    assert describe.describe_mood(emotions, 0.0, 0.0, 0.5).emotions == phrase


def test_a_result_gets_every_word_and_the_numbers_only_for_a_tooltip(taxonomy):
    r = _reading(taxonomy, 0.45)
    words = describe.describe_result(r)
    assert words.headline == describe.capitalised(describe.feeling(r.valence, r.arousal))
    assert words.sureness == "fairly sure" and words.emotions.startswith("mostly awe")
    assert f"{r.valence:+.2f}" in words.numbers and f"{r.arousal:+.2f}" in words.numbers
    assert f"{r.valence:+.2f}" not in words.headline + words.emotions


def test_every_word_goes_through_the_translator(taxonomy):
    seen = []

    def shout(context, text):
        seen.append(context)  # upper case, but {names} stay as they are
        return re.sub(r"\{[^}]*\}", lambda m: m.group(0).lower(), text.upper())

    words = describe.describe_result(_reading(taxonomy, 0.45), shout)
    for text in (words.feeling, words.emotions, words.sureness, words.valence, words.arousal):
        assert text == text.upper() and any(ch.isalpha() for ch in text)
    assert set(seen) == {describe.CONTEXT}
    assert describe.emotion_name("sadness", shout) == "SADNESS"
    assert describe.emotion_name("saudade", shout) == "saudade"  # not one of ours: as it is


def test_a_translation_with_wrong_placeholders_falls_back_to_english():
    broken = {"mostly {first}": "주로 {처음}"}
    words = describe.describe_mood({"awe": 0.9, "fear": 0.1}, 0, 0, 0.5,
                                   lambda c, t: broken.get(t, t))
    assert words.emotions == "mostly awe"


def test_marked_phrases_are_returned_unchanged():
    assert describe.QT_TRANSLATE_NOOP("Describe", "calm and content") == "calm and content"


def test_short_reason_keeps_each_items_evidence_and_drops_the_numbers():
    full = ("feels like awe and contentment (genre ambient -> awe; embedded cover -> awe); "
            "mood fit 81%, valence +0.40 / arousal +0.10 vs +0.35 / +0.20")
    assert describe.short_reason(full) == \
        "feels like awe and contentment: genre ambient → awe, embedded cover → awe"
    other = "feels like awe and contentment (mood tag 'calm' -> contentment); mood fit 80%"
    assert describe.short_reason(other) != describe.short_reason(full)
    liked = "like “Golden Hour”: feels like fear and anger; mood fit 50%"
    assert describe.short_reason(liked) == "like “Golden Hour”: feels like fear and anger"
    table = {"feels like {first} and {second}": "{first}, {second} 느낌", "awe": "경외감",
             "contentment": "만족감"}
    assert describe.short_reason(other, lambda c, t: table.get(t, t)) == \
        "경외감, 만족감 느낌: mood tag 'calm' → contentment"
    assert describe.short_reason("") == ""


@pytest.mark.parametrize("spec, short", [
    ("ViT-B-32:laion2b_s34b_b79k", "ViT-B-32"),
    ("local-dir:/home/me/models/clip-vit-b32/", "clip-vit-b32"),
    ("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K", "CLIP-ViT-B-32-laion2B-s34B-b79K"),
    ("/opt/models/tiny-clip", "tiny-clip"),
    ("ViT-L-14", "ViT-L-14"),
])
def test_model_short_names_hide_paths(spec, short):
    assert describe.model_short_name(spec) == short


def test_adapter_labels_say_when_and_on_how_many_photos():
    when = dt.datetime(2026, 12, 1, 16, 5)
    assert describe.adapter_label(when, 40) == "Tuned on 1 Dec, 40 photos"
    assert describe.adapter_label(when, None) == "Tuned on 1 Dec"
    assert describe.adapter_label(None, 12) == "Tuned on 12 photos"
    assert describe.adapter_label(None, None) == "Tuned adapter"
    assert describe.adapter_label(when, 3, format_date=lambda d: f"{d.month}월 {d.day}일") == \
        "Tuned on 12월 1일, 3 photos"


def test_score_sentences_use_percentages():
    assert describe.score_sentence({"accuracy": 0.625}, {"accuracy": 0.75}) == (
        "Before tuning, 62% of the held-out photos were read as you labelled them; "
        "after tuning, 75%.")
    assert "75%" in describe.score_sentence({}, {"accuracy": 0.75})
    assert describe.score_sentence({}, {}) == ""
    assert describe.percent(None) == "–" and describe.percent(0.5) == "50%"
