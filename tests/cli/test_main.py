"""The entry point: CLI or window, and what every command's --help promises."""

import json

import pytest

from moodplayer.cli import build_parser, wants_cli
from moodplayer.cli.common import EXIT_CODES
from moodplayer.cli.parser_tree import commands, optionals, positionals

from .conftest import run_cli


@pytest.mark.parametrize("argv, cli", [
    (["analyze", "x.jpg"], True),
    (["-v", "analyze", "x.jpg"], True),
    (["--model", "local-dir:/m", "-q", "queue", "x.jpg"], True),
    (["--json", "labels"], True),
    (["--help"], True),
    (["-v", "--version"], True),
    (["anlyze", "x.jpg"], True),  # a typo gets argparse's list of commands, not the window
    ([], False),
    (["-v"], False),  # global options only: the window
    (["holiday/beach.jpg"], False),  # photos for the window
])
def test_wants_cli(argv, cli):
    assert wants_cli(argv) is cli


def test_verbose_before_the_command_runs_the_command_not_the_window(photo_folder, tiny_spec,
                                                                      app_home):
    r = run_cli(["-v", "analyze", str(photo_folder / "02.jpg"), "--model", tiny_spec, "--json"],
                app_home)
    assert "window shown" not in r.stdout
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["photos"][0]["path"].endswith("02.jpg")
    assert "INFO:" in r.stderr and "Traceback" not in r.stderr


def all_commands():
    return list(commands(build_parser()).items())


@pytest.mark.parametrize("name, entry", all_commands(), ids=[n for n, _ in all_commands()])
def test_every_help_explains_every_option_with_examples_and_exit_codes(name, entry):
    summary, parser = entry
    assert summary and parser.description, name
    for action in optionals(parser) + positionals(parser):
        assert action.help and len(action.help) > 8, f"{name}: {action.option_strings or action.dest}"
    text = parser.format_help()
    assert "examples:" in text and f"moodplayer {name}" in text.split("examples:")[1]
    for code, _ in EXIT_CODES:
        assert f"\n  {code:<4} " in text, f"{name} --help lacks exit code {code}"
    assert "-v, --verbose" in text and "-q, --quiet" in text  # global options, after the command


def test_list_and_show_commands_all_have_json():
    lacking = [name for name, (_, p) in commands(build_parser()).items()
               if name != "completion" and not any("--json" in a.option_strings
                                                   for a in optionals(p))]
    assert lacking == []


def test_a_bad_value_is_a_usage_error_not_a_traceback(capsys):
    from moodplayer.cli import main

    for argv, says in ((["queue", "x.jpg", "--length", "0"], "not an integer from 1 to 500"),
                       (["queue", "x.jpg", "--diversity", "lots"], "not a number from 0 to 1"),
                       (["queue", "x.jpg", "--kind", "jazz"], "invalid choice: 'jazz'")):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        err = capsys.readouterr().err
        assert stop.value.code == 2 and says in err and "Traceback" not in err


def test_the_program_exits_early_with_everything_said(photo_folder, tiny_spec, app_home):
    """Run as the program, a command leaves through os._exit: the exit code, the whole
    JSON document and the log file's last lines must all still be there."""
    r = run_cli(["-v", "analyze", str(photo_folder), "--model", tiny_spec, "--json"], app_home)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["photos"]) == 12
    log = (app_home / "logs" / "moodplayer.log").read_text()
    assert "loaded local model folder" in log
    r = run_cli(["analyze", str(photo_folder / "missing.jpg"), "--json"], app_home)
    assert r.returncode == 2 and json.loads(r.stdout)["combined"] is None
