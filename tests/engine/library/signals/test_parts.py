import numpy as np
import pytest

from moodplayer.engine.library.signals.parts import combine_parts, make_part, va_to_probs


def test_va_point_puts_the_mass_on_nearby_emotions(taxonomy):
    p = va_to_probs(-0.7, -0.5, taxonomy)
    assert taxonomy.names[int(p.argmax())] == "sadness" and p.sum() == pytest.approx(1)
    part = make_part("x", np.zeros(len(taxonomy)), taxonomy, 0.5)  # nothing: uniform
    assert np.allclose(part.probs, 1 / len(taxonomy))


def test_combine_weighs_by_weight_times_confidence():
    probs = np.array([[[1.0, 0.0]], [[0.0, 1.0]]], np.float32)  # S=2, N=1, C=2
    va = np.array([[[1.0, 0.0]], [[0.0, 1.0]]], np.float32)
    conf = np.array([[0.5], [0.5]], np.float32)
    p, point, c = combine_parts(probs, va, conf, np.array([3.0, 1.0], np.float32))
    assert np.allclose(p[0], [0.75, 0.25]) and np.allclose(point[0], [0.75, 0.25])
    assert c[0] == pytest.approx(0.75)
    p, _, c = combine_parts(probs, va, np.zeros_like(conf), np.ones(2, np.float32))
    assert np.allclose(p[0], [0.5, 0.5]) and c[0] == 0  # no signal at all
