"""A fresh library database per test."""

import pytest


@pytest.fixture
def db(tmp_path):
    from moodplayer.engine.library.db import Database

    d = Database(tmp_path / "lib.sqlite3")
    yield d
    d.dispose()
