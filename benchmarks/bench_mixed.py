"""Mixed equilibria: exact LP vs nashpy, and batched Mirror-Prox vs a numpy loop.

1. ``solve_lp`` (HiGHS, primal + dual) against nashpy ``vertex_enumeration`` and
   ``support_enumeration`` on random zero-sum n×n games of growing size, each
   nashpy call in a subprocess killed after 60 s; the ratio at the largest size
   nashpy finishes, and the LP alone on 200×200.
2. Entropic MP (``verifiers.mixed.dynamics.run``, jit + vmap) over 1000 random
   50×50 games against a plain numpy loop over the same games; compile time
   reported separately.
"""

from __future__ import annotations

import multiprocessing as mp
import time
import warnings

import jax
import jax.numpy as jnp
import numpy as np

from theory.bilinear import random_game
from verifiers.mixed.dynamics import run
from verifiers.mixed.lp import solve_lp

NASHPY_LIMIT_S = 60.0
SIZES = (2, 4, 6, 8, 10, 12, 14)
MP_GAMES, MP_SIZE, MP_STEPS = 1000, 50, 200


def _nashpy_worker(method, payoff, queue):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        list(getattr(nashpy.Game(payoff, -payoff), method)())
    queue.put(time.perf_counter() - start)


def _nashpy_seconds(method: str, payoff: np.ndarray) -> float:
    """Seconds nashpy's ``method`` takes on the zero-sum game, or inf past the limit."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_nashpy_worker, args=(method, payoff, queue))
    proc.start()
    proc.join(NASHPY_LIMIT_S)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return float("inf")
    return queue.get()


def _lp_seconds(game, repeats: int = 5) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        solve_lp(game)
    return (time.perf_counter() - start) / repeats


def bench_lp() -> None:
    rng = np.random.default_rng(0)
    done = {"vertex_enumeration": True, "support_enumeration": True}
    for n in SIZES:
        game = random_game(rng, n, n)
        lp = _lp_seconds(game)
        row = [f"n={n:3d}  LP {lp * 1e3:8.2f} ms"]
        for method in done:
            if not done[method]:
                continue
            sec = _nashpy_seconds(method, game.a[:, None] - game.A)
            done[method] = np.isfinite(sec)
            row.append(
                f"{method} "
                + (f"{sec:8.3f} s (ratio {sec / lp:9.0f}x)" if done[method] else "> 60 s")
            )
        print("  ".join(row), flush=True)
        if not any(done.values()):
            break
    big = random_game(rng, 200, 200)
    print(f"LP on 200x200: {_lp_seconds(big, 3):.3f} s", flush=True)


def _numpy_mp(A, a, eta, T):
    """Entropic MP on one game, plain numpy, log domain (the reference loop)."""
    n, m = A.shape
    lp, lq = np.full(m, -np.log(m)), np.full(n, -np.log(n))

    def step(logw, b):
        s = logw - eta * b
        return s - np.logaddexp.reduce(s)

    sp = np.zeros(m)
    for _ in range(T):
        p_t, q_t = np.exp(lp), np.exp(lq)
        lp_h, lq_h = step(lp, -A.T @ q_t), step(lq, -a + A @ p_t)
        p, q = np.exp(lp_h), np.exp(lq_h)
        lp, lq = step(lp, -A.T @ q), step(lq, -a + A @ p)
        sp += p
    return sp / T


def bench_mp() -> None:
    rng = np.random.default_rng(1)
    A = rng.uniform(-1, 1, (MP_GAMES, MP_SIZE, MP_SIZE))
    a = rng.uniform(-1, 1, (MP_GAMES, MP_SIZE))
    batched = jax.jit(jax.vmap(lambda A, a: run(A, a, 0.5, T=MP_STEPS, method="mp").p_average))
    start = time.perf_counter()
    batched(
        jnp.asarray(A[:2].repeat(MP_GAMES // 2, 0)), jnp.asarray(a[:2].repeat(MP_GAMES // 2, 0))
    ).block_until_ready()
    compile_s = time.perf_counter() - start
    start = time.perf_counter()
    out = batched(jnp.asarray(A), jnp.asarray(a)).block_until_ready()
    jax_s = time.perf_counter() - start
    start = time.perf_counter()
    ref = np.stack([_numpy_mp(A[i], a[i], 0.5, MP_STEPS) for i in range(MP_GAMES)])
    numpy_s = time.perf_counter() - start
    err = float(np.max(np.abs(np.asarray(out) - ref)))
    print(
        f"MP, {MP_GAMES} games {MP_SIZE}x{MP_SIZE}, {MP_STEPS} steps: jit+vmap {jax_s:.3f} s "
        f"(compile {compile_s:.2f} s), numpy loop {numpy_s:.3f} s, ratio {numpy_s / jax_s:.1f}x, "
        f"max |diff| {err:.1e}",
        flush=True,
    )


def main() -> None:
    bench_mp()
    bench_lp()


if __name__ == "__main__":
    main()
