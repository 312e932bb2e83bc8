"""The linear-Gaussian W2GAN with quadratic discriminators (Farnia & Ozdaglar
2020, eq. 9, Theorem 1's game with cost η‖x − y‖²).

Data ``X ~ N(m, Sx)``; generator ``G_θ(z) = Wz + u``, ``θ = (W, u)``,
``Z ~ N(0, I_k)``, admissible set ``σ_max(W) ≤ 1``, ``‖u‖ ≤ t``;
discriminator ``D(x) = xᵀAx + bᵀx + c`` with ``M = ηI − A ≻ 0``. Then
(farnia2020.md)

    V(G, D) = tr(A Sx) + mᵀAm + bᵀm − ¼(b + 2ηu)ᵀM⁻¹(b + 2ηu) − η² tr(M⁻¹SY) + η(‖u‖² + tr SY).

This module duplicates the minimal part of the W2GAN that the proximal
checkers need (the Theorem-1 engineer's ``theory/gaussian_games`` holds the full
game family; this one is written in the η-cost convention of ``gaussian_ot``).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.gaussian_ot import sym


def value(W, u, A, b, m, Sx, eta) -> jax.Array:
    """``V(G_θ, D)`` of the W2GAN for quadratic ``D`` (farnia2020.md); −∞ off ``M ≻ 0``."""
    d = Sx.shape[0]
    A = sym(A)
    M = eta * jnp.eye(d) - A
    L = jnp.linalg.cholesky(M)
    ok = jnp.all(jnp.isfinite(L))
    Minv = jnp.linalg.inv(jnp.where(ok, M, jnp.eye(d)))
    SY = W @ W.T
    v = b + 2.0 * eta * u
    out = (jnp.trace(A @ Sx) + m @ A @ m + b @ m - 0.25 * v @ Minv @ v
           - eta**2 * jnp.trace(Minv @ SY) + eta * (u @ u + jnp.trace(SY)))
    return jnp.where(ok, out, -jnp.inf)


grad_theta = jax.jit(jax.grad(value, argnums=(0, 1)))
"""``∇_θ V(G_θ, D)`` by autodiff: ``(∂/∂W, ∂/∂u)``."""


def grad_theta_closed(W, u, A, b, eta):
    """Envelope gradients (farnia2020.md): ``∂V/∂W = 2(ηI − η²M⁻¹)W``,
    ``∂V/∂u = −ηM⁻¹(b + 2ηu) + 2ηu``."""
    d = W.shape[0]
    Minv = jnp.linalg.inv(eta * jnp.eye(d) - sym(A))
    dW = 2.0 * (eta * jnp.eye(d) - eta**2 * Minv) @ W
    return dW, -eta * Minv @ (b + 2.0 * eta * u) + 2.0 * eta * u


grad_w = jax.jit(jax.grad(value, argnums=(2, 3)))
"""``∇_{(A, b)} V`` by autodiff (zero exactly at a best response, V being concave in (A, b))."""


def project(W, u, t):
    """Projection onto the admissible set: singular values of ``W`` clipped to ≤ 1,
    ``u`` radially onto the ball ``‖u‖ ≤ t``."""
    U, s, Vt = jnp.linalg.svd(W, full_matrices=False)
    norm = jnp.sqrt(u @ u)
    return (U * jnp.minimum(s, 1.0)) @ Vt, u * jnp.minimum(1.0, t / jnp.maximum(norm, 1e-300))


def theorem1_optimum(sigma, eta, d: int):
    """Theorem-1 game, ``X ~ N(0, σ²I_d)``, σ > 1, k ≥ d (farnia2020.md): the W2-optimal
    generator has ``SY = I``, ``u = 0``; ``B* = I/σ``, ``A* = η(1 − 1/σ)I``, ``b* = 0``,
    ``W* = ηd(σ − 1)²``. Returns ``(A*, b*, W*)``."""
    return eta * (1.0 - 1.0 / sigma) * jnp.eye(d), jnp.zeros(d), eta * d * (sigma - 1.0) ** 2


def value_at_dstar(W, u, sigma, eta):
    """``V(G, D*) = η(σ − 1)(σd − ‖W‖_F² − ‖u‖²)`` in the Theorem-1 game (farnia2020.md):
    strictly decreasing in ‖u‖, so no Nash equilibrium (Theorem 1)."""
    d = W.shape[0]
    return eta * (sigma - 1.0) * (sigma * d - jnp.sum(W**2) - u @ u)
