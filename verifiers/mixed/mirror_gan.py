"""Mirror-GAN (Hsieh, Liu & Cevher 2019, Algorithm 3) against simultaneous GDA.

Algorithm 3 (the mean approximation of §4.2): from the current means ``(w_t, θ_t)``
(critic, generator) run ``K`` SGLD steps (eq. (8)) per player, the generator
against the fixed critic ``w_t``, the critic against the fixed generator ``θ_t``,

    ``θ^{k+1} = θ^k + γ ∇_θ (1/n) Σ f_{w_t}(G_{θ^k}(z_i)) + sqrt(2γ) ε ξ_k``,
    ``w^{k+1} = w^k + γ ∇_w [mean f_{w^k}(X^real) − mean f_{w^k}(G_{θ_t}(z'))] + sqrt(2γ) ε ξ'_k``,

summarise the samples by exponential damping ``w̄ ← (1 − β) w̄ + β w^{k+1}`` (and θ̄),
then move ``w_{t+1} = (1 − β) w_t + β w̄_t`` (and θ). Simultaneous GDA is
``θ ← θ − γ ∇_θ V̂``, ``w ← w + γ ∇_w V̂`` on ``V̂ = mean f_w(real) − mean f_w(G_θ(z))``.
Both are ``lax.scan`` loops driven by the same per-step PRNG keys and the same
number of gradient evaluations per player (``T·K``); both record the generator
parameters after every outer step (every ``K`` GDA steps).

Games (a :class:`GanGame` is a few pure functions on flat parameter vectors; the
constructors are cached so that equal games are one static argument, compiled once):

* :func:`gaussian_1d`: data ``N(0, σ²)``, generator ``θ = (w, u)``, ``G_θ(z) = wz + u``
  projected onto ``|w| ≤ 1``, ``|u| ≤ t``; critic piecewise linear with slopes
  ``φ_i`` on the cells of [−X, X] clipped to [−1, 1] and sign(x) beyond
  (1-Lipschitz; WGAN weight clipping) — the game of Farnia & Ozdaglar;
* :func:`mixture_2d`: data an equal mixture of 4 Gaussians (sd 0.1) at radius
  1.5, generator a 2-16-2 tanh network, critic a 2-32-1 tanh network whose weights
  are clipped to ``[−c, c]`` after every step (WGAN weight clipping).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import lax


class GanGame(NamedTuple):
    """``critic(φ, x)``, ``generator(θ, z)``, ``real(key, n)``, ``latent(key, n)`` and
    ``project(φ)``, ``project_generator(θ)`` (the players' constraints, applied after
    every step): pure functions, hashable (static under jit)."""

    critic: Callable
    generator: Callable
    real: Callable
    latent: Callable
    project: Callable
    project_generator: Callable


class Hyper(NamedTuple):
    """Step ``gamma``, thermal noise ``eps``, damping ``beta``, batch size ``n``."""

    gamma: float
    eps: float
    beta: float
    n: int


def _value(game, theta, phi, x_real, z):
    """``V̂(θ, φ) = mean f_φ(x_real) − mean f_φ(G_θ(z))``."""
    return jnp.mean(game.critic(phi, x_real)) - jnp.mean(game.critic(phi, game.generator(theta, z)))


def gda(game: GanGame, hp: Hyper, theta0, phi0, *, key, T: int, K: int):
    """Simultaneous GDA for ``T·K`` steps; returns the generator parameters every ``K`` steps."""

    def step(carry, k):
        theta, phi = carry
        kr, kz = jax.random.split(k)
        x, z = game.real(kr, hp.n), game.latent(kz, hp.n)
        g_theta, g_phi = jax.grad(partial(_value, game), argnums=(0, 1))(theta, phi, x, z)
        return (
            game.project_generator(theta - hp.gamma * g_theta),
            game.project(phi + hp.gamma * g_phi),
        ), None

    def outer(carry, ks):
        carry, _ = lax.scan(step, carry, ks)
        return carry, carry[0]

    keys = jax.random.split(key, T * K).reshape(T, K)
    _, thetas = lax.scan(outer, (theta0, phi0), keys)
    return thetas


def mirror_gan(game: GanGame, hp: Hyper, theta0, phi0, *, key, T: int, K: int):
    """Algorithm 3 for ``T`` outer steps of ``K`` SGLD steps; returns the generator means
    ``θ_t`` after every outer step and the SGLD samples ``θ^{k}`` of the last one."""
    sd = jnp.sqrt(2.0 * hp.gamma) * hp.eps

    def inner(theta_t, phi_t, carry, k):
        theta_k, phi_k, theta_bar, phi_bar = carry
        kr, kz, kz2, kn, kn2 = jax.random.split(k, 5)
        x, z, z2 = game.real(kr, hp.n), game.latent(kz, hp.n), game.latent(kz2, hp.n)
        g_theta = jax.grad(_value, argnums=1)(game, theta_k, phi_t, x, z)
        g_phi = jax.grad(_value, argnums=2)(game, theta_t, phi_k, x, z2)
        theta_k = game.project_generator(
            theta_k - hp.gamma * g_theta + sd * jax.random.normal(kn, theta_k.shape)
        )
        phi_k = game.project(phi_k + hp.gamma * g_phi + sd * jax.random.normal(kn2, phi_k.shape))
        theta_bar = (1.0 - hp.beta) * theta_bar + hp.beta * theta_k
        phi_bar = (1.0 - hp.beta) * phi_bar + hp.beta * phi_k
        return (theta_k, phi_k, theta_bar, phi_bar), theta_k

    def outer(carry, ks):
        theta, phi = carry
        (_, _, theta_bar, phi_bar), samples = lax.scan(
            partial(inner, theta, phi), (theta, phi, theta, phi), ks
        )
        theta = game.project_generator((1.0 - hp.beta) * theta + hp.beta * theta_bar)
        phi = game.project((1.0 - hp.beta) * phi + hp.beta * phi_bar)
        return (theta, phi), (theta, samples)

    keys = jax.random.split(key, T * K).reshape(T, K)
    _, (thetas, samples) = lax.scan(outer, (theta0, phi0), keys)
    return thetas, samples[-1]


def _ring(points: int, radius: float):
    angles = 2.0 * jnp.pi * jnp.arange(points) / points
    return radius * jnp.stack([jnp.cos(angles), jnp.sin(angles)], axis=1)


@lru_cache(maxsize=16)
def gaussian_1d(sigma: float, t: float, cells: int = 40, width_sd: float = 4.0) -> GanGame:
    """The 1-D WGAN game of Farnia & Ozdaglar with the tanh-slope critic (module docstring)."""
    X = width_sd * sigma + t
    edges = jnp.linspace(-X, X, cells + 1)
    zero = jnp.searchsorted(edges, 0.0)

    def critic(phi, x):
        knots = jnp.concatenate([jnp.zeros(1), jnp.cumsum(phi * jnp.diff(edges))])
        knots = knots - knots[zero]
        inside = jnp.interp(x, edges, knots)
        return jnp.where(x > X, knots[-1] + x - X, jnp.where(x < -X, knots[0] - X - x, inside))

    return GanGame(
        critic,
        lambda theta, z: theta[0] * z + theta[1],
        lambda key, n: sigma * jax.random.normal(key, (n,)),
        lambda key, n: jax.random.normal(key, (n,)),
        lambda phi: jnp.clip(phi, -1.0, 1.0),
        lambda theta: jnp.clip(theta, jnp.array([-1.0, -t]), jnp.array([1.0, t])),
    )


MIX_MODES, MIX_RADIUS, MIX_SD, HIDDEN_G, HIDDEN_D = 4, 1.5, 0.1, 16, 32


def _mlp(params, x, d_in: int, hidden: int, d_out: int):
    """A one-hidden-layer tanh network whose weights are the flat vector ``params``."""
    i = 0
    W1 = params[i : i + d_in * hidden].reshape(d_in, hidden)
    i += d_in * hidden
    b1 = params[i : i + hidden]
    i += hidden
    W2 = params[i : i + hidden * d_out].reshape(hidden, d_out)
    i += hidden * d_out
    return jnp.tanh(x @ W1 + b1) @ W2 + params[i : i + d_out]


def mlp_size(d_in: int, hidden: int, d_out: int) -> int:
    """Number of parameters of :func:`_mlp`."""
    return d_in * hidden + hidden + hidden * d_out + d_out


@lru_cache(maxsize=4)
def mixture_2d(clip: float = 0.5) -> GanGame:
    """The 2-D mixture game (module docstring)."""
    centres = _ring(MIX_MODES, MIX_RADIUS)

    def real(key, n):
        kc, kx = jax.random.split(key)
        idx = jax.random.randint(kc, (n,), 0, MIX_MODES)
        return centres[idx] + MIX_SD * jax.random.normal(kx, (n, 2))

    return GanGame(
        lambda phi, x: _mlp(phi, x, 2, HIDDEN_D, 1)[..., 0],
        lambda theta, z: _mlp(theta, z, 2, HIDDEN_G, 2),
        real,
        lambda key, n: jax.random.normal(key, (n, 2)),
        lambda phi: jnp.clip(phi, -clip, clip),
        lambda theta: theta,
    )


@partial(jax.jit, static_argnames=("game", "hp", "T", "K"))
def compare(game: GanGame, hp: Hyper, theta0, phi0, *, key, T: int, K: int):
    """GDA and Algorithm 3 from the same start with the same key (one compilation):
    ``(gda generators, Mirror-GAN generator means, last SGLD samples)``."""
    thetas, samples = mirror_gan(game, hp, theta0, phi0, key=key, T=T, K=K)
    return gda(game, hp, theta0, phi0, key=key, T=T, K=K), thetas, samples
