"""Gaps found by the mutation samples of seeds 107 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from theory.proximal import dynamics


@pytest.mark.parametrize(("sigma", "eta", "mu"), [(0.3, 1.0, 0.5), (2.0, 1.0, 0.5)])
def test_the_inner_step_bound_takes_the_larger_curvature(sigma, eta, mu):
    """``2/L_inner`` with ``L_inner = max(σ/(2η) + 2μ, 2σ³/η + 8μσ²)``; below σ = 1/2 the
    first term is the larger (seed 108, #23: its ``2μ`` → ``2.002μ`` is unseen by the claims,
    whose σ > 1 always picks the second)."""
    L = max(sigma / (2 * eta) + 2 * mu, 2 * sigma**3 / eta + 8 * mu * sigma**2)
    assert dynamics.inner_step_bound(sigma, eta, mu) == pytest.approx(2.0 / L, rel=1e-15, abs=0.0)
