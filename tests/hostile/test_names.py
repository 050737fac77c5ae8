"""File names that are not UTF-8 (Latin-1 names from old zips, SD cards): analysed, scanned,
stored, shown, exported and played back by path, and JSON stays valid UTF-8."""

from __future__ import annotations

import base64
import json
import os
import random

import pytest

from moodplayer.engine import fsnames

from .conftest import clean, cli, photo, song

LATIN1 = b"caf\xe9 cr\xe8me"  # 'café crème' in Latin-1: not valid UTF-8


def _names(n: int, seed: int = 0) -> list:
    """Random byte names a Linux file system accepts (no '/' and no NUL), many not UTF-8."""
    rng = random.Random(seed)
    alphabet = [b for b in range(1, 256) if b != ord("/")]
    out = [LATIN1, b"\xef\xb7\x90marker", b"\xff\xfe", "ok é 日本".encode()]
    while len(out) < n:
        out.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 24))))
    return out


@pytest.mark.parametrize("raw", _names(300))
def test_stored_form_round_trips_every_name_and_keeps_valid_ones_unchanged(raw):
    name = os.fsdecode(raw)
    stored = fsnames.to_stored(name)
    stored.encode("utf-8")  # always storable as text
    assert fsnames.from_stored(stored) == name
    assert os.fsencode(fsnames.from_stored(stored)) == raw
    if fsnames.is_exact(name) and fsnames.MARK not in name:
        assert stored == name  # valid names are stored exactly as they are
    # a folder's prefix stays a prefix, so range queries over a folder work
    assert fsnames.to_stored(name + "/x").startswith(fsnames.to_stored(name) + "/")
    fields = fsnames.json_path(name)
    fields["path"].encode("utf-8")
    if "path_bytes" in fields:
        assert base64.b64decode(fields["path_bytes"]) == raw


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_analyze_json_is_valid_utf8_with_the_exact_bytes(world, tiny_spec, locale):
    pics = os.path.join(os.fsencode(world), b"pics")
    photo(os.path.join(pics, LATIN1 + b".jpg"))
    photo(os.path.join(pics, b"plain.jpg"), (20, 60, 200))
    r = cli(["analyze", os.fsdecode(pics), "--json", "--model", tiny_spec, "--device", "cpu"],
            world / "home", env={"LC_ALL": locale, "LANG": locale})
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.raw_stdout.decode("utf-8"))  # strict: valid UTF-8 or this fails
    by_name = {p["path"].rsplit("/", 1)[-1]: p for p in out["photos"]}
    odd = by_name["caf\ufffd cr\ufffdme.jpg"]
    assert base64.b64decode(odd["path_bytes"]) == os.path.join(pics, LATIN1 + b".jpg")
    assert "emotions" in odd and "error" not in odd  # it was read, not only named
    assert "path_bytes" not in by_name["plain.jpg"]


def test_scan_stores_every_file_of_a_batch_holding_an_odd_name(world, tiny_spec):
    music = os.path.join(os.fsencode(world), b"music")
    names = [LATIN1 + b".wav", b"a.wav", b"\xff.wav", "b é.wav".encode()]
    for i, n in enumerate(names):
        song(os.path.join(music, n), 0.2 + 0.05 * i)
    home = world / "home"
    r = cli(["scan", os.fsdecode(music), "--json", "--no-model"], home)
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.raw_stdout.decode("utf-8"))
    assert (out["added"], out["failed"]) == (4, 0)
    # shown with a replacement character; the exact name survives in the database
    from moodplayer.engine.library import Library

    lib = Library(home / "library.sqlite3")
    stored = sorted(os.fsencode(i.path) for i in lib.items())
    assert stored == sorted(os.path.join(music, n) for n in names)
    assert all(os.path.exists(os.fsencode(i.path)) for i in lib.items())  # playable by path
    lib.close()
    again = cli(["scan", os.fsdecode(music), "--json", "--no-model"], home)
    assert json.loads(again.raw_stdout.decode("utf-8"))["unchanged"] == 4  # no duplicates


def test_playlists_keep_export_and_reimport_odd_names(world, taxonomy):
    from moodplayer.core.playlists import Playlists
    from moodplayer.engine.library import Library
    from moodplayer.engine.tracks import Track

    music = os.path.join(os.fsencode(world), b"music")
    paths = [os.fsdecode(song(os.path.join(music, n))) for n in (LATIN1 + b".wav", b"ok.wav")]
    lib = Library(world / "lib.sqlite3", taxonomy)
    lists = Playlists(lib)
    lists.save("Odd", [Track(p) for p in paths])
    assert [t.path for t in lists.load("Odd")] == paths
    for ext in ("m3u8", "xspf"):
        written = lists.export(os.fsdecode(world / f"odd.{ext}"), lists.load("Odd"), "Odd")
        with open(written, "rb") as f:
            f.read().decode("utf-8")  # the playlist file itself is valid UTF-8
        result = lists.import_file(written, f"back-{ext}")
        assert (result.kept, result.skipped, result.missing) == (2, [], [])
        assert [t.path for t in lists.load(f"back-{ext}")] == paths
    lib.close()


def test_playlist_show_json_gives_path_bytes(world, taxonomy):
    from moodplayer.engine.library import Library
    from moodplayer.engine.tracks import Track

    home = world / "home"
    odd = os.fsdecode(song(os.path.join(os.fsencode(world), LATIN1 + b".wav")))
    lib = Library(home / "library.sqlite3", taxonomy)
    lib.save_playlist("Odd", [Track(odd)])
    lib.close()
    r = cli(["playlists", "show", "Odd", "--json"], home)
    clean(r)
    item = json.loads(r.raw_stdout.decode("utf-8"))["items"][0]
    assert base64.b64decode(item["path_bytes"]) == os.fsencode(odd)
    text = cli(["playlists", "show", "Odd"], home)
    clean(text)
    assert "caf\ufffd cr\ufffdme.wav" in text.stdout


def test_an_odd_name_plays_through_libvlc(world):
    import time

    from moodplayer.engine.playback import PlayerState
    from moodplayer.engine.playback.vlc import HEADLESS_OPTIONS, VlcPlayer, VlcUnavailable

    from ..engine.playback.test_playback import Events
    from ..media import make_tone

    try:
        player = VlcPlayer(HEADLESS_OPTIONS)
    except VlcUnavailable as exc:
        pytest.skip(f"libVLC not installed: {exc}")
    tone = make_tone(world / "tone.ogg", seconds=0.6)
    odd = os.fsdecode(os.path.join(os.fsencode(world), LATIN1 + b".ogg"))
    os.rename(tone, odd)
    events = Events(player)
    try:
        player.play(odd)
        deadline = time.time() + 5
        while player.state() is not PlayerState.PLAYING and not events.ended \
                and time.time() < deadline:
            time.sleep(0.05)
        events.wait(10)
        assert events.ended == [odd] and not events.errors
    finally:
        player.close()
