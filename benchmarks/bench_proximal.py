"""The proximal objective ``V^prox_λ(G, D0) = max_A F(A)`` (Farnia & Ozdaglar 2020, eq. (11);
the reduced concave program of :mod:`theory.proximal.objective`): ganeq's batched damped
Newton (:func:`theory.proximal.objective.solve_many`) against the same damped Newton written
in batched numpy (same closed-form gradient and Hessian, same start, same backtracking ladder
and stopping rule, iterating on the instances not yet converged).

Instances in d = 2: data ``N(m, Sx)`` with ``Sx`` eigenvalues in [0.3, 3], full-rank
generator, feasible anchor, η ∈ [0.3, 2], λ ∈ [0.01, 5]. The floor is one batched
evaluation of ``F`` at the starting point.
"""

from __future__ import annotations

import jax
import numpy as np

from benchmarks._harness import Row, best_times, first_call, nbytes, same
from theory import _config  # noqa: F401
from theory.proximal import objective

D = 2
E = np.asarray(objective.vech_basis(D))
TRIU = np.triu_indices(D)


def instances(n: int, seed: int = 0) -> objective.Problem:
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((n, D, D)))[0]
    Sx = np.einsum("nij,nj,nkj->nik", q, rng.uniform(0.3, 3.0, (n, D)), q)
    W = rng.standard_normal((n, D, D))
    W *= (rng.uniform(0.3, 1.0, n) / np.linalg.norm(W, 2, axis=(1, 2)))[:, None, None]
    eta = rng.uniform(0.3, 2.0, n)
    A0 = 0.3 * rng.standard_normal((n, D, D))
    A0 = 0.5 * (A0 + A0.transpose(0, 2, 1))
    top = np.linalg.eigvalsh(A0)[:, -1]
    A0 -= np.maximum(0.0, top - 0.8 * eta)[:, None, None] * np.eye(D)
    return objective.problem(rng.standard_normal((n, D)), Sx, rng.standard_normal((n, D)),
                             W @ W.transpose(0, 2, 1), A0, rng.standard_normal((n, D)), eta,
                             rng.uniform(0.01, 5.0, n))


def _mv(M, v):
    return np.einsum("nij,nj->ni", M, v)


def _tr(M):
    return np.trace(M, axis1=1, axis2=2)


def _w(p):
    return p.b0 + 2.0 * _mv(p.A0, p.m) + 2.0 * p.eta[:, None] * (p.u - p.m)


def _f(A, p):
    """``F(A)`` for a batch (−inf where ``M = ηI − A`` is not ≻ 0)."""
    eta, lam = p.eta, p.lam
    M = eta[:, None, None] * np.eye(D) - A
    ok = np.linalg.eigvalsh(M)[:, 0] > 0
    M = np.where(ok[:, None, None], M, np.eye(D))
    up, w, dA = p.u - p.m, _w(p), A - p.A0
    Nw = np.linalg.solve(np.eye(D) + 4.0 * lam[:, None, None] * M, w[..., None])[..., 0]
    val = (_tr(A @ p.Sx) - eta**2 * _tr(np.linalg.solve(M, p.SY))
           + eta * (np.sum(up * up, axis=1) + _tr(p.SY)) - lam * np.sum(w * Nw, axis=1)
           - 4.0 * lam * _tr(dA @ p.Sx @ dA))
    return np.where(ok, val, -np.inf)


def _derivatives(A, p):
    """Gradient and Hessian of F in vech coordinates (the closed forms of
    :func:`theory.proximal.objective.derivatives` with μ = 0), batched."""
    eta, lam = p.eta[:, None, None], p.lam[:, None, None]
    M = eta * np.eye(D) - A
    Minv = np.linalg.inv(M)
    Pinv = np.linalg.inv(np.eye(D) + 4.0 * lam * M)
    q = _mv(Pinv, _w(p))
    X = Minv @ p.SY @ Minv
    dA = A - p.A0
    G = (p.Sx - eta**2 * X - 4.0 * lam**2 * q[:, :, None] * q[:, None, :]
         - 4.0 * lam * (p.Sx @ dA + dA @ p.Sx))
    Y = np.einsum("nab,lbc->nlac", Minv, E)
    Z = np.einsum("kab,nb->nka", E, q)
    H = (-2.0 * eta**2 * np.einsum("nlac,nce,kea->nkl", Y, X, E)
         - 32.0 * lam**3 * Z @ Pinv @ Z.transpose(0, 2, 1)
         - 8.0 * lam * np.einsum("nab,lbc,kca->nkl", p.Sx, E, E))
    return np.einsum("nab,kba->nk", G, E), 0.5 * (H + H.transpose(0, 2, 1))


def _take(p, idx):
    return objective.Problem(*(x[idx] for x in p))


def _newton_step(v, p):
    """One damped Newton step on a batch: ``(v_next, squared decrement accepted)``."""
    g, H = _derivatives(np.einsum("nk,kab->nab", v, E), p)
    delta = -np.linalg.solve(H, g[..., None])[..., 0]
    dec = np.sum(g * delta, axis=1)
    f0 = _f(np.einsum("nk,kab->nab", v, E), p)
    step = np.zeros(len(v))
    todo = np.arange(len(v))
    for t in np.asarray(objective.BACKTRACK):
        if todo.size == 0:
            break
        trial = _f(np.einsum("nk,kab->nab", v[todo] + t * delta[todo], E), _take(p, todo))
        good = (trial >= f0[todo] + 0.25 * t * dec[todo]) | ((dec[todo] < 1e-12)
                                                              & np.isfinite(trial))
        step[todo[good]] = t
        todo = todo[~good]
    return v + step[:, None] * delta, np.where(step > 0, dec, 0.0)


def numpy_newton(p: objective.Problem) -> np.ndarray:
    """``max_A F(A)`` per instance by batched damped Newton; converged instances drop out."""
    lam, V = np.linalg.eigh(0.5 * (p.A0 + p.A0.transpose(0, 2, 1)))
    A = (V * np.minimum(lam, 0.9 * p.eta[:, None])[:, None, :]) @ V.transpose(0, 2, 1)
    v = A[:, TRIU[0], TRIU[1]]
    active = np.arange(len(v))
    for _ in range(objective.MAX_ITER):
        v_new, dec = _newton_step(v[active], _take(p, active))
        v[active] = v_new
        active = active[dec > objective.DECREMENT_STOP]
        if active.size == 0:
            break
    return _f(np.einsum("nk,kab->nab", v, E), p)


@jax.jit
def _f_once(ps):
    return jax.vmap(lambda p: objective.reduced_objective(objective.initial_A(p), p))(ps)


def rows(quick: bool) -> list[Row]:
    n = 1_000 if quick else 10_000
    ps = instances(n)
    first, sol = first_call(objective.solve_many, ps)
    pn = objective.Problem(*(np.asarray(x) for x in ps))
    diff = same(sol.value, numpy_newton(pn), rtol=1e-10, what="V^prox")
    t, t_ref, floor = best_times((objective.solve_many, ps), (numpy_newton, pn), (_f_once, ps),
                                 repeat=3)
    return [Row("proximal V^prox d=2 (Newton)", n, t, first - t, t_ref,
                "batched numpy Newton", floor, nbytes(ps, sol), diff,
                note=f"Newton steps: max {int(sol.iterations.max())}, "
                     f"mean {float(sol.iterations.mean()):.2f}")]
