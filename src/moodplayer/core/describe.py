"""Moods, scores and models in plain words ("calm and content", "fairly sure").

People do not read "valence -0.01, arousal +0.24, confidence 2%"; they read
"restless and alert · unsure". This module turns numbers into such words for
any front-end. It stays Qt-free: every phrase is a whole, translatable
sentence part marked with ``QT_TRANSLATE_NOOP`` (Qt's extraction tool finds
them by that name), and each function takes a ``translate(context, text)``
callable, so the window passes Qt's translator and a command line passes none.
Whole phrases rather than glued words, because word order and endings differ
between languages ("calm and content" is one unit in Korean too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

CONTEXT = "Describe"
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's tools look for
    """Marks ``text`` for translation (context ``context``) and returns it unchanged."""
    return text


def _same(_context: str, text: str) -> str:
    return text


# Bands of the valence / arousal axes, from low to high: (upper bound, word).
VALENCE_WORDS = [(-0.5, QT_TRANSLATE_NOOP("Describe", "very unpleasant")),
                 (-0.15, QT_TRANSLATE_NOOP("Describe", "unpleasant")),
                 (0.15, QT_TRANSLATE_NOOP("Describe", "neither pleasant nor unpleasant")),
                 (0.5, QT_TRANSLATE_NOOP("Describe", "pleasant")),
                 (9.0, QT_TRANSLATE_NOOP("Describe", "very pleasant"))]
AROUSAL_WORDS = [(-0.5, QT_TRANSLATE_NOOP("Describe", "very calm")),
                 (-0.15, QT_TRANSLATE_NOOP("Describe", "calm")),
                 (0.15, QT_TRANSLATE_NOOP("Describe", "moderately energetic")),
                 (0.5, QT_TRANSLATE_NOOP("Describe", "energetic")),
                 (9.0, QT_TRANSLATE_NOOP("Describe", "very intense"))]

# The circumplex in nine regions: (valence band, arousal band) -> a feeling.
# Bands: -1 below -0.2, 0 in between, +1 above 0.2.
FEELINGS = {
    (1, -1): QT_TRANSLATE_NOOP("Describe", "calm and content"),
    (1, 0): QT_TRANSLATE_NOOP("Describe", "warm and pleasant"),
    (1, 1): QT_TRANSLATE_NOOP("Describe", "bright and exciting"),
    (0, -1): QT_TRANSLATE_NOOP("Describe", "quiet and still"),
    (0, 0): QT_TRANSLATE_NOOP("Describe", "balanced, neither up nor down"),
    (0, 1): QT_TRANSLATE_NOOP("Describe", "restless and alert"),
    (-1, -1): QT_TRANSLATE_NOOP("Describe", "sad and low"),
    (-1, 0): QT_TRANSLATE_NOOP("Describe", "gloomy and uneasy"),
    (-1, 1): QT_TRANSLATE_NOOP("Describe", "tense and dark"),
}
BAND = 0.2

# Confidence is 1 - normalised entropy over the emotions. With eight emotions a
# reading whose top emotion has ~65% is at 0.35, one at ~40% is near 0.12.
SURENESS = [(0.35, QT_TRANSLATE_NOOP("Describe", "sure")),
            (0.12, QT_TRANSLATE_NOOP("Describe", "fairly sure")),
            (0.0, QT_TRANSLATE_NOOP("Describe", "unsure"))]

# The emotions of the bundled taxonomies, so their names can be translated too.
EMOTION_NAMES = {
    "amusement": QT_TRANSLATE_NOOP("Describe", "amusement"),
    "awe": QT_TRANSLATE_NOOP("Describe", "awe"),
    "contentment": QT_TRANSLATE_NOOP("Describe", "contentment"),
    "excitement": QT_TRANSLATE_NOOP("Describe", "excitement"),
    "anger": QT_TRANSLATE_NOOP("Describe", "anger"),
    "disgust": QT_TRANSLATE_NOOP("Describe", "disgust"),
    "fear": QT_TRANSLATE_NOOP("Describe", "fear"),
    "sadness": QT_TRANSLATE_NOOP("Describe", "sadness"),
}

# Sentence patterns; {names} are filled in after translation.
MOSTLY = QT_TRANSLATE_NOOP("Describe", "mostly {first}")
ABOUT_EQUALLY = QT_TRANSLATE_NOOP("Describe", "{first} and {second} about equally")
WITH_SOME = QT_TRANSLATE_NOOP("Describe", "mostly {first}, with some {second}")
NUMBERS = QT_TRANSLATE_NOOP("Describe", "valence {valence:+.2f}, arousal {arousal:+.2f}, "
                                        "confidence {confidence:.0%}")
FEELS_LIKE = QT_TRANSLATE_NOOP("Describe", "feels like {first} and {second}")
TUNED_DATE_PHOTOS = QT_TRANSLATE_NOOP("Describe", "Tuned on {date}, {photos} photos")
TUNED_DATE = QT_TRANSLATE_NOOP("Describe", "Tuned on {date}")
TUNED_PHOTOS = QT_TRANSLATE_NOOP("Describe", "Tuned on {photos} photos")
TUNED = QT_TRANSLATE_NOOP("Describe", "Tuned adapter")
SCORE_AFTER = QT_TRANSLATE_NOOP("Describe", "After tuning, {after} of the held-out photos are "
                                            "read as you labelled them.")
SCORE_BEFORE_AFTER = QT_TRANSLATE_NOOP("Describe", "Before tuning, {before} of the held-out "
                                                   "photos were read as you labelled them; after "
                                                   "tuning, {after}.")


def fill(tr: Translate, template: str, **values) -> str:
    """``template`` translated, then filled in; a translation whose {names} do not match
    falls back to the original, so a slip in a translation file never crashes a view."""
    try:
        return tr(CONTEXT, template).format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


def capitalised(text: str) -> str:
    """First letter up, the rest untouched (str.capitalize would lower "ViT")."""
    return text[:1].upper() + text[1:]


def emotion_name(name: str, tr: Translate = _same) -> str:
    """An emotion's name in the user's language (unknown names as they are)."""
    return tr(CONTEXT, EMOTION_NAMES[name]) if name in EMOTION_NAMES else name


def _band(x: float) -> int:
    return 1 if x > BAND else -1 if x < -BAND else 0


def _pick(bands, x: float) -> str:
    for bound, word in bands:
        if x <= bound:
            return word
    return bands[-1][1]


def feeling(valence: float, arousal: float, tr: Translate = _same) -> str:
    """'calm and content', 'tense and dark'...: where the point sits on the circumplex."""
    return tr(CONTEXT, FEELINGS[(_band(valence), _band(arousal))])


def valence_word(valence: float, tr: Translate = _same) -> str:
    return tr(CONTEXT, _pick(VALENCE_WORDS, valence))


def arousal_word(arousal: float, tr: Translate = _same) -> str:
    return tr(CONTEXT, _pick(AROUSAL_WORDS, arousal))


def sureness(confidence: float, tr: Translate = _same) -> str:
    """'sure', 'fairly sure' or 'unsure'."""
    for floor, word in SURENESS:
        if confidence >= floor:
            return tr(CONTEXT, word)
    return tr(CONTEXT, SURENESS[-1][1])


@dataclass
class MoodWords:
    feeling: str  # "calm and content"
    emotions: str  # "mostly contentment, with some awe"
    sureness: str  # "fairly sure"
    valence: str  # "pleasant"
    arousal: str  # "calm"
    numbers: str  # the raw values, for a tooltip

    @property
    def headline(self) -> str:
        return capitalised(self.feeling)


def _emotions_phrase(ranked: list, tr: Translate) -> str:
    """ranked: [(name, probability)] best first."""
    if not ranked:
        return ""
    first = emotion_name(ranked[0][0], tr)
    if len(ranked) < 2 or ranked[1][1] < 0.5 * ranked[0][1]:
        return fill(tr, MOSTLY, first=first)
    second = emotion_name(ranked[1][0], tr)
    if ranked[1][1] > 0.85 * ranked[0][1]:
        return fill(tr, ABOUT_EQUALLY, first=first, second=second)
    return fill(tr, WITH_SOME, first=first, second=second)


def describe_mood(emotions: dict, valence: float, arousal: float, confidence: float,
                  tr: Translate = _same) -> MoodWords:
    """Words for one reading: ``emotions`` is {name: probability}."""
    ranked = sorted(emotions.items(), key=lambda kv: -kv[1])
    numbers = fill(tr, NUMBERS, valence=valence, arousal=arousal, confidence=confidence)
    return MoodWords(feeling(valence, arousal, tr), _emotions_phrase(ranked, tr),
                     sureness(confidence, tr), valence_word(valence, tr),
                     arousal_word(arousal, tr), numbers)


def describe_result(result, tr: Translate = _same) -> MoodWords:
    """Words for an ``EmotionResult`` (a photo's reading or a batch's mood)."""
    return describe_mood(result.emotions, result.valence, result.arousal, result.confidence, tr)


# -- queue reasons ---------------------------------------------------------------------

_FEELS = re.compile(r"feels like (\w+) and (\w+)")


def _first_clause(reason: str) -> str:
    """Up to the first '; ' outside parentheses: what the item is and why, before the numbers."""
    depth = 0
    for i, ch in enumerate(reason):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and reason.startswith("; ", i):
            return reason[:i]
    return reason


def short_reason(reason: str, tr: Translate = _same) -> str:
    """A queue reason without its numbers: "feels like awe and contentment: genre ambient →
    awe, embedded cover → awe". The evidence is each item's own, so rows differ; the full
    text (fit, valence/arousal) belongs in a tooltip. The 'feels like' part is translated."""
    first = _first_clause(reason or "").strip()
    first = re.sub(r" \((.*)\)$", lambda m: ": " + m.group(1).replace("; ", ", "), first)
    first = first.replace(" -> ", " → ")
    return _FEELS.sub(lambda m: fill(tr, FEELS_LIKE, first=emotion_name(m.group(1), tr),
                                     second=emotion_name(m.group(2), tr)), first)


# -- models and tuning ---------------------------------------------------------------------

def model_short_name(spec: str) -> str:
    """'ViT-B-32' for 'ViT-B-32:laion2b_s34b_b79k', a folder's name for 'local-dir:/a/b/clip'."""
    spec = (spec or "").strip()
    for prefix in ("local-dir:", "hf-hub:"):
        if spec.startswith(prefix):
            return Path(spec[len(prefix):].rstrip("/")).name or spec
    if "/" in spec or spec.startswith("~"):
        return Path(spec.rstrip("/")).name or spec
    return spec.partition(":")[0]


def percent(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:.0%}"


def adapter_label(created: Optional[dt.datetime], photos: Optional[int],
                  tr: Translate = _same,
                  format_date: Callable[[dt.datetime], str] = lambda d: f"{d.day} {d:%b}") -> str:
    """'Tuned on 1 Dec, 40 photos' (either part left out when unknown)."""
    if created is not None and photos:
        return fill(tr, TUNED_DATE_PHOTOS, date=format_date(created), photos=photos)
    if created is not None:
        return fill(tr, TUNED_DATE, date=format_date(created))
    if photos:
        return fill(tr, TUNED_PHOTOS, photos=photos)
    return tr(CONTEXT, TUNED)


def score_sentence(before: dict, after: dict, tr: Translate = _same) -> str:
    """How tuning changed the reading of held-out photos, as a sentence."""
    if "accuracy" not in after:
        return ""
    if "accuracy" not in before:
        return fill(tr, SCORE_AFTER, after=percent(after["accuracy"]))
    return fill(tr, SCORE_BEFORE_AFTER, before=percent(before["accuracy"]),
                after=percent(after["accuracy"]))
