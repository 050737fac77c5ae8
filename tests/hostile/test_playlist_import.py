"""Playlists from elsewhere: relative entries, web addresses, system files, missing files, FIFOs."""

from __future__ import annotations

import json
import os

from .conftest import clean, cli, song


def _playlist_world(world):
    lists = world / "lists"
    music = lists / "music"
    song(music / "one.wav")
    song(music / "two.wav", 0.5)
    os.mkfifo(music / "pipe.mp3")
    text = "\n".join([
        "#EXTM3U",
        "#EXTINF:1,Artist - One", "music/one.wav",  # relative to the playlist's folder
        "./music/../music/two.wav",
        "http://radio.example/stream.mp3",
        "/etc/passwd",
        "/proc/self/environ",
        "music/pipe.mp3",
        "music/not-here-yet.flac",  # an unplugged drive: kept, and said
        "notes.txt",
    ]) + "\n"
    (lists / "mix.m3u8").write_text(text, encoding="utf-8")
    return lists, music


def test_import_from_elsewhere_resolves_against_the_playlist_and_reports_the_rest(world):
    lists, music = _playlist_world(world)
    home = world / "home"
    elsewhere = world / "somewhere-else"
    elsewhere.mkdir()
    r = cli(["playlists", "import", "../lists/mix.m3u8", "--json"], home, cwd=elsewhere)
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["imported"] == "mix" and out["items"] == 3  # the name, and the entries kept
    assert out["missing"] == [{"path": str(music / "not-here-yet.flac")}]
    skipped = {s["path"]: s["reason"] for s in out["skipped"]}
    assert skipped == {
        "http://radio.example/stream.mp3": "not a local file (a web address)",
        "/etc/passwd": "a system file, not music",
        "/proc/self/environ": "a system file, not music",
        str(music / "pipe.mp3"): "not a regular file (a named pipe)",
        str(lists / "notes.txt"): "not a music or video file",
    }
    shown = cli(["playlists", "show", "mix", "--json"], home)
    assert [i["path"] for i in json.loads(shown.stdout)["items"]] == \
        [str(music / "one.wav"), str(music / "two.wav"), str(music / "not-here-yet.flac")]


def test_import_says_it_in_words_too(world):
    lists, _ = _playlist_world(world)
    r = cli(["playlists", "import", str(lists / "mix.m3u8"), "--name", "Mine"], world / "home")
    clean(r)
    assert "Imported 3 entries as 'Mine'." in r.stdout
    assert "1 of them are missing right now" in r.stdout
    assert "Skipped 5:" in r.stdout and "/etc/passwd (a system file, not music)" in r.stdout


def test_a_playlist_that_is_a_fifo_or_a_device_is_refused_not_waited_for(world):
    os.mkfifo(world / "list.m3u8")
    r = cli(["playlists", "import", str(world / "list.m3u8")], world / "home", timeout=60)
    clean(r)
    assert r.returncode == 2 and "not a regular file (a named pipe)" in r.stderr
    os.symlink("/dev/zero", world / "zero.m3u8")
    r = cli(["playlists", "import", str(world / "zero.m3u8")], world / "home", timeout=60)
    clean(r)
    assert r.returncode == 2 and "not a regular file (a character device)" in r.stderr
