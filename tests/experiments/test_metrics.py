"""The W1 estimator against closed forms: point masses, and in one dimension the
sorted-sample formula and two Gaussians of equal variance (W1 = |m1 − m2|)."""

import numpy as np

from theory.metrics.wasserstein import emd, w1


def test_point_masses():
    x, y = np.zeros((5, 2)), np.tile([3.0, 4.0], (5, 1))
    assert emd(x, y) == 5.0


def test_one_dimension_equals_the_sorted_coupling():
    """For n vs n samples in 1-D the optimal coupling pairs order statistics."""
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=200), rng.exponential(size=200)
    np.testing.assert_allclose(emd(x[:, None], y[:, None]),
                               np.mean(np.abs(np.sort(x) - np.sort(y))), rtol=1e-10)


def test_two_gaussians_of_equal_variance():
    """W1(N(0,1), N(1.5,1)) = 1.5; the estimate is within its spread plus the
    n^(-1/2) sampling bias."""
    rng = np.random.default_rng(1)
    n = 1000
    est = w1(lambda i, n: rng.normal(0.0, 1.0, (n, 1)), lambda i, n: rng.normal(1.5, 1.0, (n, 1)),
             n=n, resamples=4)
    assert abs(est.mean - 1.5) <= 4 * est.se + 3 / np.sqrt(n)
    assert est.se > 0 and len(est.values) == 4
