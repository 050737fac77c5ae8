"""A damaged library file, a read-only one, a read-only data folder: nothing the user made is lost."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from .conftest import clean, cli, give_to_nobody, photo, song


def _library_with_user_data(world, tiny_spec):
    """Songs scanned, one saved playlist, one label: what a damaged file must not cost."""
    music = world / "music"
    for i in range(5):
        song(music / f"{i}.wav", 0.2 + 0.05 * i)
    home = world / "home"
    assert cli(["scan", str(music), "--no-model"], home).returncode == 0
    pic = photo(world / "pics" / "p.jpg")
    saved = cli(["queue", str(pic), "--save", "Evening", "--length", "3", "--model", tiny_spec,
                 "--device", "cpu"], home)
    clean(saved)
    labelled = cli(["label", str(pic), "awe"], home)
    clean(labelled)
    return music, home


def _damage(path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "garbage":
        data[:] = os.urandom(len(data))
    elif how == "truncated":
        data = data[:len(data) // 3 + 17]
    elif how == "zeroed-pages":  # the header survives, the b-trees do not
        for i in range(4096, len(data), 8192):
            data[i:i + 4096] = b"\x00" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "truncated", "zeroed-pages"])
def test_a_damaged_database_is_kept_rebuilt_and_the_users_data_restored(world, tiny_spec, how):
    music, home = _library_with_user_data(world, tiny_spec)
    db = home / "library.sqlite3"
    for side in ("-wal", "-shm"):
        (home / f"library.sqlite3{side}").unlink(missing_ok=True)
    _damage(db, how)

    r = cli(["playlists", "show", "Evening", "--json"], home)

    clean(r)
    assert r.returncode == 0
    assert len(json.loads(r.stdout)["items"]) == 3  # the playlist came back from the backup
    assert "The library database was damaged" in r.stderr
    assert "restored 1 saved playlist and 1 label" in r.stderr
    assert "found 5 songs and videos again" in r.stderr
    kept = [p for p in home.iterdir() if p.name.startswith("library.sqlite3.damaged-")]
    assert len(kept) == 1 and kept[0].stat().st_size > 0  # the damaged file is kept
    labels = cli(["labels", "--json"], home)
    clean(labels)
    assert "awe" in labels.stdout
    again = cli(["scan", str(music), "--json", "--no-model"], home)
    assert json.loads(again.stdout)["unchanged"] == 5  # rebuilt library, no second rebuild
    assert "damaged" not in again.stderr


def test_no_backup_still_recovers_and_says_what_was_lost(world):
    home = world / "home"
    home.mkdir()
    (home / "library.sqlite3").write_bytes(b"not a database" * 100)
    r = cli(["playlists", "list"], home)
    clean(r)
    assert r.returncode == 0
    assert "No automatic backup was found" in r.stderr


def test_backups_are_plain_csv_written_atomically(world, tiny_spec):
    _, home = _library_with_user_data(world, tiny_spec)
    folder = home / "library-backup"
    assert sorted(p.name for p in folder.iterdir()) == ["folders.csv", "labels.csv",
                                                        "playlists.csv"]
    assert "Evening" in (folder / "playlists.csv").read_text(encoding="utf-8")
    assert ",awe," in (folder / "labels.csv").read_text(encoding="utf-8")


def test_read_only_data_folder_reads_and_refuses_writes_in_words(world, tiny_spec, tmpfs):
    home = tmpfs.path / "home"
    music = world / "music"
    song(music / "a.wav")
    song(music / "b.wav", 0.6)
    assert cli(["scan", str(music), "--no-model"], home).returncode == 0
    assert cli(["queue", str(photo(world / "p.jpg")), "--save", "Mine", "--model", tiny_spec,
                "--device", "cpu"], home).returncode == 0
    tmpfs.remount_ro()

    listed = cli(["playlists", "list"], home)
    clean(listed)
    assert listed.returncode == 0 and "Mine" in listed.stdout
    queued = cli(["queue", str(world / "p.jpg"), "--model", tiny_spec, "--device", "cpu"], home)
    clean(queued)
    assert queued.returncode == 0 and "a" in queued.stdout
    scanned = cli(["scan", str(music), "--no-model"], home)
    clean(scanned)
    assert scanned.returncode == 2
    assert f"the folder {home} is read-only" in scanned.stderr
    assert "SELECT" not in scanned.stderr and "INSERT" not in scanned.stderr


def test_read_only_database_file_reads_and_refuses_writes_in_words(
        world, tiny_spec, can_drop_privileges):
    home = world / "home"
    music = world / "music"
    song(music / "a.wav")
    assert cli(["scan", str(music), "--no-model"], home).returncode == 0
    give_to_nobody(home)
    db = home / "library.sqlite3"
    os.chmod(db, 0o444)  # nobody owns it but may not write it

    listed = cli(["playlists", "list"], home, user="nobody")
    clean(listed)
    assert listed.returncode == 0
    scanned = cli(["scan", str(music), "--no-model"], home, user="nobody")
    clean(scanned)
    assert scanned.returncode == 2
    assert f"the file {db} is read-only" in scanned.stderr
    with sqlite3.connect(db) as conn:  # untouched
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1
