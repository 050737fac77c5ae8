import sqlite3

import pytest
from sqlalchemy import inspect

from moodplayer.engine.library import db as dbmod
from moodplayer.engine.library.errors import LibraryError
from moodplayer.engine.library.labels import add_label, list_labels


def test_fresh_database_is_latest_version_in_wal_mode(db):
    assert db.version == dbmod.SCHEMA_VERSION
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000  # a second writer waits
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_migrated_tables_match_the_orm_classes(db):
    insp = inspect(db.engine)
    for table in dbmod.Base.metadata.sorted_tables:
        in_file = {c["name"] for c in insp.get_columns(table.name)}
        assert in_file == {c.name for c in table.columns}, table.name


def test_step_by_step_migration_keeps_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = dbmod.Database(path, migrate_to=1)
    assert old.version == 1
    with old.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO items (path, folder, kind, size, mtime_ns) "
                             "VALUES ('/m/a.mp3', '/m', 'music', 10, 5)")
        assert "labels" not in inspect(conn).get_table_names()
    old.dispose()
    new = dbmod.Database(path)
    assert new.version == dbmod.SCHEMA_VERSION
    with new.session() as s:
        assert [i.path for i in s.query(dbmod.Item)] == ["/m/a.mp3"]
        add_label(s, "/p/x.jpg", "awe", "mikels8", content_hash_="ab" * 32)
    new.dispose()


def test_a_newer_schema_is_refused_with_a_message(tmp_path):
    path = tmp_path / "future.sqlite3"
    dbmod.Database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(LibraryError, match="newer MoodPlayer"):
        dbmod.Database(path)


def test_not_a_database_is_a_library_error(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="cannot open"):
        dbmod.Database(path)


def test_labels_hash_the_photo_and_filter_by_taxonomy(db, tmp_path):
    import hashlib

    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"pretend jpeg bytes")
    with db.session() as s:
        add_label(s, photo, "awe", "mikels8")
        add_label(s, photo, "joy", "other", source="import")
        with pytest.raises(ValueError):
            add_label(s, photo, "awe", "mikels8", source="robot")
    with db.session() as s:
        rows = list_labels(s)
        assert [r.label for r in rows] == ["awe", "joy"]
        assert rows[0].content_hash == hashlib.sha256(b"pretend jpeg bytes").hexdigest()
        assert [r.label for r in list_labels(s, taxonomy="other")] == ["joy"]
        assert rows[0].created_at is not None
