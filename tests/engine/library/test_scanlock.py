"""One scan of a library at a time: the second waits, says for whom, and can be cancelled."""

from __future__ import annotations

import os
import threading
import time

import pytest

from moodplayer.engine.errors import Cancelled
from moodplayer.engine.library.scanlock import lock_path, scan_lock
from moodplayer.engine.tasks import CancelToken


def test_the_second_scan_waits_names_the_holder_and_proceeds(tmp_path):
    db = tmp_path / "lib.sqlite3"
    said, order = [], []

    def second():
        with scan_lock(db, said.append):
            order.append("second")
    with scan_lock(db, said.append):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.6)
        order.append("first done")
    t.join(10)
    assert order == ["first done", "second"]
    assert said == [f"another scan is running (pid {os.getpid()}); waiting…"]
    assert lock_path(db).read_text() == ""  # released: no pid left behind


def test_a_waiting_scan_can_be_cancelled(tmp_path):
    db = tmp_path / "lib.sqlite3"
    token = CancelToken()
    errors = []

    def waiter():
        try:
            with scan_lock(db, lambda _m: None, token):
                pass
        except Cancelled as exc:
            errors.append(exc)
    with scan_lock(db, lambda _m: None):
        t = threading.Thread(target=waiter)
        t.start()
        time.sleep(0.3)
        token.cancel()
        t.join(5)
    assert len(errors) == 1


def test_a_lock_in_a_folder_that_cannot_hold_it_is_a_library_error(tmp_path):
    from moodplayer.engine.library.errors import LibraryError

    (tmp_path / "file").write_text("x")
    with pytest.raises(LibraryError, match="cannot create the scan lock"):
        with scan_lock(tmp_path / "file" / "lib.sqlite3", lambda _m: None):
            pass
