"""W2GAN with a quadratic discriminator (Farnia & Ozdaglar 2020, eq. (9)).

Cost ``c(x, y) = ½‖x − y‖²``; ``D(x) = xᵀAx + bᵀx`` (A symmetric). Its c-transform

    D^c(y) = sup_x D(x) − ½‖x − y‖² = ½(y + b)ᵀK(y + b) − ½‖y‖²,  K = (I − 2A)⁻¹,

finite iff ``I − 2A ≻ 0`` (``+inf`` everywhere when ``I − 2A`` has a negative
eigenvalue; on the singular boundary only on an affine subspace — we return
``+inf`` there, which is exact for every nondegenerate generator). Value:

    V(G, (A, b)) = tr(AΣ) − ½tr(KS) − ½(u + b)ᵀK(u + b) + ½ tr S + ½‖u‖²   (−inf off the domain).

Discriminator best response (Kantorovich potential): ``b_G = −u``,
``A_G = ½(I − T_G)`` with ``T_G`` the Brenier matrix from N(0, Σ) to N(0, S)
(``T Σ T = S``), ``V(G, D_G) = ½ W₂²(P_X, P_G)``. Generator best response over
``{sv_min ≤ σ(W') ≤ sv_max, ‖u'‖ ≤ t}``: the S'-part is linear (projector onto
the eigenspace of K with eigenvalues > 1, or S' = I, or −inf), the u'-part the
trust-region subproblem ``min_{‖v‖≤t} ½vᵀ(I − K)v − vᵀKb`` (:mod:`.trs`).
The η-cost game is the ½-cost game scaled by 2η.
"""

from __future__ import annotations

import math
from functools import partial

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.gaussian_games.trs import trust_region_eig
from theory.gaussian_ot import brenier_map, w2_squared
from theory.small_eigh import eigh


def kernel_eigh(A):
    """``(κ, Q, ok)`` from ONE ``eigh`` of ``M = I − 2A = Q diag(μ) Qᵀ``: ``ok = μ_min > 0`` (the
    c-transform's domain) and the eigenvalues ``κ = 1/μ`` of ``K = M⁻¹`` (descending, same Q;
    ``κ = 1`` placeholders when not ok)."""
    M = jnp.eye(A.shape[0]) - 2.0 * A
    mu, Q = eigh(M)
    ok = mu[0] > 0
    return 1.0 / jnp.where(ok, mu, 1.0), Q, ok


def kernel(A):
    """``(K, ok)``: ``K = (I − 2A)⁻¹`` and whether ``I − 2A ≻ 0`` (the c-transform's domain)."""
    kap, Q, ok = kernel_eigh(A)
    return (Q * kap) @ Q.T, ok


def c_transform(A, b, y):
    """``D^c(y)`` (``+inf`` unless ``I − 2A ≻ 0``); rows of ``y`` are points."""
    K, ok = kernel(A)
    z = y + b
    val = 0.5 * jnp.einsum("...i,ij,...j->...", z, K, z) - 0.5 * jnp.sum(y * y, axis=-1)
    return jnp.where(ok, val, jnp.inf)


@jax.jit
def value(A, b, S, u, Sigma):
    """``V(G, (A, b)) = E D(X) − E D^c(Y)``, ``X ~ N(0, Σ)``, ``Y ~ N(u, S)``."""
    K, ok = kernel(A)
    return _value_k(A, b, K, ok, S, u, Sigma)


def _value_k(A, b, K, ok, S, u, Sigma):
    """:func:`value` given ``(K, ok) = kernel(A)``."""
    z = u + b
    val = (jnp.trace(A @ Sigma) - 0.5 * jnp.trace(K @ S) - 0.5 * z @ K @ z
           + 0.5 * jnp.trace(S) + 0.5 * u @ u)
    return jnp.where(ok, val, -jnp.inf)


@jax.jit
def discriminator_best_response(S, u, Sigma):
    """``(A_G, b_G) = (½(I − T_G), −u)``: the Kantorovich potential of ``G`` (c-concave)."""
    T, _ = brenier_map(jnp.zeros_like(u), Sigma, jnp.zeros_like(u), S)
    return 0.5 * (jnp.eye(u.shape[0]) - T), -u


