"""Mixed equilibria of bi-affine games ``min_p max_q ⟨q, a⟩ − ⟨q, A p⟩`` (Hsieh et al. 2019, §2).

1. Zero-sum LP: :func:`verifiers.mixed.lp.solve_lp` (one HiGHS solve giving both strategies;
   both values then evaluated from them, so they bracket the game's value) against ONE
   ``scipy.optimize.linprog`` (the primal alone, what a user needing only the value would
   write) and against nashpy's ``Game.linear_program`` (row and column LPs), on the same
   random n×n games.
2. Entropic Mirror-Prox over a batch of random games (:func:`verifiers.mixed.dynamics.run`,
   jit + vmap) against the same log-domain iteration in batched numpy (einsum over the stacked
   games, no per-game loop).

Floors: one evaluation of ``V(p, q)`` at the solution (LP); for Mirror-Prox one batched
evaluation of V over the games (the iteration does 4T such matrix-vector products).
"""

from __future__ import annotations

import warnings

import jax
import jax.numpy as jnp
import numpy as np
from scipy.optimize import linprog

from benchmarks._harness import Row, best_times, first_call, nbytes, same
from theory import _config  # noqa: F401
from theory.bilinear import random_game
from verifiers.mixed.dynamics import run
from verifiers.mixed.lp import solve_lp

ETA = 0.5


def one_linprog(A, a) -> float:
    """``min_{p ∈ Δ, v} v`` s.t. ``a − A p ≤ v``: the game's value by one HiGHS call."""
    n, m = A.shape
    res = linprog(np.r_[np.zeros(m), 1.0], A_ub=np.c_[-A, -np.ones(n)], b_ub=-a,
                  A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    return float(res.x[m])


def nashpy_value(A, a) -> float:
    """The value from nashpy's ``linear_program`` equilibrium (row player q maximises
    ``qᵀ(a − A p)``): ``max_i (a − A p)_i`` at its column strategy p."""
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, p = nashpy.Game(a[:, None] - A).linear_program()
    return float(np.max(a - A @ p))


def _lp_rows(sizes) -> list[Row]:
    rng = np.random.default_rng(0)
    out = []
    for n in sizes:
        g = random_game(rng, n, n)
        sol = solve_lp(g)
        diff = same(sol.value_primal, one_linprog(g.A, g.a), rtol=1e-8, atol=1e-9, what="LP")
        same(sol.value_primal, nashpy_value(g.A, g.a), rtol=1e-7, atol=1e-8, what="nashpy")
        t, t_ref, nashpy_s, floor = best_times(
            (solve_lp, g), (one_linprog, g.A, g.a), (nashpy_value, g.A, g.a),
            (lambda g=g, s=sol: s.q @ (g.a - g.A @ s.p),))
        out.append(Row(f"zero-sum LP {n}×{n}", 1, t, 0.0, t_ref,
                       "one linprog", floor, nbytes(g.A, g.a), diff,
                       note=f"nashpy linear_program {nashpy_s * 1e3:.2f} ms = "
                            f"{nashpy_s / t:.2f}× ganeq; ganeq: 1e-10 tolerances, "
                            "both values evaluated"))
    return out


def _numpy_mp(A, a, T):
    """Entropic MP on a stack of games (G, n, m), log domain, ergodic average of p."""
    G, n, m = A.shape
    lp, lq = np.full((G, m), -np.log(m)), np.full((G, n), -np.log(n))

    def step(logw, grad):
        s = logw - ETA * grad
        return s - np.logaddexp.reduce(s, axis=1, keepdims=True)

    def grads(p, q):
        return -np.einsum("gnm,gn->gm", A, q), -a + np.einsum("gnm,gm->gn", A, p)

    total = np.zeros((G, m))
    for _ in range(T):
        gp, gq = grads(np.exp(lp), np.exp(lq))
        lp_h, lq_h = step(lp, gp), step(lq, gq)
        p, q = np.exp(lp_h), np.exp(lq_h)
        gp, gq = grads(p, q)
        lp, lq = step(lp, gp), step(lq, gq)
        total += p
    return total / T


def _mp_row(games: int, size: int, T: int) -> Row:
    rng = np.random.default_rng(1)
    A, a = rng.uniform(-1, 1, (games, size, size)), rng.uniform(-1, 1, (games, size))
    batched = jax.jit(jax.vmap(lambda A, a: run(A, a, ETA, T=T, method="mp").p_average))
    Aj, aj = jnp.asarray(A), jnp.asarray(a)
    first, out = first_call(batched, Aj, aj)
    diff = same(out, _numpy_mp(A, a, T), rtol=1e-10, atol=1e-13, what="MP average")
    value = jax.jit(jax.vmap(lambda A, a, p: jnp.max(a - A @ p)))
    t, t_ref, floor = best_times((batched, Aj, aj), (_numpy_mp, A, a, T), (value, Aj, aj, out),
                                 repeat=3)
    return Row(f"Mirror-Prox {size}×{size}, T={T}", games, t, first - t, t_ref, "batched numpy",
               floor, nbytes(A, a, out), diff,
               note=f"the floor is 1 of the 4T = {4 * T} matrix-vector products per game")


def rows(quick: bool) -> list[Row]:
    sizes = (10, 50) if quick else (10, 50, 200)
    return [_mp_row(100 if quick else 1000, 50, 200), *_lp_rows(sizes)]
