"""Gaps found by the mutation samples of seeds 49 and 50 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.gaussian_games import GaussianData


def test_symmetry_of_a_covariance_is_judged_at_its_scale():
    """Σ is symmetric when ``max|Σ − Σᵀ| ≤ 1e-12·max(1, max|Σ|)``: at the scale 10³ a
    rounding asymmetry of 10⁻¹⁰ (10⁻¹³ relative) is accepted and 10⁻⁸ rejected (seed 49,
    #13: the tolerance ``1e-12/max(1, max|Σ|)`` rejected the first)."""
    S = np.array([[1000.0, 1.0], [1.0, 500.0]])
    rounded = S + np.array([[0.0, 1e-10], [0.0, 0.0]])
    np.testing.assert_array_equal(GaussianData(rounded).Sigma,
                                  0.5 * (rounded + rounded.T))
    with pytest.raises(ValueError, match="Sigma=.* must be symmetric"):
        GaussianData(S + np.array([[0.0, 1e-8], [0.0, 0.0]]))
