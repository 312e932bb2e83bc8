"""Tests written for survivors of the seed-37/38 mutation runs (docs/mutation.md)."""

from types import SimpleNamespace

import jax
import jax.numpy as jnp
import pytest

from theory.training import proximal
from theory.training.objectives import Weights


@pytest.mark.parametrize("gan, wgan", [(0.0, 1.0), (1.0, 0.0), (0.5, 2.0)])
def test_fixed_discriminator_value_by_hand(monkeypatch, gan, wgan):
    """``V = −a E[softplus(−D(x)) + softplus(D(x̃))] + b E[D(x) − D(x̃)]`` (the module
    docstring) for D_ψ(x) = ψ·Σx and G_θ(z) = z + θ."""
    nets = SimpleNamespace(d=lambda psi, x: psi * jnp.sum(x, axis=1, keepdims=True),
                           g=lambda theta, z: z + theta)
    monkeypatch.setattr(proximal.loop, "nets", lambda spec: nets)
    real = jnp.array([[1.0, 0.5], [-0.2, 0.3], [0.4, 0.4]])
    z = jnp.array([[0.1, -0.3], [0.7, 0.2], [-0.5, 0.0]])
    psi, theta = 0.8, jnp.array([0.25, -0.5])
    d_real, d_fake = psi * real.sum(axis=1), psi * (z + theta).sum(axis=1)
    want = (-gan * jnp.mean(jax.nn.softplus(-d_real) + jax.nn.softplus(d_fake))
            + wgan * jnp.mean(d_real - d_fake))
    got = proximal.value(None, Weights(gan=gan, wgan=wgan), theta, psi, real, z)
    assert float(got) == pytest.approx(float(want), rel=1e-14)
