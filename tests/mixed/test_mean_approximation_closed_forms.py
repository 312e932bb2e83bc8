"""The quadrature of eq. (7)'s measure and the SGLD bias expansion (theory.mixed.mean_approximation)
against closed forms: where the mirror step does nothing (η = 0), and where the critic is
linear on the measure's support (a far from it), μ⁺ is Gaussian."""

import math

import jax.numpy as jnp
import numpy as np
import pytest
from scipy import integrate

from theory.mixed import mean_approximation as ma


@pytest.mark.parametrize("v", [-3.0, -0.4, 0.0, 1.7])
def test_abs_moment_is_the_integral(v):
    """``E|v + Z| = 2φ(v) + v(2Φ(v) − 1)`` against direct quadrature."""
    want, _ = integrate.quad(lambda z: abs(v + z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi),
                             -40, 40, points=[-v], epsabs=1e-13)
    assert ma.abs_moment(v) == pytest.approx(want, rel=1e-11)


def test_potential_gradient_is_the_derivative_of_the_potential_in_both_backends():
    """``U'`` (numpy and the sampler's jax drift) against a central difference of ``U``."""
    args, h = (0.8, 0.3, -0.2, 1.3), 1e-5
    u = np.linspace(-3.0, 3.0, 13)
    fd = (ma.potential(u + h, *args) - ma.potential(u - h, *args)) / (2 * h)
    np.testing.assert_allclose(ma.potential_grad(u, *args), fd, rtol=0, atol=1e-8)
    jx = np.asarray(ma._potential_grad_jax(jnp.asarray(u), *args))
    np.testing.assert_allclose(jx, ma.potential_grad(u, *args), rtol=1e-13, atol=1e-15)


def test_mirror_step_with_eta_zero_keeps_the_gaussian():
    """η = 0: μ⁺ = μ = N(m0, τ²), so E u = m0 and E (u − m0)² = τ², within the returned
    error bounds (plus 10⁻¹², the tails beyond the window)."""
    m0, tau = 0.4, 1.3
    vals, errs = ma.gibbs_expectations([lambda u: u, lambda u: (u - m0) ** 2], 0.0, -0.5, m0, tau)
    assert np.all(np.abs(vals - [m0, tau**2]) <= errs + 1e-12), (vals, errs)


def test_a_far_critic_tilts_the_gaussian_by_eta_tau_squared():
    """a far below the measure's support: ``E|u − a + Z| = u − a`` up to e^{−(u−a)²/2}, so
    ``U = −η(u − a) + (u − m0)²/(2τ²)`` + const and μ⁺ = N(m0 + ητ², τ²)."""
    eta, m0, tau, a = 0.7, 0.2, 0.9, -60.0
    vals, errs = ma.gibbs_expectations([lambda u: u, lambda u: (u - m0 - eta * tau**2) ** 2],
                                       eta, a, m0, tau)
    assert np.all(np.abs(vals - [m0 + eta * tau**2, tau**2]) <= errs + 1e-12), (vals, errs)


def test_first_order_bias_of_the_second_moment_is_that_of_the_gaussian_euler_chain():
    """η = 0, target N(m0, τ²): the Euler chain ``x' = x − γ(x − m0)/τ² + √(2γ)ξ`` is an AR(1)
    with invariant variance ``2γ/(1 − (1 − γ/τ²)²) = τ²/(1 − γ/(2τ²)) = τ² + γ/2 + O(γ²)``;
    the expansion ``γ Cov(f, ¼U'² − ½U'')`` with ``f = (u − m0)²`` gives the same γ/2
    (``¼ Var((u − m0)²)/τ⁴ = ½``); for ``f = u`` it gives 0 (odd moments vanish)."""
    m0, tau, gamma = -0.3, 0.8, 0.01
    bias, err = ma.first_order_bias(lambda u: (u - m0) ** 2, gamma, 0.0, 1.0, m0, tau)
    assert abs(bias - gamma / 2) <= err + 1e-12
    bias, err = ma.first_order_bias(lambda u: u, gamma, 0.0, 1.0, m0, tau)
    assert abs(bias) <= err + 1e-12
