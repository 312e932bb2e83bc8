"""Mutation run of seed 31: survivors #21 (the contraction range of T_c), #30 (the strict
inequality of simultaneous GDA's A-eigenvalue) and #32 (the sign of the realisability slack)."""

import numpy as np
import pytest

from theory.proximal import dynamics, threshold
from verifiers.claims.ganeq.proximal_training import check_proximal_simgda_stability


def test_critical_T_is_nan_when_the_inner_step_does_not_contract():
    """γ_D = 0 gives q_b = 1: no T_c (``nan``), as for any q_b outside (0, 1)."""
    assert np.isnan(dynamics.inner_steps_critical_T(2.0, 1.0, 0.25, 0.0, 0.02))


def test_simgda_at_the_a_eigenvalue_boundary_is_not_predicted_stable():
    """σ = 2, η = 1/4: γ_sim ≈ 0.72 and η/σ³ = 1/32. At γ = 1/32 the A-eigenvalue
    1 − 2γσ³/η is −1: the full map is not predicted stable (γ < η/σ³ is strict)."""
    witness = check_proximal_simgda_stability(sigma=2.0, eta=0.25, gamma=1 / 32).witness
    assert bool(witness["predicted_bu_stable"])
    assert not witness["predicted_stable"]


def test_realisability_slack_is_one_minus_the_norm():
    """Sx = diag(4, 1), B = ½(diag(1, ½) + diag(0.2, 2)) = diag(0.6, 1.25):
    ‖Sx^{1/2}B‖₂ = max(1.2, 1.25): the slack is −1/4 (not realisable); SY = diag(1.44, 1.5625)."""
    slack, SY = threshold.convex_combination_realisable(
        np.diag([1.0, 0.5]), np.diag([0.2, 2.0]), 0.5, np.diag([4.0, 1.0]))
    assert slack == pytest.approx(-0.25, abs=1e-14)
    np.testing.assert_allclose(SY, np.diag([1.44, 1.5625]), rtol=1e-14)
