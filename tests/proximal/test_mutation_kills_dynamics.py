"""Closed forms of the proximal training dynamics pinned at their defining points
(mutation-run survivors)."""

import numpy as np
import pytest

from theory.proximal import dynamics

ARGS = (2.0, 1.0, 0.7, 0.01, 0.02)  # σ, η, μ, γ_D, γ


def _block_at(x: float) -> np.ndarray:
    """The (b, u) block of Algorithm 1 as a function of ``x = q_b^T``: it is affine in x, so
    two blocks of :func:`dynamics.inner_steps_block` (T = 1, 2) give it everywhere."""
    sigma, eta, mu, gamma_d, gamma = ARGS
    q = dynamics.inner_contraction(sigma, eta, mu, gamma_d)[0]
    m1, m2 = (dynamics.inner_steps_block(sigma, eta, mu, gamma_d, gamma, T) for T in (1, 2))
    return m1 + (x - q) / (q**2 - q) * (m2 - m1)


def test_inner_steps_interval_ends_are_where_jury_conditions_become_equalities():
    """At ``x_lo`` the block has the eigenvalue −1 (``1 + tr + det = 0``); at ``x_hi`` its
    determinant is 1: each end of the stability interval is tight."""
    sigma, eta, mu, _, gamma = ARGS
    x_lo, x_hi = dynamics.inner_steps_interval(sigma, eta, mu, gamma)
    lo, hi = _block_at(x_lo), _block_at(x_hi)
    assert 1.0 + np.trace(lo) + np.linalg.det(lo) == pytest.approx(0.0, abs=1e-12)
    assert np.linalg.det(hi) == pytest.approx(1.0, rel=1e-12)
    assert np.min(np.real(np.linalg.eigvals(lo))) == pytest.approx(-1.0, rel=1e-9)
