import numpy as np
import pytest

from moodplayer.engine.library.signals.priors import Priors

COMMON = ["pop", "rock", "jazz", "classical", "hip hop", "electronic", "metal", "country",
          "blues", "reggae", "folk", "ambient", "soul", "punk", "r&b", "funk", "disco", "techno",
          "house", "soundtrack", "latin", "indie", "gospel", "trance", "dubstep", "opera"]


@pytest.fixture(scope="module")
def priors(taxonomy):
    return Priors.load(taxonomy)


def test_genre_table_covers_common_genres(priors, taxonomy):
    for g in COMMON:
        probs, conf, name = priors.genre(g)
        assert probs.shape == (len(taxonomy),) and probs.sum() == pytest.approx(1, abs=1e-5)
        assert conf > 0.3
    assert priors.genre("Progressive Rock")[2] == "rock"  # partial match
    assert priors.genre("Melodic Death Metal")[2] == "death metal"  # longest name wins
    assert priors.genre("Hip-Hop")[2] == "hip hop"  # alias
    assert priors.genre("zzzz") is None and priors.genre(None) is None
    va = {g: priors.genre(g)[0] @ np.array([[e.valence, e.arousal] for e in taxonomy.emotions])
          for g in ("ambient", "metal", "comedy", "blues")}
    assert va["ambient"][1] < va["metal"][1] and va["comedy"][0] > va["blues"][0]


def test_mood_words(priors, taxonomy):
    probs, conf = priors.mood("Calm / Relaxed")
    assert probs.sum() == pytest.approx(1, abs=1e-5) and conf > 0.3
    assert priors.mood("qwerty") is None and priors.mood(None) is None
