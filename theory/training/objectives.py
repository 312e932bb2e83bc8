"""GAN objectives and regularisers, all in one loss with per-run weights.

With discriminator logits ``D_ψ`` (no sigmoid), generator ``G_θ``, data ``x ~ p_D``,
fakes ``x̃ = G_θ(z)`` and optional instance noise ``x ↦ x + σ ε`` applied to both,
the discriminator minimises

    L_D = a · E[softplus(−D(x)) + softplus(D(x̃))]          (non-saturating GAN; Goodfellow 2014)
        + b · E[D(x̃) − D(x)]                                (WGAN critic; Arjovsky 2017)
        + γ₁/2 · E_{p_D} ‖∇D(x)‖²                            (R1, Mescheder 2018 eq. 9)
        + γ₂/2 · E_{p_θ} ‖∇D(x̃)‖²                            (R2, Mescheder 2018 eq. 10)
        + λ · E (‖∇D(x̂)‖ − 1)²,  x̂ = u x + (1 − u) x̃        (WGAN-GP; Gulrajani 2017)

and the generator minimises ``L_G = a · E softplus(−D(x̃)) − b · E D(x̃)``.
The weights are the fields of :class:`Weights` (arrays, so a grid of methods
is vmapped as data): unregularised GAN is ``a = 1``; R1/R2 add ``γ₁``/``γ₂``;
WGAN-GP is ``b = 1, λ = γ``; WGAN with clipping is ``b = 1`` plus
``clip`` in the training loop.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401


class Weights(NamedTuple):
    """Per-run weights of the loss terms (scalars or arrays of one shape)."""

    gan: float | jax.Array = 1.0
    wgan: float | jax.Array = 0.0
    r1: float | jax.Array = 0.0
    r2: float | jax.Array = 0.0
    gp: float | jax.Array = 0.0
    noise: float | jax.Array = 0.0


def input_gradient(d, x: jax.Array) -> jax.Array:
    """``∇_x D(x)`` for each row of ``x`` (the rows are independent, so the gradient of
    the sum is the per-sample gradient)."""
    return jax.grad(lambda y: jnp.sum(d(y)))(x)


def squared_gradient_norm(d, x: jax.Array) -> jax.Array:
    """``E ‖∇_x D(x)‖²`` over the rows of ``x`` (the R1/R2 penalty without ``γ/2``)."""
    return jnp.mean(jnp.sum(input_gradient(d, x) ** 2, axis=1))


def gradient_penalty(d, real: jax.Array, fake: jax.Array, u: jax.Array) -> jax.Array:
    """``E (‖∇D(x̂)‖ − 1)²`` at ``x̂ = u x + (1 − u) x̃`` (WGAN-GP, ``u`` of shape (n, 1))."""
    mixed = u * real + (1 - u) * fake
    g = input_gradient(d, mixed)
    return jnp.mean((jnp.sqrt(jnp.sum(g**2, axis=1) + 1e-24) - 1.0) ** 2)


def discriminator_loss(d, real, fake, w: Weights, key) -> jax.Array:
    """``L_D`` of the module docstring for a batch (``d``: the discriminator as a function
    of its input; ``key`` draws the instance noise and the interpolation weights)."""
    k_real, k_fake, k_mix = jax.random.split(key, 3)
    real = real + w.noise * jax.random.normal(k_real, real.shape)
    fake = fake + w.noise * jax.random.normal(k_fake, fake.shape)
    d_real, d_fake = d(real)[:, 0], d(fake)[:, 0]
    u = jax.random.uniform(k_mix, (real.shape[0], 1))
    return (w.gan * jnp.mean(jax.nn.softplus(-d_real) + jax.nn.softplus(d_fake))
            + w.wgan * jnp.mean(d_fake - d_real)
            + w.r1 / 2 * squared_gradient_norm(d, real)
            + w.r2 / 2 * squared_gradient_norm(d, fake)
            + w.gp * gradient_penalty(d, real, fake, u))


def generator_loss(d, fake, w: Weights, key) -> jax.Array:
    """``L_G`` of the module docstring (non-saturating for the GAN part)."""
    fake = fake + w.noise * jax.random.normal(key, fake.shape)
    d_fake = d(fake)[:, 0]
    return w.gan * jnp.mean(jax.nn.softplus(-d_fake)) - w.wgan * jnp.mean(d_fake)
