"""`moodplayer analyze` end to end, in a real subprocess: the JSON contract and exit codes."""

import json
import os
import subprocess
import sys

import numpy as np
from PIL import Image


def run(args, home, env_extra=None):
    env = dict(os.environ, MOODPLAYER_HOME=str(home), HF_HUB_OFFLINE="1")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "moodplayer", *args], capture_output=True,
                          text=True, env=env, timeout=240)


def make_photos(folder):
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    for i in range(3):
        Image.fromarray((rng.random((40, 60, 3)) * 255).astype(np.uint8)).save(folder / f"{i}.jpg")
    (folder / "sub").mkdir(exist_ok=True)
    Image.new("RGB", (30, 30), (0, 0, 200)).save(folder / "sub" / "blue.png")
    (folder / "readme.txt").write_text("not a photo")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")


def test_json_contract(tmp_path, tiny_spec, app_home):
    make_photos(tmp_path / "pics")
    r = run(["analyze", str(tmp_path / "pics"), "--json", "--model", tiny_spec], app_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)  # exactly one JSON object on stdout
    assert set(out) == {"photos", "combined", "unreadable_folders"}
    assert out["unreadable_folders"] == []  # every folder could be entered
    ok = [p for p in out["photos"] if "error" not in p]
    bad = [p for p in out["photos"] if "error" in p]
    assert len(ok) == 4 and len(bad) == 1  # readme.txt skipped, broken.jpg reported
    assert bad[0]["path"].endswith("broken.jpg") and "corrupt" in bad[0]["error"]
    for p in ok:
        assert set(p) >= {"path", "emotions", "valence", "arousal", "top"}
        assert abs(sum(p["emotions"].values()) - 1) < 1e-4
        assert -1 <= p["valence"] <= 1 and -1 <= p["arousal"] <= 1
    c = out["combined"]
    assert set(c) >= {"emotions", "valence", "arousal", "top"} and len(c["emotions"]) == 8
    assert "Traceback" not in r.stderr


def test_model_from_environment_and_table_output(tmp_path, tiny_spec, app_home):
    make_photos(tmp_path / "pics")
    r = run(["analyze", str(tmp_path / "pics" / "0.jpg")], app_home,
            {"MOODPLAYER_MODEL": tiny_spec, "MOODPLAYER_DEVICE": "cpu"})
    assert r.returncode == 0, r.stderr
    assert "0.jpg" in r.stdout and "valence" in r.stdout and "%" in r.stdout


def test_no_readable_photo_exits_2(tmp_path, tiny_spec, app_home):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"")
    r = run(["analyze", str(bad), "--json", "--model", tiny_spec], app_home)
    assert r.returncode == 2
    out = json.loads(r.stdout)
    assert out["photos"][0]["error"] and out["combined"] is None
    r = run(["analyze", str(tmp_path / "missing-folder"), "--model", tiny_spec], app_home)
    assert r.returncode == 2 and "not found" in r.stdout + r.stderr


def test_offline_model_message_no_traceback(tmp_path, app_home):
    make_photos(tmp_path / "pics")
    r = run(["analyze", str(tmp_path / "pics"), "--json"], app_home)
    assert r.returncode == 3
    assert r.stdout == ""
    assert "not downloaded yet" in r.stderr and "MOODPLAYER_MODEL" in r.stderr
    assert "Traceback" not in r.stderr
    assert (app_home / "logs" / "moodplayer.log").exists()


def count_text_encoder(monkeypatch):
    """Count the prompts every loaded model sends through its text encoder (the real one runs)."""
    from moodplayer.engine.emotions import extractor

    prompts = []
    real = extractor.encode_prompts

    def encode_prompts(model, texts):
        prompts.extend(texts)
        return real(model, texts)
    monkeypatch.setattr(extractor, "encode_prompts", encode_prompts)
    return prompts


def test_second_run_reads_the_text_features_and_an_edited_taxonomy_recomputes(
        tmp_path, tiny_spec, monkeypatch, capsys):
    from moodplayer.cli import main
    from moodplayer.engine import paths

    make_photos(tmp_path / "pics")
    photo = str(tmp_path / "pics" / "0.jpg")
    prompts = count_text_encoder(monkeypatch)
    assert main(["analyze", photo, "--model", tiny_spec, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(prompts) == 192  # 8 emotions x 4 words x 6 templates
    prompts.clear()
    assert main(["analyze", photo, "--model", tiny_spec, "--json"]) == 0
    assert prompts == []  # a new load of the model, and not one prompt encoded
    second = json.loads(capsys.readouterr().out)
    assert second["photos"][0]["emotions"] == first["photos"][0]["emotions"]

    data = json.loads((paths.resources_dir() / "taxonomies" / "mikels8.json").read_text())
    data["templates"] = data["templates"][:2]  # the user trims the prompt templates
    edited = tmp_path / "mine.json"
    edited.write_text(json.dumps(data))
    assert main(["analyze", photo, "--model", tiny_spec, "--taxonomy", str(edited), "--json"]) == 0
    expected = {t.format(w) for e in data["emotions"] for w in e["words"] for t in data["templates"]}
    assert len(prompts) == 8 * 4 * 2 and set(prompts) == expected
    third = json.loads(capsys.readouterr().out)
    assert third["photos"][0]["emotions"] != first["photos"][0]["emotions"]
    prompts.clear()
    assert main(["analyze", photo, "--model", tiny_spec, "--taxonomy", str(edited), "--json"]) == 0
    assert prompts == []


def test_nothing_readable_answers_without_loading_the_model(tmp_path, capsys):
    from moodplayer.cli import main

    # A model that cannot load (exit 3) proves it was never asked for.
    code = main(["analyze", str(tmp_path / "typo.jpg"), str(tmp_path / "gone"), "--json",
                 "--model", f"local-dir:{tmp_path / 'no-model'}"])
    captured = capsys.readouterr()
    assert code == 2 and "Loading" not in captured.err
    out = json.loads(captured.out)
    assert out["combined"] is None and [p["error"] for p in out["photos"]] == \
        ["file or folder not found"] * 2
