import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the synthetic data helper

from synthetic import write_image_folder  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory, taxonomy):
    """8 emotions x 20 photos, classes told apart by colour and block position."""
    return write_image_folder(tmp_path_factory.mktemp("synthetic"), taxonomy.names, 20, seed=0)


@pytest.fixture(scope="session")
def synthetic_set(synthetic_folder, taxonomy):
    from moodplayer.engine.dapt.data import load_labelled

    return load_labelled(synthetic_folder, taxonomy)
