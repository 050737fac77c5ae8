import json

import pytest
from PIL import Image

from moodplayer.cli import main

from ..engine.library.media import copy_media, cover_jpeg


@pytest.fixture
def music(templates, tmp_path):
    root = tmp_path / "music"
    for i, (genre, color) in enumerate([("metal", (220, 0, 0)), ("ambient", (0, 90, 200)),
                                        ("pop", (250, 220, 0)), ("blues", (20, 20, 60))]):
        copy_media(templates, "mp3", root / f"{i}.mp3", title=f"Song {i}", artist=f"Artist {i}",
                   genre=genre, cover=cover_jpeg(color))
    copy_media(templates, "mkv", root / "clip.mkv")
    (root / "broken.mp3").write_bytes(b"")
    return root


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (48, 48), (255, 120, 0)).save(folder / "a.jpg")
    Image.new("RGB", (48, 48), (10, 10, 80)).save(folder / "b.png")
    return folder


def test_scan_json_counts_and_rescan(music, tiny_spec, capsys):
    assert main(["scan", str(music), "--json", "--model", tiny_spec]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["updated"], out["unchanged"], out["missing"], out["failed"]) == \
        (5, 0, 0, 0, 1)
    assert out["failures"][0]["reason"] == "the file is empty (0 bytes)"
    assert out["profiles_waiting_for_model"] == 0
    (music / "0.mp3").unlink()
    assert main(["scan", str(music), "--json", "--no-model"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["unchanged"], out["missing"]) == (0, 4, 1)


def test_scan_text_lists_failures_and_warns_without_model(music, tmp_path, capsys):
    code = main(["scan", str(music), "--model", f"local-dir:{tmp_path / 'no-such-model'}"])
    captured = capsys.readouterr()
    assert code == 0
    assert "added 5" in captured.out and "failed 1" in captured.out
    assert f"failed: {music / 'broken.mp3'}: the file is empty" in captured.out
    warning = [l for l in captured.err.splitlines() if l.startswith("warning:")]
    assert len(warning) == 1 and "computed when the model is available" in warning[0]
    assert "5 items wait for the CLIP model" in captured.out


def test_scan_of_nothing_readable_exits_2(tmp_path, capsys):
    assert main(["scan", str(tmp_path / "nope"), "--no-model"]) == 2
    assert "could be read" in capsys.readouterr().err


def test_queue_on_empty_library_exits_2(photos, tiny_spec, capsys):
    assert main(["queue", str(photos), "--model", tiny_spec]) == 2
    err = capsys.readouterr().err
    assert "library is empty" in err and "Traceback" not in err


def test_queue_json_contract_and_export(music, photos, tiny_spec, tmp_path, capsys):
    assert main(["scan", str(music), "--no-model"]) == 0  # profiles finish at queue time
    capsys.readouterr()
    export = tmp_path / "out.m3u8"
    code = main(["queue", str(photos), "--length", "3", "--kind", "mixed", "--json",
                 "--export", str(export), "--model", tiny_spec])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["mood"]) >= {"emotions", "valence", "arousal", "confidence", "top"}
    assert len(out["items"]) == 3
    for item in out["items"]:
        assert set(item) == {"path", "title", "artist", "kind", "score", "reason"}
        assert item["kind"] in ("music", "video") and isinstance(item["score"], float)
        assert item["reason"]
    lines = export.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U" and sum(not l.startswith("#") for l in lines) == 3

    assert main(["queue", str(photos), "--length", "2", "--kind", "video", "--json",
                 "--model", tiny_spec]) == 0
    only = json.loads(capsys.readouterr().out)["items"]
    assert [i["kind"] for i in only] == ["video"]  # the library holds one video

    assert main(["queue", str(photos / "a.jpg"), "--minutes", "0.05", "--to", str(photos / "b.png"),
                 "--kind", "music", "--save", "trip", "--model", tiny_spec]) == 0
    assert "mood path" in capsys.readouterr().out
    assert main(["playlists", "list"]) == 0
    assert "trip" in capsys.readouterr().out
    assert main(["playlists", "export", "trip", str(tmp_path / "trip.xspf")]) == 0
    assert main(["playlists", "import", str(tmp_path / "trip.xspf"), "--name", "again"]) == 0
    assert "Imported" in capsys.readouterr().out


def test_queue_without_photos_exits_2(music, tmp_path, tiny_spec, capsys):
    assert main(["scan", str(music), "--no-model"]) == 0
    (tmp_path / "empty").mkdir()
    assert main(["queue", str(tmp_path / "empty"), "--model", tiny_spec]) == 2
    assert "No photos" in capsys.readouterr().err


def test_rescanning_an_unchanged_library_does_not_load_the_model(music, tiny_spec, tmp_path,
                                                                  capsys):
    assert main(["scan", str(music), "--model", tiny_spec]) == 0
    capsys.readouterr()
    # A model that cannot load would warn if it were asked for: nothing needs it now.
    assert main(["scan", str(music), "--json", "--model", f"local-dir:{tmp_path / 'none'}"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["unchanged"] == 5
    assert "warning" not in captured.err and "Loading" not in captured.err
