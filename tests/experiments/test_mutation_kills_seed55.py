"""Gaps found by the mutation samples of seeds 55 to 64 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from theory.metrics import modes
from theory.metrics.wasserstein import w1


def test_a_sample_exactly_k_sd_from_its_centre_is_high_quality():
    """High quality means distance ≤ k·sd, the end included, in the mask, the fraction and the
    per-mode counts alike (seed 56, #24: ``≤`` → ``<`` in the counts only)."""
    centres = np.array([[0.0, 0.0], [10.0, 0.0]])
    x = np.array([[3.0, 0.0], [10.0, -0.5], [0.0, 3.0 + 1e-12]])
    np.testing.assert_array_equal(modes.high_quality(x, centres, sd=1.0), [True, True, False])
    assert modes.hq_fraction(x, centres, sd=1.0) == 2 / 3
    np.testing.assert_array_equal(modes.mode_counts(x, centres, sd=1.0), [1, 1])


def test_w1_estimate_reports_the_standard_error_of_its_mean():
    """``se = sd(values, ddof = 1)/√resamples`` of the per-resample W1 values (seed 59, #13:
    ``/√`` → ``·√``); each value is the exact 1-D W1 of its two samples."""
    shifts = [0.5, 1.0, 2.0, 4.0]
    est = w1(lambda i, n: np.zeros((n, 1)), lambda i, n: np.full((n, 1), shifts[i]), n=8,
             resamples=4)
    np.testing.assert_allclose(est.values, shifts, rtol=1e-12)
    assert est.mean == np.mean(shifts)
    assert est.se == np.std(shifts, ddof=1) / 2.0
