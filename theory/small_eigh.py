"""Symmetric eigendecomposition with closed forms for 1 × 1 and 2 × 2 matrices.

:func:`eigh` is ``jnp.linalg.eigh`` (ascending eigenvalues, orthonormal eigenvectors as
columns, input symmetrised) for batches of ``d × d`` matrices. For ``d ≤ 2`` it evaluates
the closed form in elementwise operations instead of calling LAPACK: for ``d = 2`` the
rotation of LAPACK's own 2 × 2 kernel ``dlaev2`` (the eigenvalue of larger modulus from
``(a + c ± √((a − c)² + 4b²))/2`` without cancellation, the other from the determinant
``ac − b²`` divided by it; the rotation from the tangent of modulus ≤ 1), accurate to a few
ulps of ``‖M‖`` like LAPACK. For ``d ≥ 3`` it calls ``jnp.linalg.eigh``.

Why: a batch of small matrices costs one LAPACK call per matrix (≈ 1 µs for 2 × 2 on
the project's 2-core machine, most of the W2GAN screen's time), a process that lowers any
LAPACK call imports ``scipy.linalg`` (jaxlib takes LAPACK from it, ≈ 0.2–0.4 s of a
``ganeq check``), and large batched LAPACK calls can stall XLA's CPU thread pool
(``benchmarks/stall_repro.py``). Elementwise closed forms have none of these.
"""

from __future__ import annotations

import jax.numpy as jnp


def _eigh2(M):
    """Closed-form eigendecomposition of the symmetric part ``[[a, b], [b, c]]`` of a batch of
    2 × 2 matrices: ``m ± r`` with ``m = (a + c)/2``, ``r = hypot((a − c)/2, b)``; the one of
    larger modulus ``λ₁ = m + sign(m) r`` has no cancellation and the other is ``det/λ₁``
    (as in LAPACK's ``dlaev2``); the eigenvector of ``m − r`` is ``(cos φ, sin φ)`` with
    ``2φ = atan2(−2b, c − a)`` (``e1`` for a diagonal matrix with ``a ≤ c``, as LAPACK). Entries
    are halved before they are added, so nothing overflows unless an eigenvalue does."""
    a, c = M[..., 0, 0], M[..., 1, 1]
    b = 0.5 * M[..., 0, 1] + 0.5 * M[..., 1, 0]  # halved first: no overflow below 1.8e308
    half_diff = 0.5 * a - 0.5 * c
    m, r = 0.5 * a + 0.5 * c, jnp.hypot(half_diff, b)
    big = m + jnp.where(m < 0, -r, r)
    safe = jnp.where(big == 0, 1.0, big)
    larger = jnp.abs(a) > jnp.abs(c)
    other = (jnp.where(larger, a, c) / safe) * jnp.where(larger, c, a) - (b / safe) * b
    low, high = jnp.where(m < 0, big, other), jnp.where(m < 0, other, big)
    phi = 0.5 * jnp.arctan2(-b, 0.5 * c - 0.5 * a)  # +0 (not −half_diff = −0) when a = c
    cos, sin = jnp.cos(phi), jnp.sin(phi)
    V = jnp.stack([jnp.stack([cos, -sin], axis=-1), jnp.stack([sin, cos], axis=-1)], axis=-2)
    return jnp.stack([low, high], axis=-1), V


def eigh(M):
    """``(w, V)`` with ``sym(M) = V diag(w) Vᵀ``, ``w`` ascending, for ``(..., d, d)`` arrays."""
    M = jnp.asarray(M)
    d = M.shape[-1]
    if d == 1:
        return M[..., 0, :], jnp.ones_like(M)
    if d == 2:
        return _eigh2(M)
    return jnp.linalg.eigh(M)
