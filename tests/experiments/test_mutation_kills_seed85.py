"""Gaps found by the mutation samples of seeds 85–88 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import pytest

from theory.training import objectives


@pytest.mark.parametrize(("c", "gamma"), [(0.3, 10.0), (-2.0, 1.0)])
def test_the_wgan_gp_losses_are_the_wgan_losses_plus_the_penalty(c, gamma):
    """For a linear critic D(x) = c·x₁ the gradient norm is |c| everywhere, so WGAN-GP's
    L_D = E D(fake) − E D(real) + γ(|c| − 1)² and L_G = −E D(fake) exactly, whatever the
    interpolates (seed 87, #5: the preset's WGAN weight 1 → 1.001)."""
    key = jax.random.PRNGKey(0)
    real = jax.random.normal(key, (64, 2))
    fake = jax.random.normal(jax.random.PRNGKey(1), (64, 2)) + 1.5

    def d(x):
        return c * x[:, :1]

    w = objectives.wgan_gp(gamma)
    want_d = c * (jnp.mean(fake[:, 0]) - jnp.mean(real[:, 0])) + gamma * (abs(c) - 1.0) ** 2
    got_d = objectives.discriminator_loss(d, real, fake, w, jax.random.PRNGKey(2))
    assert float(got_d) == pytest.approx(float(want_d), rel=1e-12, abs=1e-12)
    got_g = objectives.generator_loss(d, fake, w, jax.random.PRNGKey(3))
    assert float(got_g) == pytest.approx(-c * float(jnp.mean(fake[:, 0])), rel=1e-12, abs=1e-12)