@jax.jit
def half_w2_squared(S, u, Sigma):
    """``sup_D V(G, D) = ½ W₂²(N(0, Σ), N(u, S))`` (Bures–Wasserstein)."""
    return 0.5 * w2_squared(jnp.zeros_like(u), Sigma, u, S)


@partial(jax.jit, static_argnames=("sv_min", "sv_max"))
def generator_best_response(A, b, Sigma, t, sv_min=0.0, sv_max=1.0):
    """``(min_{G'} V(G', (A, b)), S', u')`` over the admissible set (−inf when unbounded).

    ``sv_max = 1, sv_min = 0``: ``S'`` = projector on ``{κ_i(K) > 1}``;
    ``sv_min = sv_max = 1``: ``S' = I``; ``sv_min = 1, sv_max = inf`` (Remark 1,
    first reading): ``S' = I`` if ``K ⪯ I`` else −inf."""
    return _best_response_eig(A, b, *kernel_eigh(A), Sigma, t, sv_min, sv_max)


READINGS = ((0.0, 1.0), (1.0, 1.0), (1.0, math.inf))
"""The generator sets ``sv_min ≤ σ(W') ≤ sv_max`` with a closed-form best response."""


def _best_response_eig(A, b, kap, Q, ok, Sigma, t, sv_min, sv_max):
    """:func:`generator_best_response` given ``kernel_eigh(A)``; the TRS matrix ``I − K`` has
    eigenvalues ``1 − κ`` (ascending, as κ is descending) in the same basis Q. ``ValueError``
    for a set not in :data:`READINGS` (the S'-part below is that of those three only)."""
    if (sv_min, sv_max) not in READINGS:
        raise ValueError(f"(sv_min, sv_max)=({sv_min!r}, {sv_max!r}) has no closed-form best "
                         "response here; admissible: (0, 1), (1, 1) or (1, inf)")
    K = (Q * kap) @ Q.T
    d = b.shape[0]
    if sv_min >= 1.0:
        s_vals = jnp.ones(d)
        unbounded = (sv_max == jnp.inf) & jnp.any(kap > 1.0)
    else:
        s_vals = jnp.where(kap > 1.0, 1.0, 0.0)
        unbounded = False
    S_best = (Q * s_vals) @ Q.T
    v, trs_val = trust_region_eig(1.0 - kap, Q, -K @ b, t)
    base = jnp.trace(A @ Sigma) - 0.5 * b @ K @ b
    val = base + 0.5 * jnp.sum((1.0 - kap) * s_vals) + trs_val
    val = jnp.where(unbounded | ~ok, -jnp.inf, val)
    return val, S_best, v


@partial(jax.jit, static_argnames=("sv_min", "sv_max"))
def nash_gap(A, b, S, u, Sigma, t, sv_min=0.0, sv_max=1.0):
    """``(gap, d_gain, g_gain)``: ``d_gain = ½W₂² − V(G, D)``, ``g_gain = V(G, D) − min V(·, D)``.
    The sum is ``+inf`` when either part is (D off the domain, or an unbounded best response)."""
    v, g_best, _ = value_and_best_response(A, b, S, u, Sigma, t, sv_min, sv_max)
    d_gain = half_w2_squared(S, u, Sigma) - v
    g_gain = jnp.where(jnp.isfinite(v), v - g_best, jnp.inf)
    d_gain = jnp.where(jnp.isfinite(v), d_gain, jnp.inf)
    return d_gain + g_gain, d_gain, g_gain


def optimum_u_hessian_eigenvalue(sigma):
    """The eigenvalue of ``Hess_u V((I, u), D_{G*})`` at ``u = 0`` for isotropic data
    ``N(0, σ²I)``: the Hessian is ``I − K`` with ``K = (I − 2A*)⁻¹ = T*⁻¹ = σ I``, so every
    eigenvalue is ``1 − σ`` (Theorem 1, W2GAN with quadratic D)."""
    return 1.0 - sigma


def value_and_best_response(A, b, S, u, Sigma, t, sv_min=0.0, sv_max=1.0):
    """``(V(G, D), min_{G'} V(G', D), u')`` sharing one eigendecomposition of ``I − 2A``."""
    kap, Q, ok = kernel_eigh(A)
    v = _value_k(A, b, (Q * kap) @ Q.T, ok, S, u, Sigma)
    best, _, u_best = _best_response_eig(A, b, kap, Q, ok, Sigma, t, sv_min, sv_max)
    return v, best, u_best
