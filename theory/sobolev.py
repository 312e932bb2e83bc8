"""The Sobolev semi-norm of Farnia & Ozdaglar 2020, eqs. (15)–(16):

    ‖D‖²_{Ḣ¹} = E_{P_X} ‖∇D(X)‖²,      ⟨D1, D2⟩_{Ḣ¹} = E_{P_X} ∇D1(X)ᵀ∇D2(X).

For quadratic ``D(x) = xᵀAx + bᵀx + c`` and ``X ~ N(m, Sx)``
(``docs/derivations/farnia2020.md``, setting),
``∇D(x) = 2 sym(A) x + b`` and

    ⟨D1, D2⟩ = (2A1 m + b1)ᵀ(2A2 m + b2) + 4 tr(A1 Sx A2)     (A1, A2 symmetrised).

The formula needs the symmetric part of ``A`` (a non-symmetric ``A`` plugged in raw
gives a wrong value): the functions here symmetrise. The semi-norm vanishes exactly on
constants when ``Sx ≻ 0``. For a general ``D`` the expectation is estimated by Monte Carlo
with its standard error (:func:`sobolev_inner_mc`).
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.gaussian_ot import Quadratic, sym


def sobolev_inner(D1: Quadratic, D2: Quadratic, m, Sx) -> jax.Array:
    """``⟨D1, D2⟩_{Ḣ¹}`` under ``N(m, Sx)`` for quadratic discriminators (eq. 16)."""
    A1, A2 = sym(D1.A), sym(D2.A)
    return (2.0 * A1 @ m + D1.b) @ (2.0 * A2 @ m + D2.b) + 4.0 * jnp.trace(A1 @ Sx @ A2)


def sobolev_norm_sq(D: Quadratic, m, Sx) -> jax.Array:
    """``‖D‖²_{Ḣ¹} = ‖2Am + b‖² + 4 tr(A Sx A)`` (A symmetrised; eq. 15 squared)."""
    return sobolev_inner(D, D, m, Sx)


def difference(D1: Quadratic, D2: Quadratic) -> Quadratic:
    """``D1 − D2`` as a quadratic."""
    return Quadratic(D1.A - D2.A, D1.b - D2.b, jnp.asarray(D1.c) - jnp.asarray(D2.c))


def sobolev_distance_sq(D1: Quadratic, D2: Quadratic, m, Sx) -> jax.Array:
    """``‖D1 − D2‖²_{Ḣ¹}``, the proximal penalty of eq. (11)."""
    return sobolev_norm_sq(difference(D1, D2), m, Sx)


def sobolev_inner_mc(D1: Callable, D2: Callable, m, Sx, n: int, *, key: jax.Array
                     ) -> tuple[jax.Array, jax.Array]:
    """Monte Carlo ``(estimate, standard error)`` of ``E ∇D1(X)ᵀ∇D2(X)`` for
    scalar functions ``D1, D2`` of one point, ``X ~ N(m, Sx)``, ``n`` draws;
    gradients by ``jax.grad``. Any differentiable discriminator works."""
    L = jnp.linalg.cholesky(Sx)
    x = m + jax.random.normal(key, (n, m.shape[0]), dtype=jnp.float64) @ L.T
    g1 = jax.vmap(jax.grad(D1))(x)
    g2 = jax.vmap(jax.grad(D2))(x)
    terms = jnp.sum(g1 * g2, axis=1)
    return jnp.mean(terms), jnp.std(terms, ddof=1) / jnp.sqrt(n)
