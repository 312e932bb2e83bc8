"""The SGLD chain on its grid starts from μ = N(m0, τ²) (mutation-run survivor: no default
test ran the chain)."""

import pytest

from theory.mixed import mean_approximation as ma


def test_chain_law_after_zero_steps_is_the_prior_with_its_mean_and_variance():
    """After 0 steps the chain's law is μ on the grid: mean m0 and variance τ² (the grid's
    quadrature error is far below the 1e-6 asked here, 600 nodes over ±9τ and more)."""
    eta, a, m0, tau, gamma = 1.0, 0.3, 0.5, 0.8, 0.01
    mean = ma._chain_law(lambda x: x, eta, a, m0, tau, gamma, 0, 600)[0]
    var = ma._chain_law(lambda x: (x - m0) ** 2, eta, a, m0, tau, gamma, 0, 600)[0]
    assert mean == pytest.approx(m0, abs=1e-9)
    assert var == pytest.approx(tau**2, rel=1e-6)
