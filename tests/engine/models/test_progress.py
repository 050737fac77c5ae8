"""Download progress: the rate over a sliding window, and the words both front-ends show."""

from __future__ import annotations

import pytest

from moodplayer.engine.models.progress import RateMeter, describe_progress, human_bytes, human_duration


def test_rate_meter_measures_recent_bytes_per_second():
    now = [0.0]
    meter = RateMeter(window_s=2.0, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 0.5
        meter.add(1000)  # 2000 B/s
    assert meter.rate() == pytest.approx(2000, rel=0.01)
    for _ in range(10):
        now[0] += 0.5
        meter.add(4000)  # now 8000 B/s: the old samples have left the window
    assert meter.rate() == pytest.approx(8000, rel=0.01)


@pytest.mark.parametrize("n, text", [(0, "0 bytes"), (999, "999 bytes"), (12_345, "12 kB"),
                                     (1_000_000, "1.0 MB"), (4_250_000, "4.2 MB"),
                                     (605_000_000, "605 MB"), (3_944_000_000, "3.9 GB")])
def test_human_bytes(n, text):
    assert human_bytes(n) == text


def test_human_duration_rounds_to_what_a_person_needs():
    assert [human_duration(s) for s in (0, 42, 88, 150, 599, 754, 3599, 4330)] == \
        ["0 s", "42 s", "1 min 30 s", "2 min 30 s", "10 min", "13 min", "1 h", "1 h 12 min"]


def test_describe_progress_says_bytes_speed_and_time_left():
    assert describe_progress(123_000_000, 605_000_000, 4_000_000) == \
        "123 MB of 605 MB · 4.0 MB/s · about 2 min left"
    assert describe_progress(5_000_000, 0, 0) == "5.0 MB"  # size unknown, no rate yet
    assert describe_progress(605_000_000, 605_000_000, 4_000_000) == "605 MB of 605 MB · 4.0 MB/s"
