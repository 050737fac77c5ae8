import errno
import os

from moodplayer.engine.library.scanning.report import ScanReport
from moodplayer.engine.library.scanning.walk import FINGERPRINT_BYTES, fingerprint, os_reason, walk


def test_os_error_reasons():
    assert os_reason(PermissionError(13, "Permission denied")) == "permission denied"
    assert os_reason(FileNotFoundError(2, "gone")) == "vanished during the scan"
    assert os_reason(OSError(errno.ELOOP, "loop")) == "symbolic link loop"


def test_fingerprint_reads_head_and_tail(tmp_path):
    size = 3 * FINGERPRINT_BYTES
    body = os.urandom(size)
    a, b, c = tmp_path / "a.mp3", tmp_path / "b.mp3", tmp_path / "c.mp3"
    a.write_bytes(body)
    b.write_bytes(body)  # a copy: the same fingerprint wherever it lies
    c.write_bytes(body[:-1] + bytes([body[-1] ^ 1]))  # the last byte differs
    assert fingerprint(str(a), size) == fingerprint(str(b), size) != fingerprint(str(c), size)


def test_walk_finds_media_only_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("sub/a.mp3", "b.mkv", "notes.txt", ".hidden/c.mp3", "._d.mp3"):
        (tmp_path / name).write_bytes(b"x")
    report, unreadable = ScanReport(), []
    found = sorted(os.path.relpath(f.path, tmp_path)
                   for f in walk(str(tmp_path), report, unreadable, None))
    assert found == ["b.mkv", os.path.join("sub", "a.mp3")] and not report.failures
    list(walk(str(tmp_path / "nope"), report, unreadable, None))
    assert unreadable == [str(tmp_path / "nope")]
    assert report.failures == [(str(tmp_path / "nope"), "cannot read this folder: folder not found")]
