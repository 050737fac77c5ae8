from types import SimpleNamespace

import pytest

from moodplayer.engine.library.signals.priors import Priors
from moodplayer.engine.library.signals.tags import bpm_arousal, key_valence, tags_part


def test_tempo_and_key_cues():
    assert bpm_arousal(60) < bpm_arousal(100) < bpm_arousal(170)
    assert key_valence("Am") < 0 < key_valence("C") and key_valence("8A") < 0
    assert key_valence(None) is None


def _item(mood=None, bpm=None, musical_key=None):
    return SimpleNamespace(mood=mood, bpm=bpm, musical_key=musical_key)


def test_tags_part_keeps_the_tagged_point(taxonomy):
    priors = Priors.load(taxonomy)
    p = tags_part(_item(bpm=160, musical_key="Am"), priors, taxonomy)
    assert (p.valence, p.arousal) == (-0.3, pytest.approx(1.0)) and p.detail == "160 BPM, key Am"
    assert tags_part(_item(bpm=5), priors, taxonomy) is None  # not a tempo
    assert tags_part(_item(), priors, taxonomy) is None
