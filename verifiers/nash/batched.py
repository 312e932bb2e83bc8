"""Batched (jit + vmap) best responses and Nash gaps over many instances of one game.

Instances are drawn with an explicit PRNG key: ``W = U diag(w_i) Vᵀ`` with Haar
orthogonal U, V and singular values ``w_i ~ U(w_low, 1)``, ``u`` uniform in the
t-ball. Every function returns, per instance, the Nash gap
against the discriminator's best response ``D_G`` and the generator's best
deviation, so that a caller can re-check any witness by an independent route.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.gaussian_games import fgan, w2gan, wgan

LAPACK_CHUNK = 2048
"""Instances per batched LAPACK call (QR, eigh). XLA's CPU runtime can deadlock (threads
parked, 0 % CPU) when two large batched LAPACK calls of one program run at once: seen from
3·10⁴ instances per call on jax 0.10.2, never at ≤ 1.6·10⁴ (benchmarks/stall_repro.py).
``lax.map`` in chunks of this size keeps every call small and gives the same values."""


def _haar(key, d):
    q, r = jnp.linalg.qr(jax.random.normal(key, (d, d)))
    return q * jnp.sign(jnp.diag(r))


def _haar_many(keys, d):
    """One Haar orthogonal matrix per key, ``LAPACK_CHUNK`` QRs at a time."""
    return jax.lax.map(lambda k: _haar(k, d), keys, batch_size=LAPACK_CHUNK)


@partial(jax.jit, static_argnames=("n", "d"))
def sample_generators(t, *, key, n: int, d: int, w_low=0.3):
    """``(W, u)`` for ``n`` admissible generators ``σ_max(W) ≤ 1, ‖u‖ ≤ t`` in R^d."""
    k1, k2, k3, k4, k5 = jax.random.split(key, 5)
    U = _haar_many(jax.random.split(k1, n), d)
    V = _haar_many(jax.random.split(k2, n), d)
    sv = jax.random.uniform(k3, (n, d), minval=w_low, maxval=1.0)
    W = jnp.einsum("nij,nj,nkj->nik", U, sv, V)
    direction = jax.random.normal(k4, (n, d))
    direction = direction / jnp.linalg.norm(direction, axis=1, keepdims=True)
    radius = t * jax.random.uniform(k5, (n, 1)) ** (1.0 / d)
    return W, radius * direction


@jax.jit
def wgan_gaps(sigma, w, u, t):
    """``(gap(G, D_G), u')`` for 1-D generators ``(w, u)`` (best deviation ``|w'| = 1``)."""
    return jax.vmap(wgan.gap_vs_best_response, in_axes=(None, 0, 0, None))(sigma, w, u, t)


@jax.jit
def wgan_values(sigma, w, u):
    """``V(G, D_G) = W1`` evaluated through the critic ``|x − x0|`` for a batch."""
    x0 = wgan.critic_center(sigma, w, u)
    return jax.vmap(wgan.value, in_axes=(None, 0, 0, 0))(sigma, w, u, x0)


def _w2_one(S, u, Sigma, t):
    """Against ``D_G`` the discriminator gains 0, so gap = V(G, D_G) − min_{G'} V(G', D_G)."""
    A, b = w2gan.discriminator_best_response(S, u, Sigma)
    v, best, u_best = w2gan.value_and_best_response(A, b, S, u, Sigma, t)
    return v - best, u_best


@jax.jit
def w2gan_gaps(S, u, Sigma, t):
    """``(gap(G, D_G), u')`` for a batch of ``(S, u)`` (generator: projector + TRS), in chunks
    of :data:`LAPACK_CHUNK` (each instance solves an ``eigh``)."""
    return jax.lax.map(lambda a: _w2_one(*a, Sigma, t), (S, u), batch_size=LAPACK_CHUNK)


@jax.jit
def w2gan_values(A, b, S, u, Sigma):
    """``V(G, (A, b))`` for a batch."""
    return jax.vmap(w2gan.value, in_axes=(0, 0, 0, 0, None))(A, b, S, u, Sigma)


FGAN_CHUNK = 512
"""Instances vmapped together in :func:`fgan_gaps` (one vmap over 10⁴ × 64 small eigh
problems stalls XLA's CPU backend; chunks of 512 run at full speed)."""


@partial(jax.jit, static_argnames=("name", "n_directions"))
def fgan_gaps(name: str, S, u, Sigma, t, n_directions: int = 64):
    """``(gap(G, D_G), u')`` for a batch (best response ``(I, u')``, ``‖u'‖ = t``);
    vmapped in chunks of :data:`FGAN_CHUNK` by ``lax.map``."""
    dirs = fgan.sphere(u.shape[1], n_directions)
    one = lambda args: fgan.gap_vs_best_response(name, *args, Sigma, t, dirs)  # noqa: E731
    return jax.lax.map(one, (S, u), batch_size=FGAN_CHUNK)


@partial(jax.jit, static_argnames=("name",))
def fgan_values(name: str, S, u, Sigma):
    """``V(G, D_G) = d_f(G)`` for a batch."""
    return jax.vmap(lambda S1, u1: fgan.divergence(name, S1, u1, Sigma))(S, u)
