"""The proximal objective of the W2GAN with quadratic discriminators.

Farnia & Ozdaglar 2020, eq. (11): ``V^prox_λ(G, D0) = max_D V(G, D) − λ‖D − D0‖²``
with the Sobolev semi-norm (15). For ``X ~ N(m, Sx)``, ``G(z) = Wz + u``
(``SY = WWᵀ``) and ``D(x) = xᵀAx + bᵀx`` the maximisation over ``b`` is an
unconstrained concave quadratic, so (proximal.md §5.1), with ``M = ηI − A``,
``b0' = b0 + 2A0 m``, ``u' = u − m``, ``w = b0' + 2ηu'``:

    V^prox_λ(G, D0) = max_{A = Aᵀ, M ≻ 0} F(A),
    F(A) = tr(A Sx) − η² tr(M⁻¹SY) + η(‖u'‖² + tr SY) − λ wᵀ(I + 4λM)⁻¹w
           − 4λ tr((A − A0) Sx (A − A0)),
    b̃(A) = (I + 4λM)⁻¹(4λM b0' − 2ηu') − 2Am.

``F`` is strictly concave for ``λ > 0`` (and for ``λ = 0`` when ``SY ≻ 0``,
where ``V^prox_0 = W_η``). :func:`solve` runs damped Newton on ``vech(A)``
(Cholesky of ``M`` as feasibility test, a fixed ladder of backtracking steps so
the solver is branch-free, jit- and vmap-able). For singular ``SY`` the
maximiser can lie on ``{M singular}``; :func:`solve_barrier` follows the
log-barrier path ``F + μ log det M`` (value error ≤ dμ).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401
from theory.gaussian_ot import Quadratic, sym

BACKTRACK = 2.0 ** -jnp.arange(40)
"""Trial step lengths of the branch-free line search."""
DECREMENT_STOP = 1e-24
"""Stop when the squared Newton decrement falls below this (value error ≤ half of it)."""
MAX_ITER = 80


class Problem(NamedTuple):
    """One proximal problem: data ``N(m, Sx)``, generator ``(u, SY)``, anchor
    ``D0 = (A0, b0)``, cost weight ``eta``, penalty ``lam`` (a JAX pytree)."""

    m: jax.Array
    Sx: jax.Array
    u: jax.Array
    SY: jax.Array
    A0: jax.Array
    b0: jax.Array
    eta: jax.Array
    lam: jax.Array


class Solution(NamedTuple):
    value: jax.Array
    A: jax.Array
    b: jax.Array
    iterations: jax.Array
    decrement: jax.Array


def vech_basis(d: int) -> jax.Array:
    """Symmetric basis ``E_k`` (``E_ii``, ``E_ij + E_ji``) of shape ``(d(d+1)/2, d, d)``."""
    eye = jnp.eye(d)
    return jnp.stack([jnp.outer(eye[i], eye[j]) + (i != j) * jnp.outer(eye[j], eye[i])
                      for i in range(d) for j in range(i, d)])


def _logdet_chol(M):
    L = jnp.linalg.cholesky(M)
    ok = jnp.all(jnp.isfinite(L))
    return ok, L


def reduced_objective(A: jax.Array, p: Problem) -> jax.Array:
    """``F(A)`` of proximal.md §5.1 (−∞ where ``M = ηI − A`` is not ≻ 0)."""
    d = A.shape[0]
    M = p.eta * jnp.eye(d) - A
    ok, L = _logdet_chol(M)
    Lsafe = jnp.where(ok, L, jnp.eye(d))
    Minv_SY = jax.scipy.linalg.cho_solve((Lsafe, True), p.SY)
    up = p.u - p.m
    w = p.b0 + 2.0 * p.A0 @ p.m + 2.0 * p.eta * up
    Nw = jnp.linalg.solve(jnp.eye(d) + 4.0 * p.lam * M, w)
    dA = A - p.A0
    value = (jnp.trace(A @ p.Sx) - p.eta**2 * jnp.trace(Minv_SY)
             + p.eta * (up @ up + jnp.trace(p.SY)) - p.lam * w @ Nw
             - 4.0 * p.lam * jnp.trace(dA @ p.Sx @ dA))
    return jnp.where(ok, value, -jnp.inf)


def b_closed_form(A: jax.Array, p: Problem) -> jax.Array:
    """The maximising ``b̃`` for a given ``A`` (proximal.md §5.1)."""
    d = A.shape[0]
    M = p.eta * jnp.eye(d) - A
    rhs = 4.0 * p.lam * M @ (p.b0 + 2.0 * p.A0 @ p.m) - 2.0 * p.eta * (p.u - p.m)
    return jnp.linalg.solve(jnp.eye(d) + 4.0 * p.lam * M, rhs) - 2.0 * A @ p.m


def initial_A(p: Problem) -> jax.Array:
    """Feasible start: ``sym(A0)`` with eigenvalues clipped to ≤ 0.9η."""
    w, V = jnp.linalg.eigh(sym(p.A0))
    return (V * jnp.minimum(w, 0.9 * p.eta)) @ V.T


def _newton(objective, v0: jax.Array):
    """Damped Newton ascent of a concave ``objective`` from ``v0``; returns
    ``(v, iterations, squared decrement)``."""
    grad, hess = jax.grad(objective), jax.hessian(objective)

    def step(state):
        v, k, _ = state
        g, H = grad(v), hess(v)
        delta = -jnp.linalg.solve(H, g)
        dec = g @ delta
        f0 = objective(v)
        trials = jax.vmap(lambda t: objective(v + t * delta))(BACKTRACK)
        good = (trials >= f0 + 0.25 * BACKTRACK * dec) | ((dec < 1e-12) & jnp.isfinite(trials))
        t = jnp.where(jnp.any(good), BACKTRACK[jnp.argmax(good)], 0.0)
        return v + t * delta, k + 1, jnp.where(t > 0, dec, 0.0)

    def keep_going(state):
        _, k, dec = state
        return (dec > DECREMENT_STOP) & (k < MAX_ITER)

    return lax.while_loop(keep_going, step, (v0, jnp.int32(0), jnp.asarray(jnp.inf)))


def _solve_from(p: Problem, A_start: jax.Array, barrier: jax.Array) -> tuple:
    d = p.A0.shape[0]
    E = vech_basis(d)
    v0 = jnp.linalg.lstsq(E.reshape(E.shape[0], -1).T, A_start.reshape(-1))[0]

    def objective(v):
        A = jnp.tensordot(v, E, 1)
        chol = jnp.linalg.cholesky(p.eta * jnp.eye(d) - A)
        logdet = 2.0 * jnp.sum(jnp.log(jnp.abs(jnp.diag(chol))))
        return reduced_objective(A, p) + barrier * jnp.where(jnp.isfinite(logdet), logdet, 0.0)

    v, k, dec = _newton(objective, v0)
    return jnp.tensordot(v, E, 1), k, dec


@jax.jit
def solve(p: Problem) -> Solution:
    """``V^prox_λ(G, D0)`` and its maximiser ``D̃ = (Ã, b̃)`` by Newton (SY ≻ 0 or λ > 0 with
    an interior maximiser). Batched: ``jax.vmap(solve)(problems)``."""
    A, k, dec = _solve_from(p, initial_A(p), jnp.asarray(0.0))
    return Solution(reduced_objective(A, p), A, b_closed_form(A, p), k, dec)


BARRIER_PATH = 10.0 ** -jnp.arange(2, 13, 2)
"""Barrier weights μ = 1e-2, 1e-4, ..., 1e-12 (warm-started)."""


@jax.jit
def solve_barrier(p: Problem) -> Solution:
    """Log-barrier path ``max F(A) + μ log det M`` for singular ``SY`` (proximal.md §5.5):
    the returned value is ``F`` at the last iterate, a lower bound on ``V^prox`` within
    ``d · μ_min`` of it (:func:`verifiers.tolerances.barrier`)."""

    def follow(A, mu):
        A_next, k, dec = _solve_from(p, A, mu)
        return A_next, k

    A, ks = lax.scan(follow, initial_A(p), BARRIER_PATH)
    return Solution(reduced_objective(A, p), A, b_closed_form(A, p), jnp.sum(ks), jnp.asarray(0.0))


def moment_residuals(sol: Solution, p: Problem) -> tuple[jax.Array, jax.Array]:
    """Optimality (moment-matching) conditions of proximal.md §5.1 at ``(Ã, b̃)``:
    ``E X − E x*(Y) − 2λr`` and ``E XXᵀ − E x*x*ᵀ − λ[2(rmᵀ + mrᵀ) + 4(dA Sx + Sx dA)]``
    with ``x*(y) = ½M⁻¹(b̃ + 2ηy)``, ``r = 2 dA m + db``. Both vanish at the optimum."""
    d = sol.A.shape[0]
    Minv = jnp.linalg.inv(p.eta * jnp.eye(d) - sol.A)
    v = sol.b + 2.0 * p.eta * p.u
    mean_x = 0.5 * Minv @ v
    second_x = Minv @ (jnp.outer(v, v) / 4.0 + p.eta**2 * p.SY) @ Minv
    dA, db = sol.A - p.A0, sol.b - p.b0
    r = 2.0 * dA @ p.m + db
    first = p.m - mean_x - 2.0 * p.lam * r
    second = (p.Sx + jnp.outer(p.m, p.m) - second_x
              - p.lam * (2.0 * (jnp.outer(r, p.m) + jnp.outer(p.m, r))
                         + 4.0 * (dA @ p.Sx + p.Sx @ dA)))
    return first, second


def anchor(D0: Quadratic) -> tuple[jax.Array, jax.Array]:
    """``(A0, b0)`` of a quadratic anchor (A symmetrised)."""
    return sym(jnp.asarray(D0.A)), jnp.asarray(D0.b)
