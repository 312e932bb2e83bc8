"""Gaps found by the mutation samples of seeds 61 and 62 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.dirac import objectives


@pytest.mark.parametrize("psi", [-1.5, -0.2, 0.0, 0.3, 2.0])
@pytest.mark.parametrize("gamma, target", [(1.0, 1.0), (10.0, 0.5), (0.3, 3.0)])
def test_norm_penalty_is_half_gamma_times_the_squared_distance_to_the_target(psi, gamma, target):
    """``γ/2 ψ² − γ·target·|ψ| + γ/2 target² = γ/2 (|ψ| − target)²`` (seed 62, #20: the
    constant ``target²`` → ``2·target``, which no gradient sees)."""
    got = float(objectives.norm_penalty(psi, gamma, target))
    assert got == pytest.approx(0.5 * gamma * (abs(psi) - target) ** 2, rel=1e-14, abs=1e-15)
    assert np.isfinite(got)
