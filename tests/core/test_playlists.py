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
