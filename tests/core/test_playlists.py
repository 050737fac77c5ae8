"""Saved playlists as the window and the CLI use them: save, rename, delete, import, export."""

import pytest

from moodplayer.core.playlists import Playlists
from moodplayer.engine.errors import MoodPlayerError
from moodplayer.engine.tracks import Track


def test_round_trip_through_files_and_the_library(tmp_path, taxonomy):
    from moodplayer.engine.library import Library

    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    lists = Playlists(lib)
    tracks = [Track(str(tmp_path / f"{n}.flac"), n.upper(), reason=f"because {n}")
              for n in ("a", "b")]
    assert lists.save("  Night  ", tracks) == "Night"
    written = lists.export(str(tmp_path / "night"), lists.load("Night"), title="Night")
    assert written.endswith(".m3u8")  # no extension given: the format every player reads
    result = lists.import_file(written, "Copy")
    assert (result.name, result.kept, result.skipped) == ("Copy", 2, [])
    assert result.missing == [t.path for t in tracks]  # not on disk: kept, and said so
    assert "2 of them are missing" in result.message
    assert [t.path for t in lists.load("Copy")] == [t.path for t in tracks]
    assert lists.rename("Copy", "Second") == "Second"
    lists.delete("Second")
    assert [p["name"] for p in lists.list()] == ["Night"]
    with pytest.raises(MoodPlayerError, match="no saved playlist"):
        lists.delete("Second")
    with pytest.raises(MoodPlayerError, match="needs a name"):
        lists.save(" ", tracks)
    lib.close()


def test_auto_playlists_are_cleared_by_age_and_saved_ones_are_kept(tmp_path, taxonomy):
    from moodplayer.engine.library import Library

    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    lists = Playlists(lib)
    track = [Track(str(tmp_path / "a.flac"), "A")]
    lists.save("Mine", track)
    lists.save("camera · old", track, auto=True)
    lists.save("camera · new", track, auto=True)
    made = {p["name"]: p["created"] for p in lists.list()}
    later = made["camera · new"] + 10 * 86400  # ten days after they were made
    assert lists.delete_auto(older_than_days=30, now=later) == []
    assert lists.delete_auto(older_than_days=5, now=later) == ["camera · new", "camera · old"]
    assert [p["name"] for p in lists.list()] == ["Mine"]
    lists.save("camera · again", track, auto=True)
    assert lists.delete_auto() == ["camera · again"]
    assert [p["name"] for p in lists.list()] == ["Mine"]
    lib.close()


def test_unique_name_never_overwrites_a_saved_playlist(tmp_path, taxonomy):
    from moodplayer.engine.library import Library

    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    lists = Playlists(lib)
    assert lists.unique_name("Night") == "Night"
    lists.save("Night", [Track(str(tmp_path / "a.flac"))])
    lists.save("Night (2)", [Track(str(tmp_path / "a.flac"))])
    assert lists.unique_name("Night") == "Night (3)"
    lib.close()
