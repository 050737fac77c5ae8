"""`moodplayer playlists`: every action answers in JSON with --json, and counts match the files."""

import json

from moodplayer.cli import main


def m3u8(path, entries):
    path.write_text("#EXTM3U\n" + "".join(f"#EXTINF:-1,Song {i}\n{p}\n"
                                          for i, p in enumerate(entries)), encoding="utf-8")
    return path


def run_json(argv, capsys):
    assert main(argv + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_action_has_json_and_counts_are_the_rows(tmp_path, capsys):
    songs = [tmp_path / f"song{i}.mp3" for i in range(4)]
    source = m3u8(tmp_path / "party.m3u8", songs)
    imported = run_json(["playlists", "import", str(source), "--name", "Party"], capsys)
    assert {k: imported[k] for k in ("imported", "file", "items")} == \
        {"imported": "Party", "file": str(source), "items": 4}
    assert imported["skipped"] == [] and len(imported["missing"]) == 4  # the songs are not here
    shown = run_json(["playlists", "show", "Party"], capsys)
    assert [i["path"] for i in shown["items"]] == [str(p) for p in songs]  # the count is the rows
    assert run_json(["playlists"], capsys) == [{"name": "Party", "count": 4, "auto": False}]

    exported = run_json(["playlists", "export", "Party", str(tmp_path / "out")], capsys)
    written = [line for line in (tmp_path / "out.m3u8").read_text().splitlines()
               if line and not line.startswith("#")]
    assert exported["items"] == len(written) == 4 and exported["file"].endswith("out.m3u8")

    assert run_json(["playlists", "rename", "Party", "Calm"], capsys) == {"renamed": "Party",
                                                                            "to": "Calm"}
    assert run_json(["playlists", "delete", "Calm"], capsys) == {"deleted": "Calm"}
    assert run_json(["playlists", "list"], capsys) == []


def test_text_output_says_the_same_counts(tmp_path, capsys):
    source = m3u8(tmp_path / "two.m3u8", [tmp_path / "a.mp3", tmp_path / "b.mp3"])
    assert main(["playlists", "import", str(source)]) == 0
    assert capsys.readouterr().out.strip().startswith("Imported 2 entries as 'two'.")
    assert main(["playlists", "export", "two", str(tmp_path / "two.xspf")]) == 0
    assert capsys.readouterr().out.strip() == f"Exported 'two' (2 items) to {tmp_path / 'two.xspf'}"
    assert main(["playlists", "show", "missing"]) == 2
    assert "missing" in capsys.readouterr().err
