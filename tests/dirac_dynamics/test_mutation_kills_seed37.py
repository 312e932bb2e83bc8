"""Tests written for survivors of the seed-37/38 mutation runs (docs/mutation.md)."""

import pytest

from verifiers.claims.mescheder2018 import dynamics


@pytest.mark.parametrize("h, gamma, n_d", [(1.0, 1.5, 3), (0.5, 2.0, 4), (1.0, 1.0, 2)])
def test_altgd_jump_for_h_gamma_between_one_and_two(h, gamma, n_d):
    """hγ ∈ [1, 2) takes the direct form g0(1 − (1 − hγ)^{n_d}) (1 − hγ ≤ 0): against the
    implemented AltGD update map at ψ = 0± and against the value written out."""
    g0 = 2.0
    closed = dynamics.jump(h, gamma, g0, "altgd", n_d)
    assert closed == pytest.approx(g0 * (1.0 - (1.0 - h * gamma) ** n_d), rel=1e-15)
    route = dynamics._displacement(gamma, g0, h, "altgd", n_d)
    assert abs(closed - route.value) <= route.error + 1e-15 * closed
