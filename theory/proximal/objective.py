"""The proximal objective of the W2GAN with quadratic discriminators.

Farnia & Ozdaglar 2020, eq. (11): ``V^prox_λ(G, D0) = max_D V(G, D) − λ‖D − D0‖²``
with the Sobolev semi-norm (15). For ``X ~ N(m, Sx)``, ``G(z) = Wz + u``
(``SY = WWᵀ``) and ``D(x) = xᵀAx + bᵀx`` the maximisation over ``b`` is an
unconstrained concave quadratic, so (farnia2020.md), with ``M = ηI − A``,
``b0' = b0 + 2A0 m``, ``u' = u − m``, ``w = b0' + 2ηu'``:

    V^prox_λ(G, D0) = max_{A = Aᵀ, M ≻ 0} F(A),
    F(A) = tr(A Sx) − η² tr(M⁻¹SY) + η(‖u'‖² + tr SY) − λ wᵀ(I + 4λM)⁻¹w
           − 4λ tr((A − A0) Sx (A − A0)),
    b̃(A) = (I + 4λM)⁻¹(4λM b0' − 2ηu') − 2Am.

``F`` is strictly concave for ``λ > 0`` (and for ``λ = 0`` when ``SY ≻ 0``,
where ``V^prox_0 = W_η``). :func:`solve` runs damped Newton on ``vech(A)`` with
the closed-form gradient and Hessian of :func:`derivatives` (Cholesky of ``M`` as
feasibility test, backtracking along a fixed ladder of step lengths; jit- and
vmap-able). For singular ``SY`` the
maximiser can lie on ``{M singular}``; :func:`solve_barrier` follows the
log-barrier path ``F + μ log det M`` (value error ≤ dμ).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from theory import _config  # noqa: F401
from theory.gaussian_ot import Quadratic, sym

BACKTRACK = 2.0 ** -np.arange(40)
"""Trial step lengths of the backtracking line search (the first one accepted is taken)."""
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


def problem(m, Sx, u, SY, A0, b0, eta, lam) -> Problem:
    """A :class:`Problem` with every field a strongly typed float64 array, so Python floats,
    NumPy scalars and ints all hit the same compiled kernel (no retracing per call site)."""
    return Problem(*(jnp.asarray(x, jnp.float64) for x in (m, Sx, u, SY, A0, b0, eta, lam)))


def vech_basis(d: int) -> jax.Array:
    """Symmetric basis ``E_k`` (``E_ii``, ``E_ij + E_ji``) of shape ``(d(d+1)/2, d, d)``."""
    eye = jnp.eye(d)
    return jnp.stack([jnp.outer(eye[i], eye[j]) + (i != j) * jnp.outer(eye[j], eye[i])
                      for i in range(d) for j in range(i, d)])


def vech(A: jax.Array) -> jax.Array:
    """Coordinates of symmetric ``A`` in :func:`vech_basis` (the upper triangle)."""
    return A[jnp.triu_indices(A.shape[0])]


def _chol(M):
    L = jnp.linalg.cholesky(M)
    ok = jnp.all(jnp.isfinite(L))
    return ok, jnp.where(ok, L, jnp.eye(M.shape[0]))


def _terms(A: jax.Array, p: Problem):
    """``(ok, M, P, terms)``: ``ok`` iff ``M = ηI − A`` ≻ 0, ``P = I + 4λM`` and the five
    signed terms of ``F`` (module docstring): ``tr(A Sx)``, ``−η² tr(M⁻¹SY)``,
    ``η(‖u'‖² + tr SY)``, ``−λ wᵀP⁻¹w``, ``−4λ tr((A − A0) Sx (A − A0))``."""
    d = A.shape[0]
    M = p.eta * jnp.eye(d) - A
    ok, L = _chol(M)
    P = jnp.eye(d) + 4.0 * p.lam * M
    up = p.u - p.m
    w = p.b0 + 2.0 * p.A0 @ p.m + 2.0 * p.eta * up
    dA = A - p.A0
    terms = (jnp.trace(A @ p.Sx),
             -p.eta**2 * jnp.trace(jax.scipy.linalg.cho_solve((L, True), p.SY)),
             p.eta * (up @ up + jnp.trace(p.SY)),
             -p.lam * w @ jnp.linalg.solve(P, w),
             -4.0 * p.lam * jnp.trace(dA @ p.Sx @ dA))
    return ok, M, P, terms


def reduced_objective(A: jax.Array, p: Problem) -> jax.Array:
    """``F(A)`` of the reduced program (−∞ where ``M = ηI − A`` is not ≻ 0)."""
    ok, _, _, t = _terms(A, p)
    return jnp.where(ok, t[0] + t[1] + t[2] + t[3] + t[4], -jnp.inf)


def value_rounding(A, p: Problem) -> float:
    """A bound on the float64 error of :func:`reduced_objective` at ``A``:
    ``64·eps·(κ(M)·η²|tr(M⁻¹SY)| + κ(P)·λ|wᵀP⁻¹w| + Σ|other terms|)``, ``P = I + 4λM``.
    The two solves lose up to ``κ`` digits (backward-stable solve, relative error ≤
    c·eps·κ); the other terms are sums of products of the data. Near the end of the
    barrier path ``M`` is nearly singular (κ(M) ~ 1e8–1e12 for singular ``SY``): an
    evaluation error of 3e-8 was measured there against 50-digit arithmetic, which a
    bound of ``eps·|F|`` misses by six orders."""
    _, M, P, terms = _terms(jnp.asarray(A), p)
    t = [abs(float(x)) for x in terms]
    kappa_M, kappa_P = (float(np.linalg.cond(np.asarray(X))) for X in (M, P))
    return 64.0 * float(np.finfo(float).eps) * (kappa_M * t[1] + kappa_P * t[3]
                                                 + t[0] + t[2] + t[4])


def barrier_objective(A: jax.Array, p: Problem, barrier: jax.Array) -> jax.Array:
    """``F(A) + μ log det M`` (−∞ off ``M ≻ 0``)."""
    ok, L = _chol(p.eta * jnp.eye(A.shape[0]) - A)
    return reduced_objective(A, p) + barrier * 2.0 * jnp.sum(jnp.log(jnp.abs(jnp.diag(L))))


def derivatives(A: jax.Array, p: Problem, barrier: jax.Array) -> tuple[jax.Array, jax.Array]:
    """Gradient and Hessian of ``F(A) + μ log det M`` in :func:`vech` coordinates, in closed
    form (at feasible ``A``). With ``X = M⁻¹SY M⁻¹``, ``P = I + 4λM``, ``q = P⁻¹w``,
    ``Δ = A − A0`` and ``dM = −dA``, ``dM⁻¹ = M⁻¹ dA M⁻¹``:

        ∇_A = Sx − η²X − 4λ² qqᵀ − 4λ(SxΔ + ΔSx) − μM⁻¹,
        H_kl = −2η² tr(M⁻¹E_l X E_k) − 32λ³ (E_k q)ᵀP⁻¹(E_l q) − 8λ tr(Sx E_l E_k)
               − μ tr(M⁻¹E_l M⁻¹E_k),

    each term negative semi-definite (``F`` concave); tests hold it against autodiff."""
    d = A.shape[0]
    E = vech_basis(d)
    eye = jnp.eye(d)
    M = p.eta * eye - A
    _, L = _chol(M)
    Minv = jax.scipy.linalg.cho_solve((L, True), eye)
    Pinv = jnp.linalg.inv(eye + 4.0 * p.lam * M)
    q = Pinv @ (p.b0 + 2.0 * p.A0 @ p.m + 2.0 * p.eta * (p.u - p.m))
    X = Minv @ p.SY @ Minv
    dA = A - p.A0
    G = (p.Sx - p.eta**2 * X - 4.0 * p.lam**2 * jnp.outer(q, q)
         - 4.0 * p.lam * (p.Sx @ dA + dA @ p.Sx) - barrier * Minv)
    Y = jnp.einsum("ab,lbc->lac", Minv, E)
    Z = jnp.einsum("kab,b->ka", E, q)
    H = (-2.0 * p.eta**2 * jnp.einsum("lac,ce,kea->kl", Y, X, E)
         - 32.0 * p.lam**3 * Z @ Pinv @ Z.T
         - 8.0 * p.lam * jnp.einsum("ab,lbc,kca->kl", p.Sx, E, E)
         - barrier * jnp.einsum("lab,kba->kl", Y, Y))
    return jnp.einsum("ab,kba->k", G, E), 0.5 * (H + H.T)


def b_closed_form(A: jax.Array, p: Problem) -> jax.Array:
    """The maximising ``b̃`` for a given ``A`` (farnia2020.md)."""
    d = A.shape[0]
    M = p.eta * jnp.eye(d) - A
    rhs = 4.0 * p.lam * M @ (p.b0 + 2.0 * p.A0 @ p.m) - 2.0 * p.eta * (p.u - p.m)
    return jnp.linalg.solve(jnp.eye(d) + 4.0 * p.lam * M, rhs) - 2.0 * A @ p.m


def initial_A(p: Problem) -> jax.Array:
    """Feasible start: ``sym(A0)`` with eigenvalues clipped to ≤ 0.9η."""
    w, V = jnp.linalg.eigh(sym(p.A0))
    return (V * jnp.minimum(w, 0.9 * p.eta)) @ V.T


def _solve_from(p: Problem, A_start: jax.Array, barrier: jax.Array) -> tuple:
    """Damped Newton ascent of ``F + μ log det M`` on ``vech(A)`` from ``A_start`` with the
    closed-form :func:`derivatives` and a branch-free backtracking ladder; returns
    ``(A, iterations, squared decrement)``. It stops when the decrement is at most
    :data:`DECREMENT_STOP`, after :data:`MAX_ITER` steps, or when no step of the ladder is
    accepted (a stall: the decrement returned is then the one that was not reached)."""
    E = vech_basis(A_start.shape[0])

    def matrix(v):
        return jnp.tensordot(v, E, 1)

    steps = jnp.asarray(BACKTRACK)

    def step(state):
        v, k, _, _ = state
        g, H = derivatives(matrix(v), p, barrier)
        delta = -jnp.linalg.solve(H, g)
        dec = g @ delta
        f0 = barrier_objective(matrix(v), p, barrier)

        def rejected(j):
            t = steps[j]
            trial = barrier_objective(matrix(v + t * delta), p, barrier)
            good = (trial >= f0 + 0.25 * t * dec) | ((dec < 1e-12) & jnp.isfinite(trial))
            return ~good & (j < BACKTRACK.size)

        j = lax.while_loop(rejected, lambda j: j + 1, jnp.int32(0))
        t = jnp.where(j < BACKTRACK.size, steps[jnp.minimum(j, BACKTRACK.size - 1)], 0.0)
        return v + t * delta, k + 1, dec, t == 0.0

    def keep_going(state):
        _, k, dec, stalled = state
        return (dec > DECREMENT_STOP) & (k < MAX_ITER) & ~stalled

    init = (vech(A_start), jnp.int32(0), jnp.asarray(jnp.inf), jnp.asarray(False))
    v, k, dec, _ = lax.while_loop(keep_going, step, init)
    return matrix(v), k, dec


@jax.jit
def _solve(p: Problem) -> Solution:
    A, k, dec = _solve_from(p, initial_A(p), jnp.asarray(0.0))
    return Solution(reduced_objective(A, p), A, b_closed_form(A, p), k, dec)


def solve(p: Problem) -> Solution:
    """``V^prox_λ(G, D0)`` and its maximiser ``D̃ = (Ã, b̃)`` by Newton (SY ≻ 0 or λ > 0 with
    an interior maximiser). Fields are cast to float64 first (:func:`problem`), so every
    call site shares one compiled kernel per dimension. Batched: ``jax.vmap(solve)(ps)``."""
    return _solve(problem(*p))


BATCH = 1000
"""Chunk size of :func:`solve_many`: a single vmapped Newton batch larger than ~2500
problems stalls in the XLA CPU runtime (observed with jax 0.10.2), chunks of 1000 do not."""


@jax.jit
def solve_many(ps: Problem) -> Solution:
    """:func:`solve` over a leading batch axis of ``ps``: vmapped in chunks of :data:`BATCH`
    (``lax.map``), one compiled kernel."""
    return lax.map(_solve, problem(*ps), batch_size=BATCH)


BARRIER_PATH = 10.0 ** -np.arange(2, 13, 2)
"""Barrier weights μ = 1e-2, 1e-4, ..., 1e-12 (warm-started)."""


@jax.jit
def _solve_barrier(p: Problem) -> Solution:
    def follow(A, mu):
        A_next, k, _ = _solve_from(p, A, mu)
        return A_next, k

    A, ks = lax.scan(follow, initial_A(p), BARRIER_PATH)
    return Solution(reduced_objective(A, p), A, b_closed_form(A, p), jnp.sum(ks), jnp.asarray(0.0))


def solve_barrier(p: Problem) -> Solution:
    """Log-barrier path ``max F(A) + μ log det M`` for singular ``SY`` (farnia2020.md):
    the returned value is ``F`` at the last iterate, a lower bound on ``V^prox`` within
    ``d · μ_min`` of it (:func:`verifiers.tolerances.barrier`)."""
    return _solve_barrier(problem(*p))


def moment_residuals(sol: Solution, p: Problem) -> tuple[jax.Array, jax.Array]:
    """Optimality (moment-matching) conditions of the reduced program at ``(Ã, b̃)``:
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
