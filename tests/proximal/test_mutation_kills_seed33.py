"""Tests written for survivors of the seed-33/34 mutation runs (docs/mutation.md)."""

import numpy as np
import pytest

from theory.proximal import dynamics
from verifiers.claims.ganeq.proximal import _gamma_c


@pytest.mark.parametrize(("sigma", "eta"), [(2.0, 1.0), (1.5, 3.0), (4.0, 0.7)])
def test_gda_threshold_is_where_the_block_determinant_crosses_one(sigma, eta):
    """γ_c of ``ganeq.proximal.gda_cycles``: GDA's (b, u) block (γ_d = γ_g = γ) has
    det = (1 − γσ/(2η))(1 + 2γη(σ − 1)), which is 1 at γ = 0 and at γ = γ_c, above 1 between."""
    g = _gamma_c(sigma, eta)
    assert g > 0
    det = np.linalg.det(dynamics.gda_block(sigma, eta, g, g))
    assert det == pytest.approx(1.0, rel=0, abs=1e-12)
    assert np.linalg.det(dynamics.gda_block(sigma, eta, 0.99 * g, 0.99 * g)) > 1.0
    assert np.linalg.det(dynamics.gda_block(sigma, eta, 1.01 * g, 1.01 * g)) < 1.0


@pytest.mark.parametrize("eta", [0.25, 3.0])
def test_newton_starts_inside_the_feasible_set(eta):
    """``initial_A``: sym(A0) with its eigenvalues clipped to ≤ 0.9η (the barrier needs
    A ≺ ηI), the eigenvectors kept."""

    from theory.proximal import objective

    A0 = np.array([[5.0, 1.0], [1.0, -2.0]])
    p = objective.problem(np.zeros(2), np.eye(2), np.zeros(2), np.eye(2), A0, np.zeros(2),
                          eta, 1.0)
    w, V = np.linalg.eigh(A0)
    want = (V * np.minimum(w, 0.9 * eta)) @ V.T
    np.testing.assert_allclose(np.asarray(objective.initial_A(p)), want, rtol=1e-12, atol=1e-13)
    assert np.linalg.eigvalsh(np.asarray(objective.initial_A(p)))[-1] < eta


def test_theorem3_scale_family_decides_on_its_worst_shift():
    """At η = 0 the scale family's margin is the smallest certified gap
    W1(G_u) − W1* − error over the shifts u ∈ {±0.1, ±0.5}: the worst one, ±0.1."""
    from verifiers import registry
    from verifiers.claims.farnia2020.proximal_existence import _w1_gap_scale

    sigma = 1.7
    cert = registry.get("farnia2020.theorem3").check(family="scale", sigma=sigma, lam=0.0)
    lows = [r.value - r.error for r in (_w1_gap_scale(u, sigma) for u in (-0.5, -0.1, 0.1, 0.5))]
    assert cert.verdict.value == "holds" and cert.margin == min(lows) < max(lows)
