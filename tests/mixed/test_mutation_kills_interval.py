"""Soundness of the interval prover's cell bounds away from 0 (mutation-run survivor)."""

import numpy as np
import pytest
from scipy.stats import norm

from verifiers.mixed import interval


def _ratio(x, sigma, t):
    """G(x)/x with G(x) = Q(x/σ) − ½[Q(x − t) + Q(x + t)] in floating point."""
    return (norm.sf(x / sigma) - (norm.sf(x - t) + norm.sf(x + t)) / 2) / x


def test_cell_lower_bound_of_g_over_x_is_below_its_values_on_cells_beyond_1():
    """The certified lower bound of G(x)/x on (x0, x1] must not exceed G(x)/x anywhere in
    the cell, for cells with x1 > 1 too (where ``lower·x1`` would exceed ``lower/x1``), and
    is within a factor 1.5 of the smallest value (the bound is informative)."""
    sigma, t = 2.0, 1.0
    for x0, x1 in ((1.0, 1.5), (1.5, 1.8), (2.0, 2.2), (2.5, 2.7)):
        low = float(interval._cell_ratio_lower(x0, x1, sigma, t))
        smallest = float(np.min(_ratio(np.linspace(x0, x1, 2001)[1:], sigma, t)))
        assert 0.0 < low <= smallest
        assert low > smallest / 1.5


def test_tail_enclosure_contains_the_tail_at_higher_precision():
    """``_qfun(x)`` encloses Q(x) = 1 − Φ(x) at the prover's interval precision (30 digits):
    its ends lie on both sides of Q(x) computed with 60 digits (each end is moved by the
    relative widening 1e-30, above 40-digit rounding)."""
    import mpmath

    saved, interval.iv.dps = interval.iv.dps, 30
    try:
        for x in (-2.0, 0.0, 0.7, 3.5, 9.0):
            with mpmath.workdps(60):
                exact = mpmath.ncdf(-mpmath.mpf(x))
                enclosure = interval._qfun(x)
                assert enclosure.a < exact < enclosure.b
    finally:
        interval.iv.dps = saved


def test_cell_lower_bound_is_at_least_the_monotone_bound_where_that_is_the_better_one():
    """On a cell [x0, x1] with G < 0, ``Q(x1/σ) − ½[Q(x0 − t) + Q(x0 + t)] ≤ G`` (Q
    decreasing); at σ = 1.5, t = 2 the last two of eight cells of [0, X] have it above the
    mean-value bound, and the prover's bound (times x0, as it is negative) must reach it."""
    sigma, t = 1.5, 2.0
    X = t * sigma / (sigma - 1.0)
    for k in (6, 7):
        x0, x1 = X * k / 8, X * (k + 1) / 8
        monotone = norm.sf(x1 / sigma) - (norm.sf(x0 - t) + norm.sf(x0 + t)) / 2
        low = float(interval._cell_ratio_lower(x0, x1, sigma, t))
        assert monotone < 0 and low * x0 == pytest.approx(monotone, rel=1e-9)
