"""The settings schema: what the window writes, the CLI reads, and bad values never break either."""

import json

import pytest

from moodplayer.engine import settings as settings_module
from moodplayer.engine.settings import SCHEMA, Settings


def write(home, values):
    home.mkdir(parents=True, exist_ok=True)
    path = home / "settings.json"
    path.write_text(json.dumps(values) if not isinstance(values, str) else values)
    return path


def test_every_field_has_a_rule_and_its_default():
    fields = {f.name: f for f in settings_module.dataclasses.fields(Settings)}
    assert set(fields) == set(SCHEMA)
    fresh = Settings()
    for name, rule in SCHEMA.items():
        assert getattr(fresh, name) == rule.default, name
        assert rule.normalise(rule.default) == rule.default, name  # defaults obey their rules
        assert rule.help and rule.allowed()
    assert Settings().library_folders is not Settings().library_folders  # no shared list


def test_round_trip_keeps_every_value(app_home):
    s = Settings(model="local-dir:/models/clip", device="cuda:1", precision="fp32", taxonomy="x.json",
                 batch_size=8, adapter="/a.safetensors", queue_length=7, queue_kind="any",
                 diversity=0.55, library_folders=["/m"], watch_folders=["/p"], extra={"volume": 40})
    s.save()
    loaded = Settings.load()
    assert loaded == s and loaded.problems == []


@pytest.mark.parametrize("key, value, says", [
    ("queue_kind", "jazz", '"jazz", not one of music, video, any, mixed'),
    ("queue_length", "20", 'the text "20", not an integer from 1 to 500'),
    ("queue_length", 0, "0, not an integer from 1 to 500"),
    ("model", None, "null, not a non-empty text"),
    ("device", "gpu", '"gpu", not one of auto, cpu, cuda, mps, cuda:N'),
    ("precision", 16, "16, not one of auto, fp32, bf16, fp16"),
    ("diversity", 1.5, "1.5, not a number from 0 to 1"),
    ("batch_size", True, "true, not an integer from 1 to 1024"),
    ("library_folders", ["/ok", 3], "a list holding 3, not a list of texts"),
    ("extra", [], "a list, not a JSON object"),
])
def test_a_wrong_value_is_one_warning_and_the_default(app_home, key, value, says):
    path = write(app_home, {key: value, "queue_length": 9} if key != "queue_length" else {key: value})
    s = Settings.load()
    assert getattr(s, key) == SCHEMA[key].default
    assert len(s.problems) == 1
    line = s.problems[0]
    assert "\n" not in line and f"'{key}'" in line and str(path) in line and says in line
    if key != "queue_length":
        assert s.queue_length == 9  # the good values around it are kept


def test_aliases_and_forms_the_window_and_cli_both_accept(app_home):
    write(app_home, {"queue_kind": "mixed", "device": "cuda:0", "diversity": 1, "adapter": None})
    s = Settings.load()
    assert (s.queue_kind, s.device, s.diversity, s.adapter) == ("any", "cuda:0", 1.0, None)
    assert isinstance(s.diversity, float) and s.problems == []


def test_a_damaged_file_is_set_aside_with_one_warning(app_home):
    path = write(app_home, "{not json")
    s = Settings.load()
    assert s == Settings() and len(s.problems) == 1
    assert str(path) in s.problems[0] and "unreadable" in s.problems[0]
    assert (app_home / "settings.json.bad").read_text() == "{not json"
    write(app_home, "[1, 2]")  # JSON, but not an object
    assert "not a JSON object" in Settings.load().problems[0]


def test_unknown_keys_survive_a_save(app_home):
    write(app_home, {"queue_kind": "video", "from_a_newer_version": {"x": 1}})
    s = Settings.load()
    assert s.problems == []
    s.queue_length = 5
    s.save()
    saved = json.loads((app_home / "settings.json").read_text())
    assert saved["from_a_newer_version"] == {"x": 1} and saved["queue_length"] == 5


def test_environment_overrides_and_bad_environment(app_home, monkeypatch):
    write(app_home, {"device": "cpu", "model": "ViT-B-16:openai"})
    monkeypatch.setenv("MOODPLAYER_MODEL", "local-dir:/m")
    monkeypatch.setenv("MOODPLAYER_DEVICE", "tpu")
    s = Settings.load()
    assert s.model == "local-dir:/m" and s.device == "cpu"
    assert s.problems == ["environment: MOODPLAYER_DEVICE is \"tpu\", not one of auto, cpu, cuda, "
                          "mps, cuda:N; ignored"]
    assert Settings.load(use_env=False).model == "ViT-B-16:openai"


def test_the_window_dialog_values_are_schema_values():
    """Both ways: what the settings dialog offers is valid here, and every queue kind the
    schema allows is one the dialog can show and the queue builder understands."""
    from moodplayer.app.widgets.settings_dialog import DEVICES, KINDS
    from moodplayer.core.mood_session import QUEUE_KINDS

    for device in DEVICES:
        assert SCHEMA["device"].normalise(device) == device
    assert {k for k, _ in KINDS} == set(SCHEMA["queue_kind"].choices)
    for kind in SCHEMA["queue_kind"].choices + tuple(a for a, _ in SCHEMA["queue_kind"].aliases):
        assert QUEUE_KINDS[kind] in ("music", "video", "mixed")
    rule = SCHEMA["queue_length"]
    assert rule.normalise(1) == 1 and rule.normalise(500) == 500  # the dialog's spin-box range
    for bad in (0, 501):
        with pytest.raises(ValueError):
            rule.normalise(bad)
