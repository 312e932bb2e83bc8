"""GAN objectives and regularisers, all in one loss with per-run weights.

With discriminator logits ``D_ψ`` (no sigmoid), generator ``G_θ``, data ``x ~ p_D``,
fakes ``x̃ = G_θ(z)`` and optional instance noise ``x ↦ x + σ ε`` applied to both,
the discriminator minimises

    L_D = a · E[softplus(−D(x)) + softplus(D(x̃))]     (non-saturating GAN; Goodfellow 2014)
        + b · E[D(x̃) − D(x)]                           (WGAN critic; Arjovsky 2017)
        + γ · E (‖∇D(x̂)‖ − c)²,   x̂ = u x + (1 − u) x̃,   u = r + m·U,  U ~ U(0, 1)

and the generator minimises ``L_G = a · E softplus(−D(x̃)) − b · E D(x̃)``.
The one gradient penalty covers the three regularisers (one double backward
pass whatever the method, so a grid of methods is one vmapped program):

* R1 (Mescheder 2018, eq. 9), ``γ₁/2 · E_{p_D} ‖∇D‖²``: ``γ = γ₁/2, c = 0, r = 1, m = 0``;
* R2 (eq. 10), ``γ₂/2 · E_{p_θ} ‖∇D‖²``: ``γ = γ₂/2, c = 0, r = 0, m = 0``;
* WGAN-GP (Gulrajani 2017), ``λ · E (‖∇D(x̂)‖ − 1)²`` on random interpolates:
  ``γ = λ, c = 1, r = 0, m = 1`` (with ``a = 0, b = 1``).

The weights are the fields of :class:`Weights` (arrays, so methods are vmapped
as data); build them with :func:`gan`, :func:`r1`, :func:`r2`, :func:`wgan_gp`,
:func:`wgan`. WGAN with clipping is :func:`wgan` plus ``clip`` in the loop.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401


class Weights(NamedTuple):
    """Per-run weights of the loss terms (scalars or arrays of one shape): ``a = gan``,
    ``b = wgan``, ``γ = gamma``, ``c = target``, ``r = real``, ``m = mix``, ``σ = noise``."""

    gan: float | jax.Array = 1.0
    wgan: float | jax.Array = 0.0
    gamma: float | jax.Array = 0.0
    target: float | jax.Array = 0.0
    real: float | jax.Array = 1.0
    mix: float | jax.Array = 0.0
    noise: float | jax.Array = 0.0


def gan(noise: float = 0.0) -> Weights:
    """Unregularised non-saturating GAN (with instance noise ``σ = noise``)."""
    return Weights(noise=noise)


def r1(gamma: float, noise: float = 0.0) -> Weights:
    """Non-saturating GAN + R1 penalty ``γ/2 · E_{p_D} ‖∇D‖²``."""
    return Weights(gamma=gamma / 2, real=1.0, noise=noise)


def r2(gamma: float, noise: float = 0.0) -> Weights:
    """Non-saturating GAN + R2 penalty ``γ/2 · E_{p_θ} ‖∇D‖²``."""
    return Weights(gamma=gamma / 2, real=0.0, noise=noise)


def wgan(noise: float = 0.0) -> Weights:
    """WGAN critic and generator losses, no penalty (clip the critic in the loop)."""
    return Weights(gan=0.0, wgan=1.0, noise=noise)


def wgan_gp(gamma: float = 10.0, noise: float = 0.0) -> Weights:
    """WGAN + gradient penalty ``γ · E (‖∇D(x̂)‖ − 1)²`` at random interpolates."""
    return Weights(gan=0.0, wgan=1.0, gamma=gamma, target=1.0, real=0.0, mix=1.0, noise=noise)


def input_gradient(d, x: jax.Array) -> jax.Array:
    """``∇_x D(x)`` for each row of ``x`` (the rows are independent, so the gradient of
    the sum is the per-sample gradient)."""
    return jax.grad(lambda y: jnp.sum(d(y)))(x)


def penalty(d, points: jax.Array, target) -> jax.Array:
    """``E (‖∇D(x)‖ − c)²`` over the rows of ``x`` (``c = 0``: ``E ‖∇D‖²``)."""
    g = input_gradient(d, points)
    norm = jnp.sqrt(jnp.sum(g**2, axis=1) + 1e-30)
    return jnp.mean((norm - target) ** 2)


def discriminator_loss(d, real, fake, w: Weights, key) -> jax.Array:
    """``L_D`` of the module docstring for a batch (``d``: the discriminator as a function
    of its input; ``key`` draws the instance noise and the interpolation weights)."""
    k_real, k_fake, k_mix = jax.random.split(key, 3)
    real = real + w.noise * jax.random.normal(k_real, real.shape, real.dtype)
    fake = fake + w.noise * jax.random.normal(k_fake, fake.shape, fake.dtype)
    d_real, d_fake = d(real)[:, 0], d(fake)[:, 0]
    u = w.real + w.mix * jax.random.uniform(k_mix, (real.shape[0], 1), real.dtype)
    return (w.gan * jnp.mean(jax.nn.softplus(-d_real) + jax.nn.softplus(d_fake))
            + w.wgan * jnp.mean(d_fake - d_real)
            + w.gamma * penalty(d, u * real + (1 - u) * fake, w.target))


def generator_loss(d, fake, w: Weights, key) -> jax.Array:
    """``L_G`` of the module docstring (non-saturating for the GAN part)."""
    fake = fake + w.noise * jax.random.normal(key, fake.shape, fake.dtype)
    d_fake = d(fake)[:, 0]
    return w.gan * jnp.mean(jax.nn.softplus(-d_fake)) - w.wgan * jnp.mean(d_fake)
