"""What the desktop is told about a track: the cover becomes one cached file per picture."""

from moodplayer.core.now_playing import cover_file, describe
from moodplayer.engine.playback import NullPlayer
from moodplayer.engine.tracks import Track

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def test_the_same_cover_is_written_once_and_reused(tmp_path):
    first = cover_file(PNG, tmp_path)
    assert first.suffix == ".png" and first.read_bytes() == PNG
    stamp = first.stat().st_mtime_ns
    again = cover_file(PNG, tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp
    assert cover_file(b"\xff\xd8\xff" + b"1" * 10, tmp_path) != first
    assert cover_file(None, tmp_path) is None and cover_file(b"", tmp_path) is None
    assert not list(tmp_path.glob("*.tmp"))


def test_describe_prefers_the_players_length_and_skips_covers_for_videos(tmp_path):
    song = tmp_path / "a.ogg"
    song.write_bytes(b"x")
    track = Track(str(song), "A song", artist="Someone", album="Some album", duration=None)
    player = NullPlayer(default_duration=95.0, duration_of=lambda p: None)
    player.play(str(song))
    info = describe(track, player, cover_of=lambda p: PNG, folder=tmp_path / "c")
    assert info.length == 95.0 and info.cover.read_bytes() == PNG
    assert info.summary == "Someone · Some album"
    video = Track(str(tmp_path / "v.mp4"), "Clip", kind="video", duration=12.0)
    info = describe(video, player, cover_of=lambda p: PNG, folder=tmp_path / "c")
    assert info.cover is None and info.length == 12.0
    assert describe(None) is None
