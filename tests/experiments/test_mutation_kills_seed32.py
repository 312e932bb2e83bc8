"""Mutation run of seed 32: survivor #33 (RMSProp's preconditioner ``1/(δ + √v)`` with
``δ − √v``; no default test ran the preconditioned SGLD step)."""

import jax
import jax.numpy as jnp
import numpy as np

from theory.mirror_gan import algorithms


def test_preconditioned_sgld_step_without_noise():
    """ε = 0, v0 = 0, α = ¾, δ = ½, g = (2, −4): v = (1 − α)g² = (1, 4), the step is
    x − γg/(δ + √v) = (1 − 0.1·2/1.5, 2 + 0.1·4/2.5)."""
    hp = algorithms.Hyper(gamma=0.1, eps=0.0, alpha=0.75, delta=0.5)
    p, v = algorithms.sgld_step({"w": jnp.array([1.0, 2.0])}, {"w": jnp.zeros(2)},
                                {"w": jnp.array([2.0, -4.0])}, jax.random.PRNGKey(0), hp)
    np.testing.assert_allclose(v["w"], [1.0, 4.0], rtol=1e-15)
    np.testing.assert_allclose(p["w"], [1.0 - 0.2 / 1.5, 2.0 + 0.4 / 2.5], rtol=1e-14)
