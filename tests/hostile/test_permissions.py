"""Folders and files that cannot be read, for real: the commands run as 'nobody'."""

from __future__ import annotations

import json
import os

from .conftest import clean, cli, give_to_nobody, photo, song


def _photo_world(world):
    pics = world / "pics"
    photo(pics / "a.jpg")
    photo(pics / "open" / "b.jpg", (10, 200, 10))
    photo(pics / "private" / "secret.jpg", (10, 10, 200))
    photo(pics / "locked.jpg", (90, 90, 90))
    os.chmod(pics / "private", 0o700)  # root's: nobody cannot enter
    os.chmod(pics / "locked.jpg", 0o600)
    home = world / "home"
    home.mkdir()
    give_to_nobody(home)
    return pics, home


def test_an_unreadable_sub_folder_is_reported_and_the_rest_analysed(
        world, tiny_model_copy, can_drop_privileges):
    pics, home = _photo_world(world)
    r = cli(["analyze", str(pics), "--json", "--model", tiny_model_copy, "--device", "cpu"],
            home, user="nobody")
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["unreadable_folders"] == [{"path": str(pics / "private"),
                                          "reason": "permission denied"}]
    read = sorted(p["path"] for p in out["photos"] if "error" not in p)
    assert read == [str(pics / "a.jpg"), str(pics / "open" / "b.jpg")]
    errors = {p["path"]: p["error"] for p in out["photos"] if "error" in p}
    assert errors[str(pics / "locked.jpg")] == "permission denied"


def test_an_unreadable_folder_alone_is_named_not_called_empty(
        world, tiny_model_copy, can_drop_privileges):
    pics, home = _photo_world(world)
    r = cli(["analyze", str(pics / "private"), "--model", tiny_model_copy, "--device", "cpu"],
            home, user="nobody")
    clean(r)
    assert r.returncode == 2  # nothing to work on, and it says why
    assert "No photos found" not in r.stderr + r.stdout
    assert f"{pics / 'private'}" in r.stdout + r.stderr
    assert "cannot read this folder: permission denied" in r.stdout + r.stderr


def test_scan_reports_unreadable_folders_and_keeps_their_files(world, can_drop_privileges):
    music = world / "music"
    for i, name in enumerate(["a.wav", "b.wav", "locked/c.wav", "locked/d.wav"]):
        song(music / name, 0.2 + 0.05 * i)
    home = world / "home"
    home.mkdir()
    give_to_nobody(home)
    first = cli(["scan", str(music), "--json", "--no-model"], home, user="nobody")
    clean(first)
    assert json.loads(first.stdout)["added"] == 4
    os.chmod(music / "locked", 0o700)  # the drive's permissions change between scans
    r = cli(["scan", str(music), "--json", "--no-model"], home, user="nobody")
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["unreadable_folders"] == [{"path": str(music / "locked"),
                                          "reason": "permission denied"}]
    # an unreadable folder is no evidence its files are gone: nothing is marked missing
    assert (out["unchanged"], out["missing"]) == (2, 0)
    listed = cli(["scan", str(music / "locked"), "--no-model"], home, user="nobody")
    clean(listed)
    assert listed.returncode == 2 and "None of the given folders could be read" in listed.stderr
    assert f"failed: {music / 'locked'}: cannot read this folder: permission denied" \
        in listed.stdout
