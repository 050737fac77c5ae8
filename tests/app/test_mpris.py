"""MPRIS on a private session bus: playerctl and gdbus drive the window's player.

Every call goes through a real dbus-daemon (started by conftest), so the
types on the wire are the ones a desktop sees: gdbus prints them (int64,
objectpath, as), and a second connection in this process records the
signals exactly as a media applet would receive them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from moodplayer.engine.tracks import Track

from .conftest import make_photo

BUS = "org.mpris.MediaPlayer2.moodplayer"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def run(qtbot, *cmd, timeout=15000):
    """Run a client while the window's event loop keeps answering it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout)
    out, err = proc.communicate()
    return proc.returncode, out.strip(), err.strip()


def ctl(qtbot, *args):
    code, out, err = run(qtbot, "playerctl", "--player=moodplayer", *args)
    assert code == 0, err
    return out


def gdbus(qtbot, method, *args):
    return run(qtbot, "gdbus", "call", "--session", "--dest", BUS, "--object-path", PATH,
               "--method", method, *args)


@pytest.fixture
def mpris(qtbot, window, private_session_bus, media_dir):
    if private_session_bus is None or not shutil.which("playerctl") or not shutil.which("gdbus"):
        pytest.skip("needs dbus-daemon, playerctl and gdbus")
    from moodplayer.app.mpris import start_mpris

    window.controller.player.duration_of = lambda path: 120.0  # long enough to look at
    window.library.cover_art = lambda path: PNG if path.endswith("track0.ogg") else None
    tracks = [Track(str(media_dir / f"track{i}.ogg"), f"Track {i}", artist=f"Artist {i % 3}",
                    album="Tones") for i in range(3)]
    window.controller.set_queue(tracks)
    service = start_mpris(window)
    assert service is not None and service.bus_name == BUS
    yield service
    service.close()


def test_playerctl_plays_skips_seeks_and_reads_what_plays(qtbot, window, mpris):
    c = window.controller
    assert ctl(qtbot, "status") == "Stopped"
    ctl(qtbot, "play")
    assert c.queue.current == 0 and c.player.state().value == "playing"
    assert ctl(qtbot, "status") == "Playing"
    assert ctl(qtbot, "metadata", "xesam:title") == "Track 0"
    assert ctl(qtbot, "metadata", "xesam:artist") == "Artist 0"
    assert ctl(qtbot, "metadata", "mpris:length") == "120000000"
    art = ctl(qtbot, "metadata", "mpris:artUrl")
    assert art.startswith("file://") and Path(art[len("file://"):]).read_bytes() == PNG
    ctl(qtbot, "next")
    assert c.queue.current == 1 and ctl(qtbot, "metadata", "xesam:title") == "Track 1"
    code, out, _ = run(qtbot, "playerctl", "--player=moodplayer", "metadata", "mpris:artUrl")
    assert code != 0 and out == ""  # no cover: the key is left out, not sent empty
    ctl(qtbot, "previous")
    assert c.queue.current == 0
    ctl(qtbot, "pause")
    assert c.player.state().value == "paused" and ctl(qtbot, "status") == "Paused"
    ctl(qtbot, "position", "30")  # SetPosition with the current track id
    assert c.player.position() == pytest.approx(30.0, abs=0.05)
    ctl(qtbot, "position", "5+")  # Seek, relative
    assert c.player.position() == pytest.approx(35.0, abs=0.05)
    assert float(ctl(qtbot, "position")) == pytest.approx(35.0, abs=0.05)
    ctl(qtbot, "volume", "0.4")
    assert c.session.volume == 40 and window.transport.volume.value() == 40
    ctl(qtbot, "loop", "Track")
    assert c.session.repeat == "one" and ctl(qtbot, "loop") == "Track"
    ctl(qtbot, "shuffle", "On")
    assert c.session.shuffle and window.transport.b_shuffle.isChecked()
    ctl(qtbot, "stop")
    assert c.player.state().value == "stopped"


def test_values_carry_the_types_the_specification_gives(qtbot, window, mpris):
    window.controller.play_index(0)
    window.controller.toggle()  # paused: the position stays put while we look
    window.controller.seek(12.5)
    code, out, err = gdbus(qtbot, "org.freedesktop.DBus.Properties.GetAll", PLAYER)
    assert code == 0, err
    assert "'Position': <int64 12500000>" in out
    assert "'mpris:length': <int64 120000000>" in out
    assert "'mpris:trackid': <objectpath '/org/moodplayer/MoodPlayer/track/" in out
    assert "'xesam:artist': <['Artist 0']>" in out and "'Volume': <0.8" in out
    assert "'PlaybackStatus': <'Paused'>" in out and "'CanSeek': <true>" in out
    code, out, _ = gdbus(qtbot, "org.freedesktop.DBus.Properties.Get", PLAYER, "Position")
    assert out == "(<int64 12500000>,)"
    code, out, _ = gdbus(qtbot, "org.freedesktop.DBus.Properties.GetAll", "org.mpris.MediaPlayer2")
    assert "'DesktopEntry': <'moodplayer'>" in out and "'Identity': <'MoodPlayer'>" in out
    assert "'SupportedUriSchemes': <['file']>" in out and "'HasTrackList': <false>" in out
    code, out, _ = run(qtbot, "gdbus", "introspect", "--session", "--dest", BUS,
                       "--object-path", PATH)
    assert "SetPosition(in  o TrackId," in out and "Seeked(x Position);" in out
    assert "readonly a{sv} Metadata" in out


