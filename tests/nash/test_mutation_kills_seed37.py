"""Tests written for survivors of the seed-37/38 mutation runs (docs/mutation.md)."""

import jax.numpy as jnp
import numpy as np
import pytest

from theory.gaussian_games import w2gan


@pytest.mark.parametrize("A", [jnp.zeros((2, 2)), jnp.diag(jnp.array([0.0, -0.4]))])
def test_remark1_best_response_is_bounded_when_the_kernel_touches_one(A):
    """Remark 1's first reading (σ_min = 1, σ_max = ∞): S' = I when K = (I − 2A)⁻¹ ⪯ I, and
    K ⪯ I includes an eigenvalue κ = 1 exactly (A singular, e.g. the constant discriminator
    A = 0): the value is finite and equals the one with S' = I (σ_min = σ_max = 1)."""
    b, Sigma = jnp.array([0.3, -0.2]), 2.0 * jnp.eye(2)
    value, _, _ = w2gan.generator_best_response(A, b, Sigma, 1.0, 1.0, jnp.inf)
    fixed, _, _ = w2gan.generator_best_response(A, b, Sigma, 1.0, 1.0, 1.0)
    assert jnp.isfinite(value) and float(value) == float(fixed)


@pytest.mark.parametrize("t", [1.0, 3.5, 1e6])
def test_a_generator_on_the_boundary_of_its_mean_ball_is_admissible(t):
    """‖u‖ ≤ t admits ‖u‖ = t, and a relative excess of 1e-13 (rounding of a u computed to
    lie on the sphere, within SV_RTOL = 1e-12); 1e-9 is rejected, naming u."""
    from theory.gaussian_games._model import LinearGenerator

    LinearGenerator(np.eye(2), np.array([t, 0.0]), t)
    LinearGenerator(np.eye(2), np.array([0.0, t * (1 + 1e-13)]), t)
    with pytest.raises(ValueError, match=r"^u="):
        LinearGenerator(np.eye(2), np.array([t * (1 + 1e-9), 0.0]), t)
