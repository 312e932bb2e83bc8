"""Mirror-GAN (Hsieh, Liu & Cevher 2019, Algorithm 3) and Mirror-Prox-GAN (their Algorithm 6)
on arbitrary parameter pytrees.

A game is given by two losses, each a pure function ``loss(theta, phi, key) -> scalar`` on a
fresh mini-batch drawn from ``key``: ``g_loss`` (minimised by the generator ``theta``) and
``d_loss`` (minimised by the discriminator ``phi``; the negated critic objective plus any
penalty), and ``project_phi`` (the critic's constraint, e.g. weight clipping; identity if none).

**SGLD step** (their eq. (8)) for the density ``∝ exp(−h/ε)`` of one player against the other
player's fixed mean: ``p ← p − γ ∇h(p) + sqrt(2γ) ε ξ``, ``ξ ~ N(0, I)``. With ``precondition``
the step is the RMSProp-preconditioned SGLD of Li et al. 2016 that the paper's remark allows:
``v ← α v + (1 − α) g²``, ``G = 1/(δ + sqrt v)``, ``p ← p − γ G g + sqrt(2γ G) ε ξ`` (without
the ``Γ`` correction term, as in practice).

**Algorithm 3** (the mean approximation of §4.2). From the means ``(θ_t, w_t)``, run ``K`` SGLD
steps: ``θ^k`` against the fixed critic ``w_t`` and ``w^k`` against the fixed generator ``θ_t``;
summarise them by exponential damping ``θ̄ ← (1 − β) θ̄ + β θ^{k+1}`` (likewise ``w̄``), then
``θ_{t+1} = (1 − β) θ_t + β θ̄``, ``w_{t+1} = (1 − β) w_t + β w̄``.

**Algorithm 6.** Algorithm 6 is in the paper's appendix, which our text of the paper lacks; we
build it from the infinite-dimensional entropic Mirror-Prox (their Algorithm 2) exactly as
Algorithm 3 is built from entropic MD (their Algorithm 1): each of Algorithm 2's four MD steps is
one damped SGLD summary as above. From the anchors ``(θ̃_t, w̃_t)``:

1. leading point: ``(θ_t, w_t)`` = the summary of ``K`` SGLD steps from ``(θ̃_t, w̃_t)``, the
   generator against ``w̃_t`` and the critic against ``θ̃_t`` (``ν_t = MD(ν̃_t, −G†µ̃_t)``, ...);
2. update: ``(θ̃_{t+1}, w̃_{t+1})`` = the summary of ``K`` SGLD steps again from
   ``(θ̃_t, w̃_t)``, now against the leading ``w_t`` and ``θ_t`` (``ν̃_{t+1} = MD(ν̃_t, −G†µ_t)``).

The generator reported is the leading ``θ_t`` (Algorithm 2 outputs the averages of the leading
measures). An outer step of Mirror-Prox-GAN costs ``2K`` mini-batches per player, one of
Mirror-GAN ``K``. Both are run as :func:`double_step` (two summaries: two steps of
Algorithm 3 or one of Algorithm 6, selected by a flag that may be data, so one compiled
program serves both); :func:`run` takes the total number of mini-batches per player and
records the generator after every ``record_every`` of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401

tmap = jax.tree_util.tree_map


class Hyper(NamedTuple):
    """Step ``gamma``, thermal noise ``eps``, damping ``beta``, inner steps ``K``; RMSProp
    preconditioning (``precondition``, decay ``alpha``, offset ``delta``)."""

    gamma: float = 1e-3
    eps: float = 1e-4
    beta: float = 0.9
    K: int = 10
    precondition: bool = True
    alpha: float = 0.99
    delta: float = 1e-8


class Game(NamedTuple):
    """``g_loss(θ, φ, key)``, ``d_loss(θ, φ, key)`` and ``project_phi(φ)`` (module docstring)."""

    g_loss: Callable
    d_loss: Callable
    project_phi: Callable = lambda phi: phi


def _noise(key, tree):
    leaves, treedef = jax.tree_util.tree_flatten(tree)
    keys = jax.random.split(key, len(leaves))
    return jax.tree_util.tree_unflatten(
        treedef, [jax.random.normal(k, x.shape, x.dtype) for k, x in zip(keys, leaves, strict=True)]
    )


def sgld_step(p, v, grad, key, hp: Hyper):
    """One (optionally RMSProp-preconditioned) SGLD step; returns ``(p, v)``."""
    noise = _noise(key, p)
    if not hp.precondition:
        c = jnp.sqrt(2.0 * hp.gamma) * hp.eps
        return tmap(lambda x, g, n: x - hp.gamma * g + c * n, p, grad, noise), v
    v = tmap(lambda s, g: hp.alpha * s + (1.0 - hp.alpha) * g * g, v, grad)
    G = tmap(lambda s: 1.0 / (hp.delta + jnp.sqrt(s)), v)
    p = tmap(
        lambda x, g, n, c: x - hp.gamma * c * g + jnp.sqrt(2.0 * hp.gamma * c) * hp.eps * n,
        p, grad, noise, G,
    )
    return p, v


def _damp(mean, new, beta):
    return tmap(lambda m, x: (1.0 - beta) * m + beta * x, mean, new)


def summary(game: Game, hp: Hyper, start, against, precond, keys):
    """``K`` SGLD steps of both players from ``start = (θ, φ)``, each against the fixed other
    player in ``against = (θ_a, φ_a)``; returns the damped means ``(θ̄, φ̄)`` and the updated
    preconditioner state."""
    theta_a, phi_a = against

    def step(carry, key):
        (th, ph, th_bar, ph_bar), (vt, vp) = carry
        kg, kd, kn, kn2 = jax.random.split(key, 4)
        gt = jax.grad(game.g_loss)(th, phi_a, kg)
        gp = jax.grad(game.d_loss, argnums=1)(theta_a, ph, kd)
        th, vt = sgld_step(th, vt, gt, kn, hp)
        ph, vp = sgld_step(ph, vp, gp, kn2, hp)
        ph = game.project_phi(ph)
        return ((th, ph, _damp(th_bar, th, hp.beta), _damp(ph_bar, ph, hp.beta)), (vt, vp)), None

    theta, phi = start
    ((_, _, th_bar, ph_bar), precond), _ = lax.scan(
        step, ((theta, phi, theta, phi), precond), keys
    )
    return (th_bar, ph_bar), precond


def _move(point, bar, hp: Hyper, game: Game):
    theta, phi = point
    return _damp(theta, bar[0], hp.beta), game.project_phi(_damp(phi, bar[1], hp.beta))


def _where(flag, a, b):
    return tmap(lambda x, y: jnp.where(flag, x, y), a, b)


def double_step(game: Game, hp: Hyper, prox, state, keys):
    """Two damped summaries (``keys``: shape ``(2, K)``) from ``state = ((θ, w), precond)``.

    Phase 1 moves from the point against itself to ``lead``. Phase 2 moves from ``start``
    against ``lead``: ``start = lead`` gives the next step of Algorithm 3 (two Mirror-GAN
    steps in all; ``prox`` false), ``start = (θ, w)`` the update of Algorithm 6 (one
    Mirror-Prox-GAN step; ``prox`` true). ``prox`` may be traced, so both methods are one
    compiled program; the summary is written once (a scan over the two phases). Emits the
    generator reported: the leading ``θ_t`` for Algorithm 6, the newest for Algorithm 3."""
    anchor, precond = state

    def phase(carry, ks):
        start, against, precond = carry
        bar, precond = summary(game, hp, start, against, precond, ks)
        moved = _move(start, bar, hp, game)
        return (_where(prox, anchor, moved), moved, precond), moved[0]

    (_, new, precond), thetas = lax.scan(phase, (anchor, anchor, precond), keys)
    return (new, precond), _where(prox, thetas[0], thetas[1])


METHODS = {"mirror": False, "mirror_prox": True}
"""Method name -> the ``prox`` flag of :func:`double_step`."""


def run(method: str, game: Game, hp: Hyper, theta0, phi0, key, *, batches: int,
        record_every: int, prox=None):
    """``method`` (``"mirror"`` or ``"mirror_prox"``; or any name with a traced ``prox``
    flag) for ``batches`` mini-batches per player (rounded down to whole double steps of
    ``2K`` mini-batches); returns ``(final (θ, φ), generators)`` with the generator recorded
    after every ``record_every`` mini-batches (a multiple of ``2K``), stacked on a leading
    axis."""
    prox = METHODS[method] if prox is None else prox
    per_outer = 2 * hp.K
    if record_every % per_outer:
        raise ValueError(f"record_every must be a multiple of {per_outer}")
    n_rec, outer_per_rec = batches // record_every, record_every // per_outer
    keys = jax.random.split(key, n_rec * outer_per_rec * per_outer)
    keys = keys.reshape(n_rec, outer_per_rec, 2, hp.K)
    zeros = tmap(jnp.zeros_like, (theta0, phi0))
    state = ((theta0, phi0), zeros)

    def record(state, ks):
        state, thetas = lax.scan(partial(double_step, game, hp, prox), state, ks)
        return state, tmap(lambda x: x[-1], thetas)

    (point, _), thetas = lax.scan(record, state, keys)
    return point, thetas


run_jit = jax.jit(run, static_argnames=("method", "game", "hp", "batches", "record_every"))
""":func:`run` compiled (``method``, ``game``, ``hp`` and the counts static)."""
