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
