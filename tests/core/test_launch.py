"""A launch's early start: the reader loads and the photos decode before the window exists."""

from __future__ import annotations

import json
import threading

import pytest
import torch


def _window_load(settings):
    from moodplayer.core.factory import load_reader

    return lambda: load_reader(settings, strict_adapter=False)


def _started(settings, photos, **kw):
    from moodplayer.core.launch import LaunchStart, input_size

    return LaunchStart(_window_load(settings), [str(p) for p in photos],
                       size=input_size(settings.model), **kw).start()


def test_the_photos_are_prepared_for_the_model_and_read_as_a_fresh_decode_would(settings, photos):
    from moodplayer.engine.vision.images import decode_image

    marks = []
    early = _started(settings, photos, milestone=marks.append)
    reader, info = early.take_reader(timeout=60)
    assert info.model and marks == ["photo decoded"]
    handed = dict(reader.encoder._ready)
    assert sorted(handed) == sorted(str(p) for p in photos)
    # What was handed in is exactly what the encoder would have made itself...
    for path, pixels in handed.items():
        fresh = reader.model.preprocess(decode_image(path, target=reader.model.image_size))
        assert torch.equal(pixels, fresh)
    analysis = reader.analyze_paths([str(p) for p in photos])
    assert len(analysis.ok) == 3 and analysis.combined is not None
    assert reader.encoder._ready == {}  # ...and each is used once


def test_the_analysis_uses_what_was_handed_in(settings, photos, monkeypatch):
    from moodplayer.engine.vision import encode

    early = _started(settings, photos)
    reader, _ = early.take_reader(timeout=60)

    def no_decoding(*_a, **_k):
        raise AssertionError("the launch photos were decoded again")

    monkeypatch.setattr(encode, "decode_image", no_decoding)
    analysis = reader.analyze_paths([str(p) for p in photos])
    assert len(analysis.ok) == 3


def test_a_corrupt_photo_is_reported_by_the_analysis_in_words(settings, photos, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    early = _started(settings, [photos[0], bad])
    reader, _ = early.take_reader(timeout=60)
    analysis = reader.analyze_paths([str(photos[0]), str(bad)])
    by_path = {p.path: p for p in analysis.photos}
    assert by_path[str(photos[0])].result is not None
    assert "corrupt" in by_path[str(bad)].error and "Traceback" not in by_path[str(bad)].error


def test_no_photos_only_loads_the_reader(settings):
    from moodplayer.core.launch import LaunchStart

    early = LaunchStart(_window_load(settings)).start()
    reader, _ = early.take_reader(timeout=60)
    assert reader.encoder._ready == {}


def test_the_reader_is_taken_once_and_a_load_failure_is_raised_to_the_taker():
    from moodplayer.core.launch import LaunchStart
    from moodplayer.engine.errors import ModelNotAvailable

    early = LaunchStart(lambda: (_ for _ in ()).throw(ModelNotAvailable("no model here"))).start()
    assert early.claim() and not early.claim()
    with pytest.raises(ModelNotAvailable, match="no model here"):
        early.take_reader(timeout=10)


def test_a_reader_that_comes_before_the_photos_does_not_wait_for_them(settings, photos,
                                                                      monkeypatch):
    """A big folder may still be walked when the model is ready: the model goes first."""
    from moodplayer.core.mood_session import MoodSession

    gate = threading.Event()
    real_expand = MoodSession.expand

    def slow_expand(inputs, cancel=None):
        gate.wait(30)
        return real_expand(inputs, cancel)

    monkeypatch.setattr(MoodSession, "expand", staticmethod(slow_expand))
    early = _started(settings, photos)
    reader, _ = early.take_reader(timeout=60)
    assert reader.encoder._ready == {}  # nothing handed in: the encoder decodes as usual
    gate.set()
    assert len(reader.analyze_paths([str(p) for p in photos]).ok) == 3


def test_input_size_from_a_local_folder_or_the_common_guess(tmp_path, tiny_spec):
    from moodplayer.core.launch import GUESSED_SIZE, input_size

    assert input_size(tiny_spec) == 32
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "open_clip_config.json").write_text(json.dumps(
        {"model_cfg": {"vision_cfg": {"image_size": [336, 336]}}}))
    assert input_size(f"local-dir:{folder}") == 336
    assert input_size("ViT-B-32:laion2b_s34b_b79k") == GUESSED_SIZE
    (folder / "open_clip_config.json").write_text("{not json")
    assert input_size(str(folder)) == GUESSED_SIZE


def test_a_reader_told_to_wait_starts_at_go_or_when_someone_needs_it():
    import time

    from moodplayer.core.launch import LaunchStart

    started = []

    def load():
        started.append(time.monotonic())
        return "reader", "info"

    early = LaunchStart(load, wait_for_go=30).start()
    time.sleep(0.3)
    assert started == []  # the window is not up yet
    early.go()
    assert early.take_reader(timeout=10) == ("reader", "info") and len(started) == 1
    # Whoever waits for the reader says go itself: no 30 s wait for a window.
    waiting = LaunchStart(load, wait_for_go=30).start()
    assert waiting.take_reader(timeout=10) == ("reader", "info")
    # Nobody says go: it starts anyway after its wait.
    left = LaunchStart(load, wait_for_go=0.2).start()
    time.sleep(1.0)
    assert left.reader_ready and len(started) == 3
