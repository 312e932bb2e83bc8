"""Trajectories in the 1-D Gaussian games (``lax.scan``): best-response iteration, which
cycles instead of converging (no NE), and "fix the discriminator, keep optimising the
generator" (Farnia & Ozdaglar 2020, §2, eq. (5)): projected gradient descent of
``V(·, D)`` from ``G*``, which lowers V as the generator leaves G*."""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401
from theory.gaussian_games import fgan, w2gan, wgan


@partial(jax.jit, static_argnames=("steps",))
def wgan_best_response_iteration(sigma, w0, u0, t, *, steps: int):
    """``G_{k+1} = BR(D_{G_k})`` with ``D_G = |x − x0|``: returns ``(u_k, gap(G_k, D_{G_k}))``."""

    def step(carry, _):
        w, u = carry
        gap, u_next = wgan.gap_vs_best_response(sigma, w, u, t)
        return (jnp.ones_like(w), u_next), (u, gap)

    _, (us, gaps) = lax.scan(step, (w0, u0), None, length=steps)
    return us, gaps


@partial(jax.jit, static_argnames=("steps",))
def w2gan_best_response_iteration(sigma, s0, u0, t, *, steps: int):
    """1-D W2GAN: ``G_{k+1}`` = generator best response (projector + TRS) to ``D_{G_k}``.
    For σ > 1 (the Nash-cycle figure's σ = 1.5) ``u`` jumps between ±t with a finite gap; for
    σ < 1 the best response becomes the point mass ``S = 0`` and the gap from then on is
    ``+∞``."""
    Sig = jnp.eye(1) * sigma**2

    def step(carry, _):
        S, u = carry
        A, b = w2gan.discriminator_best_response(S, u, Sig)
        gap, _, _ = w2gan.nash_gap(A, b, S, u, Sig, t)
        _, S_next, u_next = w2gan.generator_best_response(A, b, Sig, t)
        return (S_next, u_next), (u[0], gap)

    _, (us, gaps) = lax.scan(step, (jnp.eye(1) * s0, jnp.array([u0])), None, length=steps)
    return us, gaps


def _project(w, u, t):
    return jnp.clip(w, -1.0, 1.0), jnp.clip(u, -t, t)


@partial(jax.jit, static_argnames=("game", "steps"))
def fixed_critic_descent(game: str, sigma, t, lr, *, steps: int, u_start=1e-3):
    """Projected gradient descent on ``(w, u)`` of ``V((w, u), D*)`` with ``D* = D_{G*}`` fixed,
    from ``G* + (0, u_start)``; returns ``V(G_k, D*)`` (game: ``wgan``, ``w2gan`` or an f name)."""
    Sig = jnp.eye(1) * sigma**2
    if game == "wgan":
        value = lambda w, u: wgan.value(sigma, w, u, 0.0)  # noqa: E731
    elif game == "w2gan":
        A, b = w2gan.discriminator_best_response(jnp.eye(1), jnp.zeros(1), Sig)
        value = lambda w, u: w2gan.value(A, b, jnp.eye(1) * w * w, jnp.array([u]), Sig)  # noqa: E731
    else:
        value = lambda w, u: fgan.value_vs_best_response(  # noqa: E731
            game, jnp.eye(1), jnp.zeros(1), jnp.eye(1) * w * w, jnp.array([u]), Sig)
    grad = jax.grad(value, argnums=(0, 1))

    def step(carry, _):
        w, u = carry
        gw, gu = grad(w, u)
        return _project(w - lr * gw, u - lr * gu, t), value(w, u)

    _, vals = lax.scan(step, (jnp.asarray(1.0), jnp.asarray(u_start)), None, length=steps)
    return vals
