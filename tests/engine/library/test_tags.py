import pytest

from moodplayer.engine.library.tags import MediaError, kind_of, read_tags

from .media import copy_media, cover_jpeg

TAGS = dict(title="Día de Sol", artist="Ñandú", album="Álbum", albumartist="Various",
            genre="Bossa Nova", date="2004", tracknumber=7, mood="calm", bpm=92, key="Am")


@pytest.mark.parametrize("ext", ["mp3", "flac", "ogg", "opus", "m4a", "wav", "aiff", "mp4", "mov"])
def test_tags_and_cover_of_every_format(templates, tmp_path, ext):
    cover = cover_jpeg()
    path = copy_media(templates, ext, tmp_path / f"song.{ext}", cover=cover, **TAGS)
    info = read_tags(path)
    assert (info.title, info.artist, info.album, info.album_artist) == \
        ("Día de Sol", "Ñandú", "Álbum", "Various")
    assert info.genre == "Bossa Nova" and info.year == 2004 and info.track == 7
    assert info.mood == "calm" and info.bpm == 92 and info.key == "Am"
    assert 0.5 < info.duration < 3
    assert info.cover == cover


def test_untagged_file_has_duration_only(templates, tmp_path):
    info = read_tags(copy_media(templates, "flac", tmp_path / "plain.flac"))
    assert info.title is None and info.cover is None and info.duration > 0.5


def test_corrupt_file_is_a_media_error(tmp_path):
    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"fLaC" + b"\xff" * 50)
    with pytest.raises(MediaError, match="corrupt"):
        read_tags(bad)


def test_kind_by_extension():
    assert kind_of("/a/B.MP3") == "music" and kind_of("x.webm") == "video"
    assert kind_of("notes.txt") is None and kind_of("noext") is None
