"""Gaps found by the mutation samples of seeds 43 and 44 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from verifiers.claims.farnia2020 import theorem1


def test_js_gain_error_bound_is_the_quadrature_orders_difference():
    """The Gaussian-lemma route to the JS gain of Theorem 1 (general Σ) carries, beside
    rounding, the difference between its default quadrature order and order 40, which is at
    rounding level here: its bound stays below 1e-10 for a gain of 0.055, and the quadrature
    route agrees within the two bounds (seed 44, #22: the sum of the two orders' gains in
    place of their difference made the bound twice the gain)."""
    sigma = np.diag([4.0, 0.5])
    lam, q = np.linalg.eigh(sigma)
    s_star = (q * np.minimum(lam, 1.0)) @ q.T
    lemma, quad = theorem1._general_routes("js", sigma, s_star, np.array([1.0, 0.0]), 0.5)
    assert 0.05 < lemma.value < 0.06
    assert lemma.error < 1e-10
    assert abs(lemma.value - quad.value) <= lemma.error + quad.error
