"""Tests written for survivors of the seed-35/36 mutation runs (docs/mutation.md)."""

import pytest
from scipy.stats import chi2

from theory.metrics import modes


@pytest.mark.parametrize("k", [0.5, 1.0, modes.K_SD, 5.0])
def test_high_quality_fraction_of_the_data_is_the_chi2_cdf(k):
    """P(‖N(0, I₂)‖ ≤ k) = P(χ²₂ ≤ k²)."""
    assert modes.hq_fraction_exact(k) == pytest.approx(chi2.cdf(k * k, 2), rel=1e-14)
