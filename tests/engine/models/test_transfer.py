"""One file over HTTP: progress, Range resume, cancel, and the failures a person is told about."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from moodplayer.engine.errors import Cancelled, ModelNotAvailable, MoodPlayerError
from moodplayer.engine.models.transfer import fetch
from moodplayer.engine.tasks import CancelToken


def test_fetch_reports_progress_and_gets_every_byte(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    calls = []
    out = fetch(url, tmp_path / "f.part", len(payload), progress=lambda *a: calls.append(a))
    assert out.read_bytes() == payload
    assert calls[-1][:2] == (len(payload), len(payload))  # always a final report
    dones = [c[0] for c in calls]
    assert dones == sorted(dones) and all(c[1] == len(payload) for c in calls)
    assert calls[-1][2] > 0  # bytes per second
    assert server.requests == [("GET", "/f.bin", None)]


def test_fetch_resumes_a_partial_file_with_a_range_request(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(payload[:300_000])
    calls = []
    fetch(url, part, len(payload), progress=lambda *a: calls.append(a))
    assert part.read_bytes() == payload
    assert server.requests == [("GET", "/f.bin", "bytes=300000-")]
    assert server.sent == len(payload) - 300_000  # only the rest travelled
    assert calls[0][0] >= 300_000  # progress starts where the partial file ended


def test_fetch_starts_again_when_the_server_ignores_the_range(server, payload, tmp_path):
    server.ignore_range = True
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(payload[:1000])
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload


def test_fetch_starts_again_when_the_partial_file_does_not_fit(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(b"x" * (len(payload) + 5))  # longer than the file: not a prefix of it
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload
    part.write_bytes(b"x" * 10)  # size unknown to us, the server says 416 for a too-long range
    server.files["/g.bin"] = b"short"
    fetch(server.url + "/g.bin", part)
    assert part.read_bytes() == b"short"


def test_cancel_keeps_the_partial_file_and_the_next_fetch_resumes(server, payload, tmp_path):
    server.delay = 0.01
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    token = CancelToken()

    def progress(done, total, rate):
        if done > 0:  # the first report comes with the first chunk
            token.cancel()

    with pytest.raises(Cancelled):
        fetch(url, part, len(payload), progress=progress, cancel=token)
    kept = part.stat().st_size
    assert 0 < kept < len(payload)
    server.delay = 0.0
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload
    assert server.requests[-1] == ("GET", "/f.bin", f"bytes={kept}-")


def test_a_cancelled_token_stops_before_any_request(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        fetch(url, tmp_path / "f.part", len(payload), cancel=token)
    assert server.requests == []


def test_unreachable_server_and_http_errors_are_explained(server, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ModelNotAvailable, match="not reachable"):
        fetch(f"http://127.0.0.1:{port}/f.bin", tmp_path / "f.part", 10)
    with pytest.raises(MoodPlayerError, match="404"):
        fetch(server.url + "/missing.bin", tmp_path / "f.part", 10)


def test_a_download_that_ends_early_can_be_resumed(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload[:5000])  # the server has less than announced
    part = tmp_path / "f.part"
    with pytest.raises(ModelNotAvailable, match="ended early"):
        fetch(url, part, len(payload))
    assert part.stat().st_size == 5000


def test_a_full_disk_is_a_write_failure_not_a_network_one(server, payload):
    url = server.add_file("/f.bin", payload)
    with pytest.raises(MoodPlayerError, match="could not write /dev/full: No space left") as err:
        fetch(url, Path("/dev/full"), len(payload))  # every write fails with ENOSPC
    assert not isinstance(err.value, ModelNotAvailable)
