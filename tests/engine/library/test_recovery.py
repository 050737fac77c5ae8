"""A damaged library: set aside with the date, rebuilt, the user's data back, told in one paragraph."""

from __future__ import annotations

import datetime as dt

from moodplayer.engine.library import backup, recovery
from moodplayer.engine.library.db import Database
from moodplayer.engine.library.playlist_store import list_playlists, save_playlist
from moodplayer.engine.tracks import Track


def test_set_aside_keeps_every_damaged_copy(tmp_path):
    when = dt.datetime(2026, 12, 1, 9, 30, 0)
    names = []
    for _ in range(2):
        path = tmp_path / "lib.sqlite3"
        path.write_bytes(b"junk")
        (tmp_path / "lib.sqlite3-wal").write_bytes(b"wal")
        names.append(recovery.set_aside(path, when).name)
    assert names == ["lib.sqlite3.damaged-20261201-093000", "lib.sqlite3.damaged-20261201-093000-2"]
    assert (tmp_path / "lib.sqlite3.damaged-20261201-093000-wal").read_bytes() == b"wal"
    assert not (tmp_path / "lib.sqlite3").exists()


def test_open_or_recover_restores_from_the_backup(tmp_path):
    path = tmp_path / "lib.sqlite3"
    db = Database(path)
    with db.session() as s:
        save_playlist(s, "Keep", [Track("/m/a.mp3")])
    backup.write_backup(db)
    db.dispose()
    path.write_bytes(b"\x00" * 8192)

    db, rec = recovery.open_or_recover(path)

    with db.session() as s:
        assert [p["name"] for p in list_playlists(s)] == ["Keep"]
    assert (rec.playlists, rec.labels, rec.items) == (1, 0, None)
    assert rec.damaged_copy.exists() and rec.damaged_copy.read_bytes() == b"\x00" * 8192
    text = rec.message()
    assert text.startswith("The library database was damaged (")
    assert "restored 1 saved playlist and 0 labels" in text and "\n" not in text
    db.dispose()
    again, none = recovery.open_or_recover(path)  # the new file is sound: nothing to do
    assert none is None
    again.dispose()
