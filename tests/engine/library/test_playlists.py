import pytest

from moodplayer.engine.playlists import PlaylistEntryData, read_playlist, write_playlist
from moodplayer.engine.playlists.entry import PlaylistError
from moodplayer.engine.playlists.store import (delete_playlist, list_playlists, load_playlist,
                                               save_playlist)


def _entries(root):
    return [
        PlaylistEntryData(str(root / "music" / "Sigur Rós" / "Hoppípolla #1.flac"), "Hoppípolla",
                          "Sigur Rós", "Takk…", 268.0),
        PlaylistEntryData(str(root / "music" / "a b%20c.mp3"), "Spaces & Co", None, None, None),
        PlaylistEntryData("/elsewhere/日本語/曲.ogg", "曲", "アーティスト", "アルバム", 61.5),
    ]


@pytest.mark.parametrize("ext", ["m3u8", "xspf"])
def test_round_trip(tmp_path, ext):
    entries = _entries(tmp_path)
    out = write_playlist(tmp_path / f"list.{ext}", entries, title="Calm ☾")
    back = read_playlist(out)
    assert [e.path for e in back] == [e.path for e in entries]
    assert [e.title for e in back] == [e.title for e in entries]
    assert [e.artist for e in back] == [e.artist for e in entries]
    assert [e.album for e in back] == [e.album for e in entries]
    assert back[0].duration == pytest.approx(268, abs=0.5) and back[1].duration is None


def test_m3u8_is_extended_utf8_with_relative_paths(tmp_path):
    out = write_playlist(tmp_path / "list.m3u8", _entries(tmp_path))
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U" and "#EXTINF:268,Sigur Rós - Hoppípolla" in lines
    assert "music/Sigur Rós/Hoppípolla #1.flac" in lines  # below the playlist: relative
    assert "/elsewhere/日本語/曲.ogg" in lines  # elsewhere: absolute


def test_reads_foreign_m3u(tmp_path):
    (tmp_path / "x.m3u").write_bytes(
        "\ufeff#EXTM3U\r\n#EXTINF:10,Só title\r\nsub/a.mp3\r\nfile:///abs/b%20c.mp3\r\n"
        "http://radio.example/stream\r\n".encode("utf-8"))
    got = read_playlist(tmp_path / "x.m3u")
    assert [e.path for e in got] == [str(tmp_path / "sub" / "a.mp3"), "/abs/b c.mp3",
                                     "http://radio.example/stream"]
    assert got[0].title == "Só title" and got[0].duration == 10


def test_bad_files_are_playlist_errors(tmp_path):
    (tmp_path / "bad.xspf").write_text("<playlist><oops", encoding="utf-8")
    with pytest.raises(PlaylistError):
        read_playlist(tmp_path / "bad.xspf")
    with pytest.raises(PlaylistError, match="unknown playlist type"):
        write_playlist(tmp_path / "x.pls", [])
    with pytest.raises(PlaylistError):
        read_playlist(tmp_path / "missing.m3u8")


def test_saved_playlists_in_the_database(db, tmp_path):
    entries = _entries(tmp_path)
    with db.session() as s:
        save_playlist(s, "Evening", entries, mood={"top": ["contentment"]}, reasons=["a", "b", "c"])
    with db.session() as s:
        assert [p.name for p in list_playlists(s)] == ["Evening"]
        assert [e.path for e in load_playlist(s, "Evening")] == [e.path for e in entries]
        save_playlist(s, "Evening", entries[:1])  # replace
    with db.session() as s:
        assert len(load_playlist(s, "Evening")) == 1
        assert delete_playlist(s, "Evening") and not delete_playlist(s, "Evening")
        with pytest.raises(PlaylistError):
            load_playlist(s, "Evening")
        with pytest.raises(PlaylistError):
            save_playlist(s, "  ", entries)
