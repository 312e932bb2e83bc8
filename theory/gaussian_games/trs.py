"""The trust-region subproblem ``min_{‖v‖ ≤ t} ½ vᵀHv + cᵀv`` (H symmetric, maybe indefinite).

Exact characterisation (Moré & Sorensen): ``v = −(H + μI)⁻¹c`` with
``H + μI ⪰ 0``, ``μ ≥ 0``, ``μ(‖v‖ − t) = 0``; in the hard case (c ⟂ the
λ_min-eigenspace) add ``τ e_min`` to reach ``‖v‖ = t``. We form the three
candidates (interior Newton point when H ≻ 0, boundary point by bisection on
the secular equation ``‖(Λ + μ)⁻¹c̃‖ = t``, hard-case point), discard the
infeasible ones and return the best: every candidate is feasible, so the answer
is never below the true minimum, and one of them attains it.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401
from theory.small_eigh import eigh

BISECTION_STEPS = 80


def _boundary(lam, ct, t):
    lo = jnp.maximum(0.0, -lam[0]) * (1 + 1e-15) + 1e-300
    hi = jnp.maximum(lo, jnp.linalg.norm(ct) / jnp.maximum(t, 1e-300) - lam[0]) + 1.0

    def step(_, bounds):
        a, b = bounds
        m = 0.5 * (a + b)
        too_long = jnp.linalg.norm(ct / (lam + m)) > t
        return jnp.where(too_long, m, a), jnp.where(too_long, b, m)

    a, b = lax.fori_loop(0, BISECTION_STEPS, step, (lo, hi))
    return -ct / (lam + b)


def _hard(lam, ct, t):
    shift = lam - lam[0]
    partial = jnp.where(shift > 0, -ct / jnp.where(shift > 0, shift, 1.0), 0.0)
    tau = jnp.sqrt(jnp.maximum(t * t - partial @ partial, 0.0))
    return partial.at[0].set(tau)


@jax.jit
def trust_region(H, c, t):
    """``(v*, q(v*))`` for ``min_{‖v‖≤t} ½vᵀHv + cᵀv``."""
    lam, Q = eigh(H)
    return trust_region_eig(lam, Q, c, t)


def trust_region_eig(lam, Q, c, t):
    """:func:`trust_region` given ``H = Q diag(λ) Qᵀ`` with λ ascending (a caller that already
    holds the eigendecomposition does not recompute it)."""
    ct = Q.T @ c
    posdef = lam[0] > 0
    interior = -ct / jnp.where(posdef, lam, 1.0)
    cands = jnp.stack([interior, _boundary(lam, ct, t), _hard(lam, ct, t)])
    vals = jax.vmap(lambda w: 0.5 * jnp.sum(lam * w * w) + ct @ w)(cands)
    feasible = (jnp.linalg.norm(cands, axis=1) <= t * (1 + 1e-12) + 1e-15) & jnp.array(
        [True, True, True]).at[0].set(posdef)
    vals = jnp.where(feasible, vals, jnp.inf)
    k = jnp.argmin(vals)
    return Q @ cands[k], vals[k]
