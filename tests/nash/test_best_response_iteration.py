"""The best-response iterations drawn in the Nash-cycle figure (``verifiers.nash.dynamics``):
each step is the closed-form best response of the game's own module, and for σ > 1 the
generator jumps between the two ends ±t with a positive Nash gap at every step (no NE)."""

import numpy as np
import pytest

from theory.gaussian_games import w2gan, wgan
from verifiers.nash import dynamics


@pytest.mark.parametrize(("sigma", "u0", "t"), [(1.5, 0.3, 1.0), (3.0, -0.2, 0.5)])
def test_wgan_iteration_is_repeated_best_response(sigma, u0, t):
    us, gaps = map(np.asarray, dynamics.wgan_best_response_iteration(sigma, 1.0, u0, t,
                                                                      steps=5))
    w, u = 1.0, u0
    for k in range(5):
        gap, u_next = wgan.gap_vs_best_response(sigma, w, u, t)
        assert us[k] == pytest.approx(u, rel=1e-15, abs=0.0)
        assert gaps[k] == pytest.approx(float(gap), rel=1e-13)
        w, u = 1.0, float(u_next)
    assert np.all(gaps > 0) and set(np.abs(us[1:])) == {t}
    assert np.all(us[2:] == -us[1:-1])


@pytest.mark.parametrize(("sigma", "u0", "t"), [(1.5, 0.3, 1.0), (3.0, -0.2, 0.5)])
def test_w2gan_iteration_is_repeated_best_response(sigma, u0, t):
    us, gaps = map(np.asarray, dynamics.w2gan_best_response_iteration(sigma, 1.0, u0, t,
                                                                       steps=4))
    Sig = np.eye(1) * sigma**2
    S, u = np.eye(1), np.array([u0])
    for k in range(4):
        A, b = w2gan.discriminator_best_response(S, u, Sig)
        gap, _, _ = w2gan.nash_gap(A, b, S, u, Sig, t)
        assert us[k] == pytest.approx(u[0], rel=1e-15, abs=0.0)
        assert gaps[k] == pytest.approx(float(gap), rel=1e-12)
        _, S, u = (np.asarray(x) for x in w2gan.generator_best_response(A, b, Sig, t))
    assert np.all(gaps > 0) and set(np.abs(us[1:])) == {t}


def test_w2gan_iteration_below_sigma_one_reaches_a_point_mass_with_infinite_gap():
    """σ < 1: after one step the generator's best response is the point mass S = 0, and every
    later gap is +∞ (the behaviour the docstring states)."""
    us, gaps = map(np.asarray, dynamics.w2gan_best_response_iteration(0.5, 1.0, 0.3, 1.0,
                                                                       steps=3))
    assert np.isfinite(gaps[0]) and gaps[0] > 0 and np.all(np.isposinf(gaps[1:]))
