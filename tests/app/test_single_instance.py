"""One MoodPlayer per user: a second launch hands its photos over and exits 0 by itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moodplayer.app.single_instance import (InstanceServer, hand_over, handed_to_running,
                                            launch_paths, serve, socket_name)

from .conftest import make_photo

SRC = Path(__file__).resolve().parents[2] / "src"


def launch(*args, env_extra=None):
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.Popen([sys.executable, "-m", "moodplayer", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_launch_hands_its_photos_to_the_running_window(qtbot, window, tmp_path):
    server = serve(window)
    assert server is not None
    folder = tmp_path / "holiday"
    folder.mkdir()
    photos = [make_photo(folder / f"h{i}.jpg", 40 + i) for i in range(2)]
    window.hide()  # in the tray, say
    started = time.monotonic()
    # Relative names and a file:// URL, as a terminal and a desktop entry give them.
    second = subprocess.Popen(
        [sys.executable, "-m", "moodplayer", "holiday/h0.jpg", photos[1].as_uri(), "nothere.jpg"],
        cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)
    took = time.monotonic() - started
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "Not found, skipped" in err and "nothere.jpg" in err
    assert took < 15  # seconds, on a busy two-core machine; about 1 s when idle
    assert window.isVisible()  # it came back to the front
    qtbot.waitUntil(lambda: sorted(window.strip.paths()) == sorted(str(p) for p in photos),
                    timeout=10000)
    qtbot.waitUntil(lambda: window.photos.analysis is not None
                    and len(window.photos.analysis.photos) == 2, timeout=30000)
    server.close()


def test_a_hung_first_instance_costs_seconds_and_a_message_never_a_hang(qtbot, tmp_path):
    from PySide6.QtNetwork import QLocalServer

    name = str(tmp_path / "hung.sock")
    hung = QLocalServer()
    assert hung.listen(name)  # accepts connections, never answers (its loop is not running)
    started = time.monotonic()
    assert hand_over(["/tmp/a.jpg"], name) is False
    assert time.monotonic() - started < 8
    hung.close()
    assert hand_over(["/tmp/a.jpg"], str(tmp_path / "nobody.sock")) is None  # nobody: start


def test_a_stale_socket_file_from_a_crash_is_taken_over(qtbot, tmp_path):
    name = str(tmp_path / "stale.sock")
    Path(name).write_bytes(b"")  # what a killed instance may leave behind
    server = InstanceServer(name)
    assert server.listen()
    received = []
    server.paths_received.connect(received.append)
    client = subprocess.Popen(  # another process, as a real second launch is
        [sys.executable, "-c", "import sys; from moodplayer.app.single_instance import hand_over;"
         f" print(hand_over(['/x/y.jpg'], {name!r}))"],
        env=dict(os.environ, PYTHONPATH=str(SRC)), stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.communicate()[0].strip() == "True" and received == [["/x/y.jpg"]]
    server.close()


def test_malformed_messages_are_refused_and_the_server_keeps_serving(qtbot, tmp_path):
    from PySide6.QtNetwork import QLocalSocket

    name = str(tmp_path / "m.sock")
    server = InstanceServer(name)
    assert server.listen()
    received = []
    server.paths_received.connect(received.append)
    sock = QLocalSocket()
    sock.connectToServer(name)
    assert sock.waitForConnected(2000)
    sock.write(b'{"files": 3}\n')
    qtbot.waitUntil(lambda: sock.bytesAvailable() > 0 or sock.waitForReadyRead(10), timeout=5000)
    assert bytes(sock.readAll()).strip() == b"error" and received == []
    sock.abort()
    server.close()


def test_launch_paths_and_the_socket_name():
    found, missing = launch_paths(["--new-instance", __file__, "file://" + __file__,
                                   "/no/such/photo.jpg"])
    assert found == [__file__, __file__] and missing == ["/no/such/photo.jpg"]
    a, b = socket_name(Path("/data/one")), socket_name(Path("/data/two"))
    assert a != b and str(os.getuid()) in a  # per user and per data folder


def test_handed_to_running_says_what_happened(tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # nobody listens here
    err = io.StringIO()
    assert handed_to_running([str(tmp_path / "gone.jpg")], err) is None
    assert "Not found, skipped" in err.getvalue()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen start-up probe")
def test_new_instance_skips_the_hand_over(qtbot, window, tmp_path):
    server = serve(window)
    received = []
    server.paths_received.connect(received.append)
    photo = make_photo(tmp_path / "x.jpg", 3)
    proc = launch("--new-instance", str(photo), env_extra={"MOODPLAYER_STARTUP_PROBE": "1"})
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "window shown" in out and received == []  # it opened its own window
    server.close()
