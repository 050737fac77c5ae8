"""Loudness against values worked out from ITU-R BS.1770-4 and EBU Tech 3341/3342.

The expected numbers are computed here from the standard itself: its 48 kHz
K-weighting coefficients (Table 1 and 2 of BS.1770-4) give the filter's
gain at the tone's frequency, and a sine of peak amplitude A has mean
square A^2/2, so one channel reads

    L = -0.691 + 10 log10( G * |H(f)|^2 * A^2 / 2 )      (G = 1 for L, R, C)

For 997 Hz, |H|^2 is +0.69 dB, which the -0.691 offset was chosen to cancel:
a MONO sine at -20 dBFS peak reads -23.0 LUFS (not -20: 10 log10(1/2) = -3 dB
for the sine's mean square), and a STEREO sine at -23 dBFS peak in both
channels also reads -23.0 (two channels' powers add: +3 dB), which is
EBU Tech 3341's first test case.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import freqz

from moodplayer.engine.audio import loudness

from . import synth

# BS.1770-4, 48 kHz: stage 1 (head, high shelf) and stage 2 (RLB high-pass).
SHELF = ([1.53512485958697, -2.69169618940638, 1.19839281085285],
         [1.0, -1.69065929318241, 0.73248077421585])
HIGHPASS = ([1.0, -2.0, 1.0], [1.0, -1.99004745483398, 0.99007225036621])


def k_gain_db(hz: float) -> float:
    """|H(f)|^2 of the standard's K-weighting, in dB, at ``hz``."""
    total = 0.0
    for b, a in (SHELF, HIGHPASS):
        _, h = freqz(b, a, worN=[hz], fs=48000)
        total += 20 * math.log10(abs(h[0]))
    return total


def expected_lufs(hz: float, peak_dbfs: float, channels: int) -> float:
    mean_square = (10 ** (peak_dbfs / 20)) ** 2 / 2
    return -0.691 + 10 * math.log10(channels * mean_square) + k_gain_db(hz)


def test_the_expected_values_are_the_textbook_ones():
    # Guards the arithmetic above: if it drifts, the tests below prove nothing.
    assert expected_lufs(997, -20, 1) == pytest.approx(-23.0, abs=0.05)
    assert expected_lufs(997, -23, 2) == pytest.approx(-23.0, abs=0.05)


@pytest.mark.parametrize("hz,peak,channels,rate", [
    (997, -20.0, 1, 22050),   # mono: one channel, G = 1
    (997, -23.0, 2, 22050),   # EBU Tech 3341 case 1 (stereo)
    (997, -33.0, 2, 22050),   # case 2: 10 dB quieter
    (997, -23.0, 2, 48000),   # the standard's own rate
    (100, -20.0, 2, 22050),   # below the shelf: K-weighting ~ -0.1 dB
    (5000, -26.0, 2, 22050),  # on the shelf: +4 dB
    (40, -20.0, 1, 22050),    # the high-pass corner: -3 dB
])
def test_calibrated_sines_read_within_one_lu_of_the_standard(hz, peak, channels, rate):
    tone = synth.sine(hz, 12.0, peak, sr=rate)
    measured, lra = loudness.measure(np.vstack([tone] * channels), rate)
    assert measured == pytest.approx(expected_lufs(hz, peak, channels), abs=1.0)
    # The filter is De Man's rate-independent design: it should in fact be far closer.
    assert measured == pytest.approx(expected_lufs(hz, peak, channels), abs=0.2)
    assert lra == pytest.approx(0.0, abs=0.1)  # a steady tone has no loudness range


def test_loudness_range_of_tech_3342_case_1():
    # 20 s at -20 dBFS then 20 s at -30 dBFS (stereo 1 kHz): LRA = 10 LU.
    rate = 22050
    tone = np.concatenate([synth.sine(1000, 20, -20, rate), synth.sine(1000, 20, -30, rate)])
    _, lra = loudness.measure(np.vstack([tone, tone]), rate)
    assert lra == pytest.approx(10.0, abs=1.0)


def test_gating_ignores_silence_and_agrees_with_pyloudnorm_on_music():
    import pyloudnorm

    rate = 22050
    music = synth.chord_piece(2, "minor", "saw", seconds=12, sr=rate)
    drums = synth.drum_track(110, 12, sr=rate)
    stereo = np.vstack([music + drums, 0.7 * music + drums])
    with_silence = np.hstack([stereo, np.zeros((2, rate * 8), np.float32)])
    ours, _ = loudness.measure(with_silence, rate)
    theirs = pyloudnorm.Meter(rate, filter_class="DeMan").integrated_loudness(
        with_silence.T.astype(np.float64))
    assert ours == pytest.approx(theirs, abs=0.1)
    assert ours == pytest.approx(loudness.measure(stereo, rate)[0], abs=0.3)


def test_excerpts_are_gated_separately_not_across_the_join():
    rate = 22050
    loud, quiet = synth.sine(997, 5, -10, rate), synth.sine(997, 5, -40, rate)
    x = np.concatenate([loud, quiet])[None]
    joined, _ = loudness.measure(x, rate)
    split, _ = loudness.measure(x, rate, spans=[(0, loud.size), (loud.size, x.shape[1])])
    assert split == pytest.approx(joined, abs=0.5)  # the quiet half is gated out either way
    assert loudness.measure(np.zeros((1, rate * 5), np.float32), rate)[0] == loudness.SILENT_LUFS
