"""Gaps found by the mutation samples of seeds 53 and 54 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np

from theory.manifold_gan import families, fields


def test_r3_penalty_gradient_off_the_equilibrium_is_that_of_eq_139():
    """``R3 = Σ_k q_k w1(D(G(z_k)))‖∇_x D(G(z_k))‖² + Σ_k p_k w2(D(x_k))‖∇_x D(x_k)‖²`` with
    ``w_i(D) = c_i + d_i D`` (eq. (139)), written out atom by atom; its ψ-gradient at a point
    off the equilibrium (where D ≠ 0, so d1 and d2 matter) against the library's. At the
    equilibrium D ≡ 0 on the data and d1, d2 drop out of every claim (seed 54, #27:
    ``w2 = c2 − d2 D`` passed every check)."""
    game = families.make_game("line-mlp", seed=0)
    c1, d1, c2, d2 = 0.3, -0.7, 0.4, 1.1
    spec = fields.Spec(reg="R3", wpar=(c1, d1, c2, d2))
    rng = np.random.default_rng(5)
    theta = jnp.asarray(game.theta + 0.3 * rng.standard_normal(game.theta.shape))
    psi = jnp.asarray(game.psi + 0.3 * rng.standard_normal(game.psi.shape))
    grad_x = jax.grad(game.disc, argnums=1)

    def r3(psi):
        total = 0.0
        for z, q in zip(game.Z, game.q, strict=True):
            x = game.gen(theta, jnp.asarray(z))
            total += q * (c1 + d1 * game.disc(psi, x)) * jnp.sum(grad_x(psi, x) ** 2)
        for x, p in zip(game.X, game.p, strict=True):
            x = jnp.asarray(x)
            total += p * (c2 + d2 * game.disc(psi, x)) * jnp.sum(grad_x(psi, x) ** 2)
        return total

    by_hand = np.asarray(jax.grad(r3)(psi))
    assert np.max(np.abs(by_hand)) > 1e-3
    np.testing.assert_allclose(fields.penalty_grad_autodiff(game, spec, theta, psi), by_hand,
                               rtol=1e-12, atol=1e-14)
