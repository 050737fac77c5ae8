"""Saved playlists through the Library facade: tracks in, the same tracks (and reasons) out."""

import time

import pytest

from moodplayer.engine.library import Library
from moodplayer.engine.playlists import PlaylistError
from moodplayer.engine.tracks import Track


def _tracks(root):
    return [Track(str(root / "a.flac"), "A", "Artist", "Album", duration=200.0, reason="calm"),
            Track(str(root / "b.mkv"), "B", kind="video", reason="bright"),
            Track(str(root / "c.ogg"), "C", reason="slow")]


def test_save_list_load_rename_delete(tmp_path, taxonomy):
    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    tracks = _tracks(tmp_path)
    lib.save_playlist("Evening", tracks)
    lib.save_playlist("Watched", tracks[:1], auto=True)
    listed = lib.list_playlists()
    assert [{k: p[k] for k in ("name", "count", "auto")} for p in listed] == \
        [{"name": "Evening", "count": 3, "auto": False},
         {"name": "Watched", "count": 1, "auto": True}]
    assert all(abs(p["created"] - time.time()) < 60 and p["updated"] >= p["created"]
               for p in listed)
    back = lib.load_playlist("Evening")
    assert [(t.path, t.title, t.reason, t.kind) for t in back] == \
        [(t.path, t.title, t.reason, t.kind) for t in tracks]
    assert back[0].duration == 200.0 and back[0].artist == "Artist"
    lib.save_playlist("Evening", tracks[:1])  # replace
    assert len(lib.load_playlist("Evening")) == 1
    lib.rename_playlist("Evening", "Night")
    assert [p["name"] for p in lib.list_playlists()] == ["Night", "Watched"]
    with pytest.raises(PlaylistError, match="already exists"):
        lib.rename_playlist("Night", "Watched")
    assert lib.delete_playlist("Night") and not lib.delete_playlist("Night")
    with pytest.raises(PlaylistError):
        lib.load_playlist("Night")
    with pytest.raises(PlaylistError):
        lib.save_playlist("  ", tracks)
    lib.close()


def test_latest_label_wins_and_counts(tmp_path, taxonomy):
    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"not really a jpeg, but labels hash bytes only")
    lib.add_label(photo, "awe")
    lib.add_label(photo, "fear")
    assert lib.labels() == [(str(photo), "fear")]
    assert lib.label_counts(["awe", "fear"]) == {"awe": 0, "fear": 1}
    lib.close()
