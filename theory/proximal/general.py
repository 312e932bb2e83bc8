"""Theorem 2 of Farnia & Ozdaglar 2020 beyond the isotropic game: data ``N(0, Sx)`` with a
general SPD covariance, any ``d``, generator rank ``k``; derivation in
``docs/derivations/farnia2020.md`` (Theorem 2 for a general covariance). Units η = 1
(scale invariance), so Theorem 2's ``λ = 1/(4η)`` is ``κ = λη = 1/4``.

With ``Sx = Q diag(s) Qᵀ`` (variances ``s_i``) and ``k ≥ d`` the W2-optimal generator has
``SY* = Q diag(min(s_i, 1)) Qᵀ`` and ``u* = 0``; its Brenier slope is
``B* = Q diag(b_i) Qᵀ``, ``b_i = min(1, s_i^{-1/2})``; ``D* = (A*, 0)`` with ``A* = I − B*``;
``W* = Σ_i (√s_i − 1)₊²``. At the anchor ``D*`` the reduced proximal program is affine in
``(SY, U = uuᵀ)`` for each ``A``, so ``V^prox_κ(·, D*)`` is convex there with gradients

    g_SY = I − B*⁻¹ = Q diag(1 − 1/b_i) Qᵀ ⪯ 0,
    C_U  = (I + 4κB*)⁻¹(I − 4κA*) = Q diag((1 − 4κ(1 − b_i))/(1 + 4κb_i)) Qᵀ.

This module gives those closed forms and, as independent routes, the same quantities by
autodiff of the reduced objective of :mod:`theory.proximal.objective` at the maximiser
(Danskin; no closed form used).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.proximal import objective


def slopes(spectrum) -> np.ndarray:
    """Eigenvalues ``b_i = min(1, s_i^{-1/2})`` of the Brenier slope ``B*``."""
    s = np.asarray(spectrum, dtype=float)
    return np.minimum(1.0, 1.0 / np.sqrt(s))


def w_star(spectrum) -> float:
    """``W* = Σ_i (√s_i − 1)₊²`` (η = 1): the W2 cost of the optimal rank-≥d generator."""
    return float(np.sum(np.maximum(np.sqrt(np.asarray(spectrum, dtype=float)) - 1.0, 0.0) ** 2))


def u_coefficients(spectrum, kappa) -> np.ndarray:
    """Eigenvalues ``(1 − 4κ(1 − b_i))/(1 + 4κb_i)`` of ``C_U`` (η = 1)."""
    b = slopes(spectrum)
    return (1.0 - 4.0 * kappa * (1.0 - b)) / (1.0 + 4.0 * kappa * b)


def sy_gradient(spectrum) -> np.ndarray:
    """Eigenvalues ``1 − 1/b_i = 1 − max(1, √s_i) ≤ 0`` of ``g_SY`` (η = 1)."""
    return 1.0 - 1.0 / slopes(spectrum)


def covariance(spectrum, Q) -> np.ndarray:
    """``Sx = Q diag(s) Qᵀ``."""
    return (np.asarray(Q) * np.asarray(spectrum, dtype=float)) @ np.asarray(Q).T


def optimal_pair(spectrum, Q, k: int) -> dict:
    """``W*`` (d × k, ``W*W*ᵀ = SY*``, requires k ≥ d), ``SY*``, ``A*`` (η = 1)."""
    d = len(spectrum)
    s = np.asarray(spectrum, dtype=float)
    half = (np.asarray(Q) * np.sqrt(np.minimum(s, 1.0))) @ np.asarray(Q).T
    W = np.concatenate([half, np.zeros((d, k - d))], axis=1)
    return {"W": W, "SY": half @ half.T,
            "A": np.eye(d) - (np.asarray(Q) * slopes(s)) @ np.asarray(Q).T}


def _problem(Sx, SY, u, A0, kappa) -> objective.Problem:
    d = Sx.shape[0]
    return objective.Problem(jnp.zeros(d), Sx, u, SY, A0, jnp.zeros(d), jnp.asarray(1.0),
                             jnp.asarray(kappa))


def _reduced(Sx, SY, u, A, kappa):
    """``F(A)`` of the reduced program at anchor ``D0 = (A, 0)`` evaluated at ``A`` itself."""
    return objective.reduced_objective(A, _problem(Sx, SY, u, A, kappa))


@jax.jit
def _u_hessian(Sx, SY, A, kappa):
    d = Sx.shape[0]
    return jax.hessian(lambda u: _reduced(Sx, SY, u, A, kappa))(jnp.zeros(d))


def u_hessian(Sx, SY, A, kappa) -> np.ndarray:
    """``∇²_u F(A)`` at ``u = 0`` with the anchor and the evaluation point both ``A`` (autodiff
    of the reduced objective, no closed form). By Danskin's theorem it is the u-Hessian of
    ``V^prox_κ((SY, ·), D0)`` when ``A`` is the maximiser at ``u = 0`` (at (G*, D*): D* is a
    best response, so ``A*`` maximises ``F``); it equals ``2C_U`` there."""
    return np.asarray(_u_hessian(*(jnp.asarray(x, jnp.float64) for x in (Sx, SY, A, kappa))))


@jax.jit
def _sy_gradient(Sx, SY, A, kappa):
    d = Sx.shape[0]
    return jax.grad(lambda S: _reduced(Sx, S, jnp.zeros(d), A, kappa))(SY)


def sy_gradient_autodiff(Sx, SY, A, kappa) -> np.ndarray:
    """``∇_SY F(A)`` at ``u = 0`` by autodiff (Danskin: ``∇_SY V^prox_κ((SY, 0), D0)`` when
    ``A`` is the maximiser; the SY-gradient ``g_SY`` at (G*, D*))."""
    return np.asarray(_sy_gradient(*(jnp.asarray(x, jnp.float64) for x in (Sx, SY, A, kappa))))
