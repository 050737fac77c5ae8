import json

import pytest

from moodplayer.engine.emotions.taxonomy import load_taxonomy
from moodplayer.engine.errors import TaxonomyError

MIKELS = ["amusement", "awe", "contentment", "excitement", "anger", "disgust", "fear", "sadness"]


def test_default_taxonomy_is_mikels_eight(taxonomy):
    assert taxonomy.names == MIKELS
    for e in taxonomy.emotions:
        assert -1 <= e.valence <= 1 and -1 <= e.arousal <= 1
        assert len(taxonomy.prompts(e)) >= 4
        assert all(w in " ".join(taxonomy.prompts(e)) for w in e.words)
    positive = {"amusement", "awe", "contentment", "excitement"}
    for e in taxonomy.emotions:
        assert (e.valence > 0) == (e.name in positive)


def write(tmp_path, data):
    p = tmp_path / "t.json"
    p.write_text(json.dumps(data))
    return p


def good():
    return {"id": "two", "templates": ["a {} photo"], "emotions": [
        {"name": "happy", "valence": 0.8, "arousal": 0.2},
        {"name": "sad", "valence": -0.8, "arousal": -0.3, "words": ["sad", "gloomy"]}]}


def test_second_taxonomy_needs_no_code(tmp_path):
    t = load_taxonomy(write(tmp_path, good()))
    assert t.names == ["happy", "sad"]
    assert t.prompts(t.emotions[1]) == ["a sad photo", "a gloomy photo"]
    assert t.fingerprint != load_taxonomy("mikels8").fingerprint


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d.pop("templates"), "templates"),
    (lambda d: d.update(templates=["no placeholder"]), "templates"),
    (lambda d: d["emotions"][0].update(valence=1.5), "[-1, 1]"),
    (lambda d: d["emotions"][0].pop("arousal"), "arousal"),
    (lambda d: d["emotions"].append(dict(d["emotions"][0])), "twice"),
    (lambda d: d.update(emotions=d["emotions"][:1]), "at least two"),
])
def test_malformed_taxonomy_is_refused_with_reason(tmp_path, breakage, message):
    data = good()
    breakage(data)
    with pytest.raises(TaxonomyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_taxonomy(write(tmp_path, data))


def test_unknown_and_invalid_json(tmp_path):
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy("no-such-taxonomy")
    bad = tmp_path / "bad.json"
    bad.write_text("{ nope")
    with pytest.raises(TaxonomyError, match="not valid JSON"):
        load_taxonomy(bad)


@pytest.mark.parametrize("edit", [
    lambda d: d["emotions"][1]["words"].append("blue"),  # one prompt word more
    lambda d: d["emotions"][1]["words"].__setitem__(0, "unhappy"),  # a prompt word edited
    lambda d: d.update(templates=["a {} picture"]),  # a template edited
    lambda d: d["emotions"][0].update(valence=0.5),  # a valence/arousal point moved
    lambda d: d["emotions"][0].update(arousal=0.9),
    lambda d: d["emotions"].reverse(),  # the order of the classes
    lambda d: d["emotions"][0].update(name="glad"),
    lambda d: d.update(version=2),
])
def test_fingerprint_covers_everything_that_changes_a_reading(tmp_path, edit):
    before = load_taxonomy(write(tmp_path, good())).fingerprint
    data = good()
    edit(data)
    assert load_taxonomy(write(tmp_path, data)).fingerprint != before


def test_fingerprint_ignores_title_and_colours(tmp_path):
    before = load_taxonomy(write(tmp_path, good())).fingerprint
    data = good()
    data["title"] = "Two moods"
    data["emotions"][0]["color"] = "#123456"
    assert load_taxonomy(write(tmp_path, data)).fingerprint == before
