"""The training objectives' terms alone, at known points (mutation-run survivor: no default
test evaluated them in-process)."""

import math

import jax
import jax.numpy as jnp
import pytest

from theory.training import objectives


def _d(x):
    """D(x) = ½‖x‖² per row: ∇D(x) = x, so the penalty reads the points themselves."""
    return 0.5 * jnp.sum(x**2, axis=1, keepdims=True)


REAL = jnp.array([[1.0, 0.0], [0.0, 1.0]])
FAKE = jnp.array([[3.0, 0.0], [0.0, 4.0]])


@pytest.mark.parametrize("real_weight, expected", [(1.0, 1.0), (0.0, 12.5)])
def test_gradient_penalty_is_taken_at_the_interpolation_between_real_and_fake(real_weight,
                                                                              expected):
    """The penalty term alone (γ = 1, c = 0) at u = r (mix 0): u = 1 puts the points on the
    real rows (E‖x‖² = 1), u = 0 on the fake rows (E‖x‖² = (9 + 16)/2)."""
    w = objectives.Weights(gan=0.0, wgan=0.0, gamma=1.0, target=0.0, real=real_weight, mix=0.0)
    loss = objectives.discriminator_loss(_d, REAL, FAKE, w, jax.random.key(0))
    assert float(loss) == pytest.approx(expected, rel=1e-12)


def test_gan_term_at_a_constant_zero_critic_is_2_ln_2():
    """D ≡ 0 (D = ½ everywhere after the sigmoid): the GAN term of L_D is 2 ln 2."""
    w = objectives.Weights(gan=1.0)
    loss = objectives.discriminator_loss(lambda x: 0.0 * x[:, :1], REAL, FAKE, w,
                                         jax.random.key(0))
    assert float(loss) == pytest.approx(2.0 * math.log(2.0), rel=1e-12)


def test_proximal_training_value_at_a_zero_critic_is_minus_2_ln_2():
    """V(θ, ψ) of proximal training with ψ = 0 (D ≡ 0): E log σ(0) + E log(1 − σ(0)) = −2 ln 2
    for the GAN term alone; the WGAN term alone is E D(x) − E D(G(z)) = 0."""
    from theory.training import loop, proximal

    spec = loop.Spec(datasets=("circle",), hidden_g=4, hidden_d=4, batch=8)
    theta, psi = loop.init(spec, 0)
    real, z = jnp.ones((8, 2)), jnp.ones((8, spec.z_dim))
    zero = jnp.zeros_like(psi)
    gan = proximal.value(spec, objectives.Weights(gan=1.0), theta, zero, real, z)
    wgan = proximal.value(spec, objectives.Weights(gan=0.0, wgan=1.0), theta, zero, real, z)
    assert float(gan) == pytest.approx(-2.0 * math.log(2.0), rel=1e-12)
    assert float(wgan) == 0.0
