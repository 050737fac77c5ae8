"""The automatic backup of what only the user makes: written atomically, restored exactly."""

from __future__ import annotations

import os

from moodplayer.engine.library import backup
from moodplayer.engine.library.db import Database
from moodplayer.engine.library.labels import add_label
from moodplayer.engine.library.playlist_store import load_playlist, save_playlist
from moodplayer.engine.tracks import Track

ODD = os.fsdecode(b"/music/caf\xe9, \"quoted\"\n.flac")  # not UTF-8, a comma, a newline


def test_labels_and_playlists_round_trip_exactly(db, tmp_path):
    tracks = [Track(ODD, "Café", "Ärtist", "Album, 2", duration=61.25, reason="calm; warm"),
              Track("/music/plain.mp3")]
    with db.session() as s:
        save_playlist(s, "Evening", tracks, {"auto": True, "top": ["awe"]})
        save_playlist(s, "Empty", [], None)
        add_label(s, ODD, "awe", "mikels8", content_hash_="ab" * 32)
    assert backup.write_backup(db) == backup.backup_dir(db.path)
    assert not [p for p in backup.backup_dir(db.path).iterdir() if p.name.endswith(".tmp")]

    fresh = Database(tmp_path / "fresh.sqlite3")
    data = backup.read_backup(db.path)
    assert backup.restore(fresh, data) == (2, 1)
    with fresh.session() as s:
        back = load_playlist(s, "Evening")
        assert [(t.path, t.title, t.artist, t.album, t.duration, t.reason) for t in back] == \
            [(t.path, t.title, t.artist, t.album, t.duration, t.reason) for t in tracks]
        assert load_playlist(s, "Empty") == []
        from moodplayer.engine.library.playlist_store import list_playlists

        assert {p["name"]: p["auto"] for p in list_playlists(s)} == {"Empty": False,
                                                                    "Evening": True}
        from moodplayer.engine.library.labels import list_labels

        assert [(r.photo_path, r.label, r.content_hash) for r in list_labels(s)] == \
            [(ODD, "awe", "ab" * 32)]
    fresh.dispose()


def test_a_backup_that_cannot_be_written_never_stops_the_user(db):
    backup.backup_dir(db.path).write_text("a file where the backup folder should be")
    assert backup.write_backup(db) is None  # swallowed (and logged)
    assert backup.backup_age(db.path) is None


def test_an_old_backup_is_replaced_whole_a_new_one_kept(db):
    backup.write_backup(db)
    assert backup.backup_age(db.path) < 60
    for f in backup.backup_dir(db.path).iterdir():
        os.utime(f, (0, 0))  # 1970
    assert backup.backup_age(db.path) > backup.DAY_S
