"""A moved file keeps its identity, and everything the user keeps follows it."""

from __future__ import annotations

import os

from .conftest import song


def test_a_move_carries_playlists_history_and_labels_to_the_new_path(world, taxonomy):
    from moodplayer.engine.library import Library
    from moodplayer.engine.tracks import Track

    music = world / "music"
    old = song(music / "old" / "tune.wav", 0.4)
    song(music / "old" / "other.wav", 0.5)
    lib = Library(world / "lib.sqlite3", taxonomy)
    lib.scan([music])
    item_id = lib.item_by_path(old).id
    lib.save_playlist("Keep", [Track(str(old)), Track(str(music / "old" / "other.wav"))])
    lib.record_played(old)
    with lib.db.session() as s:  # a label that names the same path (labels store paths too)
        from moodplayer.engine.library.labels import add_label

        add_label(s, old, "awe", taxonomy.id)
    new = music / "new place" / "tune (moved).wav"
    new.parent.mkdir()
    os.rename(old, new)

    report = lib.scan([music])

    assert (report.moved, report.missing, report.added) == (1, 0, 0)
    assert lib.item_by_path(new).id == item_id  # same item: profile and id kept
    assert [t.path for t in lib.load_playlist("Keep")] == \
        [str(new), str(music / "old" / "other.wav")]
    with lib.db.session() as s:
        from moodplayer.engine.library.db import PlayHistory

        assert [(h.item_id, h.path) for h in s.query(PlayHistory)] == [(item_id, str(new))]
    assert [p for p, _ in lib.labels()] == [str(new)]
    assert lib.recent_item_ids() == [item_id]
    lib.close()
