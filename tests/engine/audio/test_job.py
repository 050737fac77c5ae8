"""The background runner: resumes after a cancel, survives bad files, crashes and hangs."""

from __future__ import annotations

import os

import numpy as np
import pytest

from moodplayer.engine.audio.features import AudioFeatures
from moodplayer.engine.audio.job import analyze_items, default_workers
from moodplayer.engine.tasks import CancelToken

from . import synth
from .conftest import ANALYSIS_SR as SR


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """Ten short songs and three bad files, as (item_id, path)."""
    d = tmp_path_factory.mktemp("job-library")
    items = []
    for i in range(10):
        x = synth.chord_piece(i % 12, "major" if i % 2 else "minor", synth.TIMBRES[i % 5],
                              seed=i, seconds=4, sr=SR) + synth.drum_track(80 + 8 * i, 4, sr=SR)
        items.append((100 + i, synth.write(d / f"song{i}.wav", x, sr=SR)))
    (d / "empty.mp3").write_bytes(b"")
    (d / "text.mp3").write_text("not music")
    synth.write(d / "silent.wav", np.zeros(5 * SR, np.float32), sr=SR)
    items[3:3] = [(1, d / "empty.mp3"), (2, d / "text.mp3")]
    items.append((3, d / "silent.wav"))
    return items


def test_cancel_half_way_then_resume_analyses_every_item_exactly_once(library):
    stored: dict = {}
    deliveries: list = []
    cancel = CancelToken()

    def store(batch):
        for item_id, features, reason in batch:
            deliveries.append(item_id)
            stored[item_id] = (features, reason)
        if len(stored) >= 4:
            cancel.cancel()  # as a user pressing Cancel half-way through

    first = analyze_items(library, store, cancel=cancel, workers=2, batch_size=2, nice=0)
    assert first.cancelled and 4 <= len(stored) < len(library)
    # Resume: only the items with nothing stored.
    todo = [(i, p) for i, p in library if i not in stored]
    second = analyze_items(todo, store, workers=2, batch_size=4, nice=0)
    assert not second.cancelled
    assert sorted(deliveries) == sorted(i for i, _ in library)  # each once, none lost
    assert first.analysed + first.failed + second.analysed + second.failed == len(library)
    for item_id, (features, reason) in stored.items():
        assert (features is None) != (reason is None)
        if item_id >= 100:
            assert isinstance(features, AudioFeatures) and features.tempo_bpm > 0
    assert "empty" in stored[1][1] and "not an audio" in stored[2][1]
    assert "silent" in stored[3][1]


def test_crashes_and_hangs_cost_one_item_each_and_the_job_goes_on(library, tmp_path):
    good = [(i, p) for i, p in library if i >= 100][:4]
    crash = tmp_path / "crash.wav"
    hang = tmp_path / "hang.wav"
    crash.write_bytes(good[0][1].read_bytes())
    hang.write_bytes(good[0][1].read_bytes())
    items = [good[0], (50, crash), good[1], (51, hang), good[2], good[3]]
    got: dict = {}
    progress: list = []
    report = analyze_items(items, lambda b: got.update({i: (f, r) for i, f, r in b}),
                           progress=lambda d, t, m: progress.append((d, t, m)), workers=2,
                           item_timeout_s=3.0, nice=0,  # not niced: a busy test machine
                           analyze="tests.engine.audio.job_helpers:misbehaving")
    assert set(got) == {i for i, _ in items}
    assert "crashed" in got[50][1] and "exit code 7" in got[50][1]
    assert "longer than 3 s" in got[51][1]
    assert all(isinstance(got[i][0], AudioFeatures) for i, _ in good)
    assert (report.analysed, report.failed, report.cancelled) == (4, 2, False)
    assert progress[-1][:2] == (6, 6) and "left" in progress[-1][2]


def test_workers_run_niced_on_one_thread_each(tmp_path):
    items = [(i, tmp_path / f"x{i}") for i in range(4)]
    got: dict = {}
    analyze_items(items, lambda b: got.update({i: f for i, f, _ in b}), workers=2, nice=10,
                  analyze="tests.engine.audio.job_probe:worker_conditions")
    assert len(got) == 4
    assert all(c["nice"] >= os.nice(0) + 10 or c["nice"] == 19 for c in got.values())
    assert all(c["threads"] == "1" for c in got.values())
    assert os.getpid() not in {c["pid"] for c in got.values()}  # not in the caller's process
    assert default_workers() == max(1, len(os.sched_getaffinity(0)) - 1)


def test_a_cancelled_token_stops_before_any_work(library):
    cancel = CancelToken()
    cancel.cancel()
    got = []
    report = analyze_items(library, got.extend, cancel=cancel, workers=1)
    assert report.cancelled and got == [] and report.analysed == 0
    assert analyze_items([], got.extend).total == 0


def test_the_audio_engine_imports_no_qt_and_nothing_heavy_up_front():
    import subprocess
    import sys

    code = ("import sys, moodplayer.engine.audio as a; heavy = {'numpy', 'librosa', 'torch'}; "
            "assert not heavy & set(sys.modules), heavy & set(sys.modules); "
            "import moodplayer.engine.audio.job, moodplayer.engine.audio.mood; "
            "a.analyze_file; assert 'PySide6' not in sys.modules and 'torch' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ))
