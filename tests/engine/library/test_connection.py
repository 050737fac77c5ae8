"""Opening the library file: odd folder names, damage found on open, failures in words."""

from __future__ import annotations

import sqlite3

import pytest

from moodplayer.engine.library import connection
from moodplayer.engine.library.db import Database


def test_a_folder_name_with_uri_characters_opens(tmp_path):
    folder = tmp_path / "what? #1 100% é"
    db = Database(folder / "lib.sqlite3")
    assert db.read_only is None and (folder / "lib.sqlite3").exists()
    db.dispose()


def test_damaged_pages_are_found_on_open(tmp_path):
    path = tmp_path / "lib.sqlite3"
    db = Database(path)
    with db.session() as s:
        from moodplayer.engine.library.db import ScanFailure

        for i in range(400):  # enough rows for several b-tree pages
            s.add(ScanFailure(path=f"/x/{i:05d}" + "y" * 200, folder="/x", reason="r",
                              seen_at=0.0))
    db.dispose()
    data = bytearray(path.read_bytes())
    data[8192:12288] = b"\x00" * 4096  # a page in the middle, the header intact
    path.write_bytes(bytes(data))
    with pytest.raises(connection.DamagedDatabase, match="malformed"):
        Database(path)


def test_failures_are_translated_into_words(tmp_path):
    path = tmp_path / "lib.sqlite3"
    full = connection.translate(sqlite3.OperationalError("database or disk is full"), path, None)
    assert "is full" in str(full) and "nothing was changed" in str(full)
    ro = connection.translate(sqlite3.OperationalError("attempt to write a readonly database"),
                              path, f"the file {path} is read-only")
    assert f"the file {path} is read-only" in str(ro) and "still work" in str(ro)
    busy = connection.translate(sqlite3.OperationalError("database is locked"), path, None)
    assert "busy" in str(busy)
    damaged = connection.translate(sqlite3.DatabaseError("file is not a database"), path, None)
    assert isinstance(damaged, connection.DamagedDatabase)
