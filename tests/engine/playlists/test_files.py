import pytest

from moodplayer.engine.playlists import PlaylistError, read_playlist, write_playlist
from moodplayer.engine.tracks import Track


def _entries(root):
    return [
        Track(str(root / "music" / "Sigur Rós" / "Hoppípolla #1.flac"), "Hoppípolla",
              "Sigur Rós", "Takk…", duration=268.0),
        Track(str(root / "music" / "a b%20c.mp3"), "Spaces & Co"),
        Track("/elsewhere/日本語/曲.ogg", "曲", "アーティスト", "アルバム", kind="music",
              duration=61.5),
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
    assert all(e.kind == "music" for e in back)


def test_kind_is_guessed_from_the_file_name(tmp_path):
    out = write_playlist(tmp_path / "mixed.m3u8", [Track(str(tmp_path / "a.mkv")),
                                                    Track(str(tmp_path / "b.flac"))])
    assert [t.kind for t in read_playlist(out)] == ["video", "music"]


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
