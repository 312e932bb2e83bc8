"""The trust-region solver in its hard case (mutation-run survivor)."""

import jax.numpy as jnp
import numpy as np
import pytest

from theory.gaussian_games import trs


def test_trust_region_hard_case_has_its_closed_form():
    """H = diag(−1, 1), c = (0, 1), t = 2: c ⟂ the lowest eigenvector, so the minimiser is
    v* = (±sqrt(4 − 1/4), −1/2) (the hard case: ``(H + I)v = −c`` plus a component along the
    null direction up to the boundary), with value ½(−15/4 + 1/4) − 1/2 = −9/4."""
    v, q = trs.trust_region(jnp.diag(jnp.array([-1.0, 1.0])), jnp.array([0.0, 1.0]), 2.0)
    assert float(q) == pytest.approx(-2.25, abs=1e-9)
    assert np.abs(np.asarray(v)) == pytest.approx([np.sqrt(3.75), 0.5], abs=1e-9)


def test_trust_region_interior_minimiser_is_the_newton_point():
    """H = diag(2, 4) ≻ 0, c = (1, 1), t = 1: ‖H⁻¹c‖ = ‖(1/2, 1/4)‖ < 1, so the minimiser is
    the interior point −H⁻¹c with value −½cᵀH⁻¹c = −3/8."""
    v, q = trs.trust_region(jnp.diag(jnp.array([2.0, 4.0])), jnp.array([1.0, 1.0]), 1.0)
    assert float(q) == pytest.approx(-0.375, abs=1e-12)
    assert np.asarray(v) == pytest.approx([-0.5, -0.25], abs=1e-12)
