"""Gaps found by the mutation samples of seeds 55 to 64 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.manifold_gan import spectra


def test_simgd_step_bound_is_zero_with_a_zero_eigenvalue():
    """Lemma A.4: SimGD is stable iff ``h < 2|Re μ|/|μ|²`` for every μ, so an eigenvalue with
    Re μ = 0 — μ = 0 included — leaves no admissible step: 0, not ``−2·0/0`` (seed 55, #3:
    ``Re μ ≥ 0`` → ``Re μ > 0``)."""
    assert spectra.h_max_simgd(np.array([0.0 + 0.0j, -1.0 + 1.0j])) == 0.0
    assert spectra.h_max_simgd(np.array([2.0j, -1.0 + 1.0j])) == 0.0
    stable = spectra.h_max_simgd(np.array([-1.0 + 1.0j, -4.0 + 0.0j]))
    assert stable == pytest.approx(0.5, rel=1e-15)  # min(2·1/2, 2·4/16)


def test_null_space_cut_is_relative_to_the_largest_singular_value():
    """Singular values ≤ rtol·σ_max count as zero: for diag(10³, 10⁻⁶) and rtol = 10⁻⁸ the cut
    is 10⁻⁵, so the second direction is the kernel; for diag(10⁻³, 10⁻⁶) (cut 10⁻¹¹) the
    kernel is empty (seed 60, #28: ``rtol·σ_max`` → ``rtol/σ_max``)."""
    basis, s = spectra.null_space(np.diag([1e3, 1e-6]), 1e-8)
    np.testing.assert_array_equal(s, [1e3, 1e-6])
    np.testing.assert_allclose(np.abs(basis[:, 0]), [0.0, 1.0], atol=0)
    assert basis.shape == (2, 1)
    assert spectra.null_space(np.diag([1e-3, 1e-6]), 1e-8)[0].shape == (2, 0)
