"""`moodplayer scan --audio` and `moodplayer items --json`: the CLI contract of issue 11."""

import json

from moodplayer.cli import main

from ..engine.audio import synth


def test_scan_audio_then_items_json(tmp_path, capsys):
    folder = tmp_path / "music"
    synth.write(folder / "slow.flac", synth.normalise(
        synth.chord_piece(9, "minor", "pad", seed=0, seconds=20.0, chord_s=3.0), -30.0))
    synth.write(folder / "fast.flac", synth.master(synth.drum_track(150, seconds=20.0), -9.0))
    (tmp_path / "notes.txt").write_text("not music")
    assert main(["scan", str(folder), "--no-model", "--audio", "--json"]) == 0
    scanned = json.loads(capsys.readouterr().out)
    assert scanned["audio"] == {"heard": 2, "failed": 0}
    assert main(["items", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert {i["title"] for i in items} == {"slow", "fast"}
    for i in items:
        assert set(i) >= {"path", "kind", "title", "artist", "valence", "arousal", "top", "audio"}
        assert i["kind"] == "music" and isinstance(i["top"], list) and len(i["top"]) == 2
        assert i["audio"]["mode"] in ("major", "minor") and i["audio"]["key"]
        assert isinstance(i["audio"]["bpm"], float) and isinstance(i["audio"]["loudness_lufs"], float)
    by = {i["title"]: i for i in items}
    assert by["fast"]["arousal"] > by["slow"]["arousal"]
    assert by["fast"]["audio"]["loudness_lufs"] > by["slow"]["audio"]["loudness_lufs"] + 10
    assert main(["items", "--json", "--limit", "1", "--kind", "music"]) == 0
    assert len(json.loads(capsys.readouterr().out)["items"]) == 1


def test_items_before_listening_say_audio_null_and_bad_limits_are_refused(tmp_path, capsys):
    import pytest

    folder = tmp_path / "music"
    synth.write(folder / "tone.wav", synth.sine(440, 3.0, -20.0))
    assert main(["scan", str(folder), "--no-model", "--json"]) == 0
    capsys.readouterr()
    assert main(["items", "--json"]) == 0
    assert [i["audio"] for i in json.loads(capsys.readouterr().out)["items"]] == [None]
    with pytest.raises(SystemExit) as exit_:
        main(["items", "--limit", "0"])
    assert exit_.value.code == 2
