"""A watched folder's batch becomes a named, saved auto-playlist in one job."""

from pathlib import Path


def test_a_batch_becomes_a_saved_auto_playlist(library, settings, reader, photos):
    from moodplayer.core.auto_playlists import AutoPlaylists
    from moodplayer.core.mood_session import MoodSession

    settings.extra["autoplay_watch"] = True
    auto = AutoPlaylists(MoodSession(library, settings), library, settings)
    folder = str(photos[0].parent)
    made = auto.make(reader, folder, [str(p) for p in photos])
    assert made.name and made.name.startswith(f"{Path(folder).name} · ")
    assert made.autoplay and len(made.tracks) == settings.queue_length
    saved = {p["name"]: p for p in library.list_playlists()}
    assert saved[made.name]["auto"] and saved[made.name]["count"] == len(made.tracks)
    assert made.name in made.message and len(made.analysis.ok) == 3


def test_unreadable_batch_and_empty_library_save_nothing(tmp_path, taxonomy, settings, reader,
                                                         photos):
    from moodplayer.core.auto_playlists import AutoPlaylists
    from moodplayer.core.mood_session import MoodSession
    from moodplayer.engine.library import Library

    empty = Library(tmp_path / "empty.sqlite3", taxonomy)
    auto = AutoPlaylists(MoodSession(empty, settings), empty, settings)
    made = auto.make(reader, str(photos[0].parent), [str(p) for p in photos])
    assert made.name is None and "nothing to match" in made.message
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    made = auto.make(reader, str(tmp_path), [str(bad)])
    assert made.name is None and "none could be read" in made.message
    assert empty.list_playlists() == []
    empty.close()
