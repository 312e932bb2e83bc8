"""Tests written for survivors of the seed-33/34 mutation runs (docs/mutation.md)."""

import numpy as np
from scipy import integrate
from scipy.stats import norm

from verifiers.mixed import wgan_grid


def _beyond(X, scale, loc):
    """E(|Y| − X)_+ for Y ~ N(loc, scale²), by quadrature of the density."""
    f = norm(loc, scale).pdf
    right = integrate.quad(lambda y: (y - X) * f(y), X, np.inf, epsabs=1e-14)[0]
    left = integrate.quad(lambda y: (-y - X) * f(y), -np.inf, -X, epsabs=1e-14)[0]
    return right + left


def test_tails_are_the_payoff_of_the_sign_critic_beyond_x():
    """τ_k = E_P(|Y| − X)_+ − E_{N(u_k, w_k²)}(|Y| − X)_+ with P = N(0, σ²): at a small X,
    where both tails carry mass, against quadrature."""
    X, sigma = 0.4, 1.7
    w, u = np.array([0.5, 1.2, 0.9]), np.array([-0.8, 0.3, 1.5])
    got = wgan_grid.tails(X, sigma, w, u)
    want = [_beyond(X, sigma, 0.0) - _beyond(X, wk, uk) for wk, uk in zip(w, u, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-13)
