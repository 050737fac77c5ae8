"""Global options before or after the command mean the same thing."""

import json

import pytest

from moodplayer.cli import main
from moodplayer.cli.options import first_word, hoist

COMMANDS = {"analyze", "labels", "playlists"}


@pytest.mark.parametrize("argv, expected", [
    (["-v", "analyze", "x.jpg"], ["analyze", "x.jpg", "-v"]),
    (["--model", "M", "-q", "analyze", "x.jpg", "--json"], ["analyze", "x.jpg", "--json",
                                                             "--model", "M", "-q"]),
    (["--model=M", "analyze", "x.jpg"], ["analyze", "x.jpg", "--model=M"]),
    (["-vq", "labels"], ["labels", "-vq"]),
    (["-v", "analyze", "--", "-odd-name.jpg"], ["analyze", "-v", "--", "-odd-name.jpg"]),
    (["analyze", "x.jpg", "-v"], ["analyze", "x.jpg", "-v"]),  # already after: untouched
    (["-v", "--help"], ["-v", "--help"]),  # no command: the top parser answers
    (["-v"], ["-v"]),
])
def test_hoist_moves_global_options_after_the_command(argv, expected):
    assert hoist(argv, COMMANDS) == expected


def test_first_word_skips_global_options_and_their_values():
    assert first_word(["--model", "analyze", "labels"]) == (2, "labels")  # a model named 'analyze'
    assert first_word(["--device", "cpu", "-v", "photo.jpg"]) == (3, "photo.jpg")
    assert first_word(["-v", "-q"]) == (None, None)


def analyze_json(argv, capsys):
    assert main(argv) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_analyze_options_before_after_and_between(photo_folder, tiny_spec, capsys):
    photo = str(photo_folder / "00.jpg")
    # fp32: under auto a busy machine may measure its way to another path between runs
    fp32 = ["--precision", "fp32"]
    after, err_after = analyze_json(["analyze", photo, "--json", "-q", "--model", tiny_spec] + fp32,
                                    capsys)
    before, err_before = analyze_json(["-q", "--json", "--model", tiny_spec, "analyze", photo]
                                      + fp32, capsys)
    mixed, err_mixed = analyze_json(["--model", tiny_spec, "analyze", "-q", photo, "--json"]
                                    + fp32, capsys)
    # Equal up to float noise: the first run computes the text features, the others read them.
    assert after.keys() == before.keys() == mixed.keys()
    assert after["photos"][0]["path"] == before["photos"][0]["path"] == photo
    for other in (before, mixed):
        assert other["combined"]["emotions"] == pytest.approx(after["combined"]["emotions"],
                                                              abs=1e-3)
    assert err_after == err_before == err_mixed == ""  # -q: not even "Loading ..."


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_in_either_place_logs_details(photo_folder, tiny_spec, capsys, where):
    args = ["analyze", str(photo_folder / "01.jpg"), "--model", tiny_spec]
    assert main(["-v"] + args if where == "before" else args + ["-v"]) == 0
    assert "INFO: loaded local model folder" in capsys.readouterr().err


def test_json_before_a_listing_command(capsys):
    assert main(["--json", "playlists"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["-q", "--json", "labels"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_contradictions_and_misplaced_options_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["-v", "labels", "-q"])
    assert stop.value.code == 2 and "contradict" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["--model", "x", "labels"])  # labels loads no model
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "unrecognized arguments: --model x" in err
