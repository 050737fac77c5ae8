"""Fixtures for the use-case tests: no Qt, a real (tiny) model, a real library on disk."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    out = []
    for i in range(3):
        arr = (np.random.default_rng(i).random((72, 96, 3)) * 255).astype(np.uint8)
        Image.fromarray(arr).save(folder / f"p{i}.jpg")
        out.append(folder / f"p{i}.jpg")
    return out


@pytest.fixture
def settings(tiny_spec):
    from moodplayer.engine.settings import Settings

    s = Settings(model=tiny_spec, device="cpu", precision="fp32", batch_size=4, queue_length=3)
    s.save()
    return s


@pytest.fixture
def reader(settings):
    from moodplayer.core.factory import load_reader

    return load_reader(settings)[0]


@pytest.fixture
def library(tmp_path, taxonomy, reader):
    """Six tagged WAV tones (ambient ... metal) scanned and profiled with the tiny model."""
    from moodplayer.cli.selftest import make_library
    from moodplayer.engine.library import Library

    make_library(tmp_path / "music")
    lib = Library(tmp_path / "library.sqlite3", taxonomy)
    lib.scan([tmp_path / "music"], extractor=reader)
    yield lib
    lib.close()
