"""Finite bi-affine games (Hsieh, Liu & Cevher 2019, eq. (1)).

``min_{p ∈ Δ_m} max_{q ∈ Δ_n} F(p, q) = ⟨q, a⟩ − ⟨q, A p⟩`` with a payoff
matrix ``A`` of shape ``(n, m)`` and a vector ``a`` of length ``n``. The
generator (minimiser) plays ``p`` over the ``m`` columns, the critic
(maximiser) plays ``q`` over the ``n`` rows.

The duality gap (exploitability) of a pair is
``gap(p, q) = max_q' F(p, q') − min_p' F(p', q)
            = max_i (a − A p)_i − ⟨q, a⟩ + max_j (Aᵀ q)_j ≥ 0``,
zero exactly at the mixed Nash equilibria.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401


def _finite_array(name: str, value, ndim: int) -> np.ndarray:
    """``value`` as a read-only float64 array of ``ndim`` dimensions, finite and non-empty."""
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a numeric array") from None
    if arr.ndim != ndim or arr.size == 0:
        raise ValueError(f"{name} has shape {arr.shape}; admissible: a non-empty {ndim}-D array")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} has non-finite entries; admissible: finite payoffs")
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class BilinearGame:
    """The game ``min_p max_q ⟨q, a⟩ − ⟨q, A p⟩`` (validated on construction).

    >>> g = BilinearGame(A=[[1.0, -1.0], [-1.0, 1.0]], a=[0.0, 0.0])
    >>> round(g.value(np.array([0.5, 0.5]), np.array([0.5, 0.5])), 12)
    0.0
    """

    A: np.ndarray
    a: np.ndarray

    def __post_init__(self):
        A = _finite_array("A", self.A, 2)
        a = _finite_array("a", self.a, 1)
        if a.shape[0] != A.shape[0]:
            raise ValueError(
                f"a has length {a.shape[0]}; admissible: length n = A.shape[0] = {A.shape[0]}"
            )
        object.__setattr__(self, "A", A)
        object.__setattr__(self, "a", a)

    @property
    def n(self) -> int:
        """Number of critic (row) strategies."""
        return self.A.shape[0]

    @property
    def m(self) -> int:
        """Number of generator (column) strategies."""
        return self.A.shape[1]

    @property
    def scale(self) -> float:
        """``G = max|a| + max|A|``, the bound on every payoff gradient entry."""
        return float(np.max(np.abs(self.a)) + np.max(np.abs(self.A)))

    def value(self, p, q) -> float:
        """``F(p, q) = ⟨q, a⟩ − ⟨q, A p⟩``."""
        return float(payoff(self.A, self.a, jnp.asarray(p), jnp.asarray(q)))

    def gap(self, p, q) -> float:
        """The duality gap of ``(p, q)`` (see the module docstring)."""
        return float(duality_gap(self.A, self.a, jnp.asarray(p), jnp.asarray(q)))


def random_game(rng: np.random.Generator, n: int, m: int) -> BilinearGame:
    """A game with ``A, a ~ U[−1, 1]`` i.i.d. (the random games of the rate claims)."""
    return BilinearGame(A=rng.uniform(-1.0, 1.0, (n, m)), a=rng.uniform(-1.0, 1.0, n))


@jax.jit
def payoff(A, a, p, q):
    """``F(p, q) = ⟨q, a⟩ − ⟨q, A p⟩`` (jax, batchable with vmap)."""
    return q @ a - q @ (A @ p)


@jax.jit
def duality_gap(A, a, p, q):
    """``max_i (a − A p)_i − ⟨q, a⟩ + max_j (Aᵀ q)_j`` (jax, batchable with vmap)."""
    return jnp.max(a - A @ p) - q @ a + jnp.max(A.T @ q)
