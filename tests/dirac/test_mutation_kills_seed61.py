"""Gaps found by the mutation samples of seeds 61 to 64 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.dirac import objectives
from verifiers.claims.mescheder2018.matrices import _is_real


@pytest.mark.parametrize("psi", [-1.5, -0.2, 0.0, 0.3, 2.0])
@pytest.mark.parametrize("gamma, target", [(1.0, 1.0), (10.0, 0.5), (0.3, 3.0)])
def test_norm_penalty_is_half_gamma_times_the_squared_distance_to_the_target(psi, gamma, target):
    """``γ/2 ψ² − γ·target·|ψ| + γ/2 target² = γ/2 (|ψ| − target)²`` (seed 62, #20: the
    constant ``target²`` → ``2·target``, which no gradient sees)."""
    got = float(objectives.norm_penalty(psi, gamma, target))
    assert got == pytest.approx(0.5 * gamma * (abs(psi) - target) ** 2, rel=1e-14, abs=1e-15)
    assert np.isfinite(got)


def test_an_eigenvalue_is_surely_real_only_if_its_disc_meets_no_other():
    """A real LAPACK eigenvalue is surely real when its error disc is disjoint from every other
    disc; discs that touch (gap exactly 0) share a point, where a conjugate pair could sit
    (seed 63, #26: ``gap > 0`` → ``≥ 0``)."""
    lam = np.array([0.0, 1.0, 3.0 + 0.0j])
    touching = _is_real(lam, np.array([0.5, 0.5, 0.1]))
    np.testing.assert_array_equal(touching, [False, False, True])
    apart = _is_real(lam, np.array([0.25, 0.5, 0.1]))
    np.testing.assert_array_equal(apart, [True, True, True])
    assert not _is_real(np.array([2.0 + 1e-3j, 2.0 - 1e-3j]), np.array([1e-6, 1e-6])).any()
