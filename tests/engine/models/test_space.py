"""Room on the disk is checked before the first byte, on the nearest folder that exists."""

from __future__ import annotations

import shutil

import pytest

from moodplayer.engine.errors import MoodPlayerError
from moodplayer.engine.models.space import HEADROOM, check_disk_space


def test_check_disk_space_looks_at_the_nearest_existing_folder(tmp_path):
    check_disk_space(tmp_path / "not" / "yet", 1)
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(MoodPlayerError, match="Not enough disk space") as err:
        check_disk_space(tmp_path, free)
    assert "MOODPLAYER_MODELS_DIR" in str(err.value)  # what to do about it
    check_disk_space(tmp_path, max(free - HEADROOM - 10**8, 0))  # fits with the headroom
