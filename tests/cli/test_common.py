"""A settings file the window wrote is one every command accepts (and bad ones only warn)."""

import json

import pytest

from moodplayer.cli import main
from moodplayer.cli.main import command_names
from moodplayer.engine.settings import Settings


@pytest.fixture
def window_settings(qtbot, tiny_spec, app_home, tmp_path):
    """Settings written by the window's own dialog, as a user would leave them:
    music and videos ("any"), 3 items, a tuned adapter since deleted."""
    from moodplayer.app.widgets.settings_dialog import SettingsDialog

    s = Settings(model=tiny_spec, precision="fp32", batch_size=4,
                 adapter=str(tmp_path / "deleted.safetensors"))
    dialog = SettingsDialog(s)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("any"))
    dialog.length.setValue(3)
    dialog.diversity.setValue(45)
    dialog.device.setCurrentText("cpu")
    dialog.apply_to(s)
    s.extra.update(volume=70, first_run_done=True)
    s.save()
    saved = json.loads((app_home / "settings.json").read_text())
    assert (saved["queue_kind"], saved["queue_length"], saved["diversity"]) == ("any", 3, 0.45)
    return s


def every_command(tmp_path, synthetic_folder):
    """One ordinary use of each command (a new command needs a line here)."""
    from moodplayer.cli.selftest import make_library

    music = tmp_path / "music"
    make_library(music)
    photo = str(next((synthetic_folder / "awe").iterdir()))
    data = ["--data", str(synthetic_folder), "--shots", "1", "--epochs", "1", "--lr", "0.01"]
    return {
        "scan": ["scan", str(music)],
        "analyze": ["analyze", photo],
        "queue": ["queue", photo, "--json"],
        "playlists": ["playlists", "list"],
        "label": ["label", photo, "awe"],
        "labels": ["labels"],
        "tune": ["tune", *data, "--method", "linear", "--out", str(tmp_path / "t.safetensors")],
        "eval": ["eval", *data, "--method", "zero-shot", "--seeds", "1"],
        "completion": ["completion", "bash"],
        "listen": ["listen"],
        "items": ["items", "--json"],
        "models": ["models", "list"],
    }


def test_every_command_runs_on_the_window_settings(window_settings, tmp_path, synthetic_folder,
                                                   capsys):
    runs = every_command(tmp_path, synthetic_folder)
    assert set(runs) == command_names(), "give the new command an ordinary run in every_command"
    for name, argv in runs.items():
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 0, f"{name}: {captured.err}"
        assert "Traceback" not in captured.err and "internal error" not in captured.err
        if name == "queue":  # the window's kind and length reached the queue
            items = json.loads(captured.out)["items"]
            assert len(items) == 3
        if name == "analyze":  # the window's stale adapter: a warning, then zero-shot
            assert "warning: the adapter in the settings is not used" in captured.err


@pytest.mark.parametrize("bad", [
    {"queue_kind": "jazz"}, {"queue_length": "3"}, {"model": None}, {"diversity": "high"},
    {"device": 7}, "{ damaged json",
])
def test_a_bad_settings_file_warns_once_and_the_command_still_works(bad, tiny_spec, app_home,
                                                                   photo_folder, capsys):
    app_home.mkdir(parents=True, exist_ok=True)
    path = app_home / "settings.json"
    path.write_text(bad if isinstance(bad, str) else json.dumps(bad))
    code = main(["analyze", str(photo_folder / "03.jpg"), "--model", tiny_spec, "--json"])
    captured = capsys.readouterr()
    assert code == 0 and json.loads(captured.out)["photos"]
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(path) in warnings[0]
    if not isinstance(bad, str):
        assert f"'{next(iter(bad))}'" in warnings[0]  # the key is named
    assert main(["-q", "labels", "--json"]) == 0  # -q silences the warning too
    assert capsys.readouterr().err == ""


def test_an_adapter_asked_for_must_load(tiny_spec, photo_folder, tmp_path, capsys):
    code = main(["analyze", str(photo_folder / "04.jpg"), "--model", tiny_spec,
                 "--adapter", str(tmp_path / "missing.safetensors")])
    err = capsys.readouterr().err
    assert code == 2 and "not found" in err and "Traceback" not in err
