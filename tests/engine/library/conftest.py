import pytest

from .media import have_ffmpeg, make_templates


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    if not have_ffmpeg():
        pytest.skip("ffmpeg is needed to generate the test media")
    return make_templates(tmp_path_factory.mktemp("media-templates"))


@pytest.fixture
def db(tmp_path):
    from moodplayer.engine.library.db import Database

    d = Database(tmp_path / "lib.sqlite3")
    yield d
    d.dispose()
