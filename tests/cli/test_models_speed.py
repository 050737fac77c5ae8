"""``moodplayer models speed``: the measured CPU plan, in words and as JSON."""

from __future__ import annotations

import json

from moodplayer.cli import main
from moodplayer.engine import paths
from moodplayer.engine.vision import cpu_plan


def test_speed_measures_once_and_says_the_choice(tiny_spec, capsys):
    assert main(["models", "speed", "--model", tiny_spec]) == 0
    out, err = capsys.readouterr()
    assert "only this once" in err
    assert "On the CPU MoodPlayer uses" in out and "fp32" in out and "min cosine" in out
    assert (paths.cache_dir() / cpu_plan.FILE_NAME).exists()
    assert main(["models", "speed", "--model", tiny_spec, "--json"]) == 0
    out, err = capsys.readouterr()
    plan = json.loads(out)
    assert "only this once" not in err  # kept from the first run
    assert plan["precision"] in ("fp32", "bf16", "int8") and "fp32" in plan["measured"]
    assert plan["threads_batch"] >= 1 and plan["reason"]


def test_remeasure_measures_again(tiny_spec, capsys):
    assert main(["models", "speed", "--model", tiny_spec, "-q"]) == 0
    capsys.readouterr()
    assert main(["models", "speed", "--model", tiny_spec, "--remeasure"]) == 0
    assert "only this once" in capsys.readouterr().err


def test_a_model_that_cannot_load_exits_with_the_no_model_code(tmp_path, capsys):
    assert main(["models", "speed", "--model", f"local-dir:{tmp_path}"]) == 3
    assert "not an open_clip model folder" in capsys.readouterr().err
