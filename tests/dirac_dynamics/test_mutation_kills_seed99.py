"""Gaps found by the mutation samples of seeds 99 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from verifiers.dynamics.rates import empirical_rate


def test_the_rate_error_compares_two_disjoint_halves_of_the_window():
    """The error estimate is |e^{slope(k ≤ k̄)} − e^{slope(k > k̄)}| over the window's two
    halves, which share no point even when k̄ is a sample (an odd count of equally weighted
    points; seed 103, #24: ``k > k̄`` → ``k ≥ k̄`` put the middle point in both)."""
    k = np.arange(9.0)
    norms = np.exp(-0.1 * k - 0.01 * k**2)
    rate, error, count = (float(x) for x in empirical_rate(norms, 1.0, 1e-300, 10.0))
    first, second = (np.exp(np.polyfit(k[m], np.log(norms[m]), 1)[0])
                     for m in (k <= 4.0, k > 4.0))
    assert count == 9
    assert abs(rate - np.exp(np.polyfit(k, np.log(norms), 1)[0])) <= 1e-14
    assert abs(error - abs(first - second)) <= 1e-14
