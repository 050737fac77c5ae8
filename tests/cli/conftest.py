"""Fixtures for the command-line tests: labelled synthetic photos."""

import pytest

from ..engine.dapt.synthetic import write_image_folder


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory, taxonomy):
    """8 emotions x 20 photos, classes told apart by colour and block position."""
    return write_image_folder(tmp_path_factory.mktemp("synthetic"), taxonomy.names, 20, seed=0)
