"""Remark 1 (Farnia & Ozdaglar 2020): for σ < 1 no 1-Lipschitz critic beats the equilibrium
critic D*(x) = −|x| against G* = (1, 0). Random piecewise-linear critics with slopes in [−1, 1],
written as ``D(x) = b₀x + Σ_j c_j |x − k_j|`` (``c_j = (s_{j+1} − s_j)/2``, ``b₀ = (s_0 + s_J)/2``),
so that ``V(G*, D) = E D(σξ) − E D(ξ) = Σ_j c_j [m(k_j, σ) − m(k_j, 1)]`` in closed form."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from tests.examples import examples
from theory.gaussian_games import wgan

N_CRITICS, N_KNOTS = 300, 8
CLOSED_FORM = 1e-12
"""V(G*, D) and V(G*, D*) are sums of ≤ 9 folded-normal means of size O(1): rounding ~1e-15."""


def _critics(rng):
    knots = np.sort(rng.uniform(-4, 4, (N_CRITICS, N_KNOTS)), axis=1)
    slopes = rng.uniform(-1, 1, (N_CRITICS, N_KNOTS + 1))
    return knots, 0.5 * np.diff(slopes, axis=1), 0.5 * (slopes[:, 0] + slopes[:, -1]), slopes


def _values(sigma, knots, coef):
    return np.sum(coef * (np.asarray(wgan.folded_mean(knots, sigma))
                          - np.asarray(wgan.folded_mean(knots, 1.0))), axis=1)


@settings(max_examples=examples(10))
@given(st.floats(0.05, 0.95), st.integers(0, 2**32 - 1))
def test_no_lipschitz_critic_beats_equilibrium_critic(sigma, seed):
    knots, coef, _, _ = _critics(np.random.default_rng(seed))
    v_star = float(wgan.value(sigma, 1.0, 0.0, 0.0, -1.0))
    assert v_star == pytest.approx((1 - sigma) * math.sqrt(2 / math.pi), abs=CLOSED_FORM)
    assert np.max(_values(sigma, knots, coef)) <= v_star + CLOSED_FORM


def test_critic_value_matches_quadrature():
    """Independent route for one critic: ∫ D(x)(p_σ(x) − p_1(x)) dx with D evaluated pointwise."""
    knots, coef, b0, slopes = _critics(np.random.default_rng(3))
    sigma = 0.6
    D = lambda x: b0[0] * x + np.sum(coef[0] * np.abs(x - knots[0]))  # noqa: E731
    assert np.all(np.abs(np.diff(slopes[0])) <= 2) and np.all(np.abs(slopes[0]) <= 1)
    quad = integrate.quad(lambda x: D(x) * (stats.norm.pdf(x, scale=sigma) - stats.norm.pdf(x)),
                          -40, 40, points=list(knots[0]), limit=200, epsabs=1e-13)[0]
    assert _values(sigma, knots, coef)[0] == pytest.approx(quad, abs=1e-10)


def test_family_can_beat_minus_abs_when_sigma_above_one():
    """The check is not vacuous: for σ > 1 the critic +|x| (in the family's closure) beats −|x|."""
    sigma = 1.5
    knots, coef = np.zeros((1, 1)), np.ones((1, 1))
    assert _values(sigma, knots, coef)[0] > float(wgan.value(sigma, 1.0, 0.0, 0.0, -1.0)) + 0.1