def test_changes_are_announced_and_seeks_send_seeked(qtbot, window, mpris):
    """What a media applet hears, read by gdbus monitor (it prints the wire types)."""
    monitor = subprocess.Popen(["stdbuf", "-oL", "gdbus", "monitor", "--session", "--dest", BUS],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        qtbot.wait(700)  # let it subscribe
        window.controller.play_index(1)
        window.controller.toggle()  # paused, so the seek lands exactly 30 s in
        window.controller.seek_by(+30)
        qtbot.wait(400)
        window.controller.toggle()  # playing again
        qtbot.wait(700)
    finally:
        monitor.terminate()
        out = monitor.communicate(timeout=10)[0]
    changes = [line for line in out.splitlines() if "PropertiesChanged" in line]
    assert changes and all(line.endswith("@as [])") for line in changes)
    assert any("'xesam:title': <'Track 1'>" in line and "'mpris:length': <int64 120000000>"
               in line and "'PlaybackStatus': <'Playing'>" in line for line in changes)
    assert "PropertiesChanged ('org.mpris.MediaPlayer2.Player', {'PlaybackStatus': <'Playing'>}" \
        in changes[-1]  # only what changed
    seeked = re.findall(r"org\.mpris\.MediaPlayer2\.Player\.Seeked \(int64 (\d+),\)", out)
    assert len(seeked) == 1 and abs(int(seeked[0]) - 30_000_000) < 50_000  # 30 s, in µs
    assert not any("'Position'" in line for line in changes)  # the spec: never announced


def test_bad_calls_get_errors_and_stale_positions_are_ignored(qtbot, window, mpris):
    window.controller.play_index(0)
    window.controller.toggle()
    # dbus-send, unlike gdbus, sends a wrongly typed argument without checking it first.
    code, _, err = run(qtbot, "dbus-send", "--session", "--print-reply", f"--dest={BUS}", PATH,
                       f"{PLAYER}.Seek", "string:ten seconds")
    assert code != 0 and "InvalidArgs" in err and "Seek takes (x)" in err
    code, _, _ = gdbus(qtbot, f"{PLAYER}.SetPosition", "/org/moodplayer/MoodPlayer/track/999",
                       "50000000")
    assert code == 0 and window.controller.player.position() < 1.0  # another track's id
    code, _, err = gdbus(qtbot, "org.freedesktop.DBus.Properties.Set", PLAYER, "Metadata",
                         "<@a{sv} {}>")
    assert code != 0 and "PropertyReadOnly" in err
    code, _, _ = gdbus(qtbot, "org.freedesktop.DBus.Properties.Set", PLAYER, "Volume", "<0.25>")
    assert code == 0 and window.controller.session.volume == 25
    code, _, err = gdbus(qtbot, f"{PLAYER}.OpenUri", "'https://example.com/a.mp3'")
    assert code != 0 and "Only local files" in err


def test_open_uri_reads_photos_and_plays_music_raise_shows_the_window(qtbot, window, mpris,
                                                                      tmp_path, media_dir):
    photo = make_photo(tmp_path / "sunny.jpg", 5)
    code, _, err = gdbus(qtbot, f"{PLAYER}.OpenUri", f"'{photo.as_uri()}'")
    assert code == 0, err
    qtbot.waitUntil(lambda: str(photo) in window.strip.paths(), timeout=10000)
    # The photo's queue replaces whatever plays: wait for it, or it may land after the song.
    qtbot.waitUntil(lambda: "queued" in window.photos.timings, timeout=30000)
    song = media_dir / "track5.ogg"
    code, _, err = gdbus(qtbot, f"{PLAYER}.OpenUri", f"'{song.as_uri()}'")
    assert code == 0, err
    assert window.controller.session.current().path == str(song)
    window.hide()
    gdbus(qtbot, "org.mpris.MediaPlayer2.Raise")
    assert window.isVisible()
    quits = []
    window.quit_app = lambda: quits.append(True)  # the window's own quit is tested elsewhere
    gdbus(qtbot, "org.mpris.MediaPlayer2.Quit")
    qtbot.waitUntil(lambda: quits == [True])


def test_without_a_session_bus_the_app_runs_on_and_says_so_once(qtbot, window, caplog):
    from moodplayer.app.mpris import start_mpris

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "mpris-test-nowhere")
    try:
        with caplog.at_level("INFO", logger="moodplayer.app.mpris"):
            assert start_mpris(window, nowhere) is None
        lines = [r for r in caplog.records if r.name == "moodplayer.app.mpris"]
        assert len(lines) == 1 and "no D-Bus session bus" in lines[0].getMessage()
    finally:
        QDBusConnection.disconnectFromBus("mpris-test-nowhere")
