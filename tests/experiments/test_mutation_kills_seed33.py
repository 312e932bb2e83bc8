"""Tests written for survivors of the seed-33/34 mutation runs (docs/mutation.md)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.training.loop import snapshot_scan


def _step(carry, key):
    theta, psi = carry
    return theta + jax.random.normal(key, theta.shape), psi + 1.0


def test_snapshots_cut_one_run_into_chunks_without_changing_its_keys():
    """Iteration i uses the key folded from i whatever the chunking: the snapshots of a run
    of 12 iterations in 4 chunks are the ends of the runs of 3, 6, 9 and 12 iterations."""
    key, carry = jax.random.key(7), (jnp.zeros(3), jnp.zeros(()))
    thetas, psi = snapshot_scan(_step, carry, key, 12, 4)
    for c in range(4):
        (alone,), _ = snapshot_scan(_step, carry, key, 3 * (c + 1), 1)
        np.testing.assert_array_equal(thetas[c], alone)
    assert float(psi) == 12.0


def test_the_penalty_is_taken_at_the_interpolated_points():
    """``L_D``'s penalty term at x̂ = u·real + (1 − u)·fake (``mix = 0``: u = ``real``): for
    D(x) = ½‖x‖², ∇D = x, so with γ = 1, c = 0 the loss is ‖x̂‖² = 2(2u − 3(1 − u))²."""
    from theory.training.objectives import Weights, discriminator_loss

    def d(x):
        return 0.5 * jnp.sum(x**2, axis=1, keepdims=True)

    real, fake = jnp.full((4, 2), 2.0), jnp.full((4, 2), -3.0)
    for u in (0.25, 1.0):
        w = Weights(gan=0.0, gamma=1.0, real=u)
        loss = float(discriminator_loss(d, real, fake, w, jax.random.key(0)))
        assert loss == pytest.approx(2 * (2 * u - 3 * (1 - u)) ** 2, rel=1e-12)


def test_the_generator_loss_sees_the_instance_noise():
    """``L_G`` evaluates D at fake + σZ (Z from ``key``): with D(x) = ½‖x‖² and the WGAN part
    only, L_G = −mean ½‖fake + σZ‖²."""
    from theory.training.objectives import Weights, generator_loss

    def d(x):
        return 0.5 * jnp.sum(x**2, axis=1, keepdims=True)

    fake, key, sigma = jnp.full((5, 2), 0.5), jax.random.key(3), 0.3
    z = jax.random.normal(key, fake.shape)
    got = float(generator_loss(d, fake, Weights(gan=0.0, wgan=1.0, noise=sigma), key))
    assert got == pytest.approx(-float(jnp.mean(0.5 * jnp.sum((fake + sigma * z) ** 2,
                                                                axis=1))), rel=1e-14)


def test_digits_are_scaled_to_the_unit_box():
    """The 8 × 8 digits (grey levels 0..16) are mapped to [−1, 1] by x/8 − 1."""
    from theory.metrics.inception_digits import digits

    x, y = digits()
    assert x.shape == (1797, 64) and x.min() == -1.0 and x.max() == 1.0
    assert set(np.unique(x * 8 + 8)) <= set(range(17)) and set(y) == set(range(10))


def test_r1_adds_half_gamma_times_the_squared_gradient_at_the_data():
    """``r1(γ)``: L_D = GAN loss + γ/2·E_{p_D}‖∇D‖²; for D(x) = ½‖x‖² (∇D = x) at real
    points of squared norm 8 the penalty adds 4γ."""
    from theory.training.objectives import discriminator_loss, gan, r1

    def d(x):
        return 0.5 * jnp.sum(x**2, axis=1, keepdims=True)

    real, fake, key, gamma = jnp.full((3, 2), 2.0), jnp.zeros((3, 2)), jax.random.key(1), 0.6
    plain = float(discriminator_loss(d, real, fake, gan(), key))
    assert float(discriminator_loss(d, real, fake, r1(gamma), key)) == pytest.approx(
        plain + gamma / 2 * 8.0, rel=1e-13)
