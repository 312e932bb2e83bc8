"""Gaps found by the mutation samples of seeds 117 onwards in the training code
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import pytest

from theory.training import objectives


@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_instance_noise_adds_sigma_times_a_standard_normal_to_both_batches(noise):
    """With the WGAN weight only and the critic d(x) = Σ x, L_D = mean(d(fake') − d(real'))
    where x' = x + σ·ε, ε ~ N(0, I) drawn from the first two of the key's three splits
    (seed 126, #23: the real batch's ``σ·ε`` → ``σ/ε``, unseen where every test had σ = 0)."""
    key = jax.random.PRNGKey(3)
    real, fake = jnp.ones((64, 2)), jnp.zeros((64, 2))
    w = objectives.Weights(gan=0.0, wgan=1.0, noise=noise)
    loss = objectives.discriminator_loss(lambda x: jnp.sum(x, axis=1, keepdims=True),
                                         real, fake, w, key)
    k_real, k_fake, _ = jax.random.split(key, 3)
    real_n = real + noise * jax.random.normal(k_real, real.shape, real.dtype)
    fake_n = fake + noise * jax.random.normal(k_fake, fake.shape, fake.dtype)
    expected = jnp.mean(jnp.sum(fake_n, axis=1) - jnp.sum(real_n, axis=1))
    assert float(loss) == pytest.approx(float(expected), rel=1e-12, abs=1e-12)
