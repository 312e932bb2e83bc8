"""Entropic Mirror Descent and Mirror-Prox on bi-affine games (Hsieh et al. 2019, §2.1).

Both are pure ``lax.scan`` loops over log-weights (:func:`theory.bilinear.log_md_step`),
batchable with ``vmap`` over games, step sizes and PRNG keys:

* MD:  ``p_{t+1} = MD_η(p_t, −Aᵀq_t)``, ``q_{t+1} = MD_η(q_t, −a + A p_t)``;
* MP:  ``p_t = MD_η(p̃_t, −Aᵀq̃_t)``, ``q_t = MD_η(q̃_t, −a + A p̃_t)``,
       ``p̃_{t+1} = MD_η(p̃_t, −Aᵀq_t)``, ``q̃_{t+1} = MD_η(q̃_t, −a + A p_t)``.

Started from uniform strategies; the outputs are the ergodic averages
``p̄_T = (1/T) Σ_{t ≤ T} p_t`` (and ``q̄_T``) and the last iterates. With
``stochastic=True`` each gradient is replaced by an unbiased one-sample
estimate: ``−Aᵀq`` by ``−A[j, :]`` with ``j ~ q`` and ``−a + A p`` by
``−a + A[:, i]`` with ``i ~ p`` (the paper's "stochastic derivatives"). Each index
is drawn by inversion from one uniform (:func:`_draw`); a step's uniforms are drawn
before the loop from that step's key (:func:`_uniforms`), so the loop itself calls no
PRNG.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from jax.scipy.special import logsumexp

from theory.bilinear import duality_gap, log_md_step, uniform_log

METHODS = ("md", "mp")


class Run(NamedTuple):
    """A run of T steps: per-step gaps of the ergodic average and of the last
    iterate (length T), and the final averages and last iterates."""

    gap_average: jax.Array
    gap_last: jax.Array
    p_average: jax.Array
    q_average: jax.Array
    p_last: jax.Array
    q_last: jax.Array


_DRAWS = 4
"""Uniforms per step: two per gradient evaluation (MD uses the first two, MP all four)."""


def _uniforms(key, length: int):
    """``(length, _DRAWS)`` uniforms on [0, 1): row ``t`` from the ``t``-th key of
    ``jax.random.split(key, length)``."""
    keys = jax.random.split(key if key is not None else jax.random.key(0), length)
    return jax.vmap(lambda k: jax.random.uniform(k, (_DRAWS,), dtype=jnp.float64))(keys)


def _draw(w, u):
    """An index ``k`` with probability ``w_k / Σw`` from one uniform ``u ∈ [0, 1)``
    (inversion: the number of partial sums ``c_k = Σ_{i ≤ k} w_i`` with ``c_k ≤ u Σw``).

    The drawn ``k`` has ``c_{k−1} ≤ u Σw < c_k``, so ``w_k > 0``: a zero weight is never
    drawn. It exists because ``u Σw < Σw`` after rounding when ``Σw`` is normal (here
    ``Σw ≈ 1``, the weights being exponentials of normalised log-weights): ``u ≤ 1 − 2⁻⁵³``,
    and for a normal ``x`` the product ``x(1 − 2⁻⁵³)`` rounds below ``x`` (``x·2⁻⁵³`` is at
    least half an ulp of ``x``, exactly half only at a power of two, where the spacing below
    ``x`` is half as large)."""
    c = jnp.cumsum(w)
    return jnp.sum(c <= u * c[-1])


def _grads(A, a, p, q, u, stochastic):
    """``(−Aᵀq, −a + A p)``, exact or by one sampled row/column each (``j`` from
    ``u[0]``, ``i`` from ``u[1]``)."""
    if not stochastic:
        return -A.T @ q, -a + A @ p
    return -A[_draw(q, u[0]), :], -a + A[:, _draw(p, u[1])]


def _md_iter(A, a, eta, stochastic, lp, lq, u):
    """One MD step; returns the new log-weights and the played point (p_t, q_t)."""
    p, q = jnp.exp(lp), jnp.exp(lq)
    gp, gq = _grads(A, a, p, q, u, stochastic)
    return (log_md_step(lp, gp, eta), log_md_step(lq, gq, eta)), (p, q)


def _mp_iter(A, a, eta, stochastic, lp, lq, u):
    """One MP step from (p̃_t, q̃_t); returns (p̃_{t+1}, q̃_{t+1}) and (p_t, q_t)."""
    u1, u2 = (u[:2], u[2:]) if stochastic else (None, None)
    gp, gq = _grads(A, a, jnp.exp(lp), jnp.exp(lq), u1, stochastic)
    lp_half, lq_half = log_md_step(lp, gp, eta), log_md_step(lq, gq, eta)
    p, q = jnp.exp(lp_half), jnp.exp(lq_half)
    gp, gq = _grads(A, a, p, q, u2, stochastic)
    return (log_md_step(lp, gp, eta), log_md_step(lq, gq, eta)), (p, q)


_ITERS = {"md": _md_iter, "mp": _mp_iter}


def _start(log_w, k: int):
    """Normalised start log-weights: ``log_w`` minus its log-sum-exp, uniform over ``k``
    strategies when ``log_w`` is None."""
    return uniform_log(k) if log_w is None else log_w - logsumexp(log_w)


def run(
    A,
    a,
    eta,
    *,
    T: int,
    method: str = "mp",
    stochastic: bool = False,
    key=None,
    log_p0=None,
    log_q0=None,
) -> Run:
    """Validated entry point of :func:`_run` (same arguments).

    Raises ``ValueError`` for ``eta ≤ 0`` or non-finite (when ``eta`` is concrete),
    ``T < 1`` or an unknown ``method``.
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r} is outside the admissible range: one of {METHODS}")
    if isinstance(T, bool) or not isinstance(T, int) or T < 1:
        raise ValueError(f"T={T!r} is outside the admissible range: an integer >= 1")
    concrete = not isinstance(eta, jax.core.Tracer)
    if concrete and not np.all(np.isfinite(np.asarray(eta)) & (np.asarray(eta) > 0)):
        raise ValueError(f"eta={eta!r} is outside the admissible range: a finite number > 0")
    return _run(
        A, a, eta, T=T, method=method, stochastic=stochastic, key=key, log_p0=log_p0, log_q0=log_q0
    )


@partial(jax.jit, static_argnames=("T", "method", "stochastic"))
def _run(
    A,
    a,
    eta,
    *,
    T: int,
    method: str = "mp",
    stochastic: bool = False,
    key=None,
    log_p0=None,
    log_q0=None,
) -> Run:
    """Run entropic MD or MP for ``T`` steps with step ``eta``.

    Starts from uniform strategies unless log-weights ``log_p0``/``log_q0`` are
    given. ``key`` (a ``jax.random`` key) drives the stochastic gradients; it is
    keyword-only and split once per step. ``vmap`` over ``(A, a, eta, key)``
    batches games.
    """
    step = _ITERS[method]
    n, m = A.shape
    # Deterministic runs scan over no uniforms: a constant key split T times would be
    # constant-folded by XLA at compile time (minutes for T ~ 10⁵).
    draws = _uniforms(key, T) if stochastic else None

    def body(carry, u):
        lp, lq, sp, sq, t, _, _ = carry
        (lp, lq), (p, q) = step(A, a, eta, stochastic, lp, lq, u)
        sp, sq, t = sp + p, sq + q, t + 1.0
        gaps = duality_gap(A, a, sp / t, sq / t), duality_gap(A, a, p, q)
        return (lp, lq, sp, sq, t, p, q), gaps

    lp0, lq0 = _start(log_p0, m), _start(log_q0, n)
    init = (lp0, lq0, jnp.zeros(m), jnp.zeros(n), 0.0, jnp.zeros(m), jnp.zeros(n))
    (_, _, sp, sq, t, p, q), (g_avg, g_last) = lax.scan(body, init, draws, length=T)
    return Run(g_avg, g_last, sp / t, sq / t, p, q)


def average_gap(
    A,
    a,
    eta,
    steps,
    *,
    length: int,
    method: str = "mp",
    stochastic: bool = False,
    key=None,
    log_p0=None,
    log_q0=None,
):
    """The ergodic gap ``gap(p̄_steps, q̄_steps)`` of the run :func:`_run` with ``T = length``
    (same iterates, same per-step uniforms), after ``steps ≤ length`` steps; the gaps before
    it are not computed.

    ``steps`` and ``eta`` may be traced (a ``fori_loop`` with a dynamic trip count), so
    one compiled program serves every horizon and step; trace it inside ``jax.jit``
    with ``length``, ``method`` and ``stochastic`` static."""
    step = _ITERS[method]
    n, m = A.shape
    draws = _uniforms(key, length) if stochastic else None

    def body(t, carry):
        lp, lq, sp, sq = carry
        (lp, lq), (p, q) = step(A, a, eta, stochastic, lp, lq, draws[t] if stochastic else None)
        return lp, lq, sp + p, sq + q

    lp0, lq0 = _start(log_p0, m), _start(log_q0, n)
    _, _, sp, sq = lax.fori_loop(0, steps, body, (lp0, lq0, jnp.zeros(m), jnp.zeros(n)))
    t = jnp.asarray(steps, jnp.float64)
    return duality_gap(A, a, sp / t, sq / t)


class Summary(NamedTuple):
    """What a run of :func:`run_summary` keeps: the least last-iterate gap over the steps
    from ``tail_from`` on, the last step's last-iterate and ergodic gaps, and the last
    iterates."""

    tail_min_gap_last: jax.Array
    gap_last: jax.Array
    gap_average: jax.Array
    p_last: jax.Array
    q_last: jax.Array


@partial(jax.jit, static_argnames=("method",))
def run_summary(A, a, eta, steps, tail_from, *, method: str, log_p0, log_q0) -> Summary:
    """The exact-gradient run of :func:`_run` (``T = steps``) summarised without storing its
    per-step gaps: ``tail_min_gap_last = min_{tail_from ≤ t < steps} gap_last[t]`` and the
    final gaps ``gap_last[steps − 1]``, ``gap_average[steps − 1]``.

    ``eta``, ``steps`` and ``tail_from`` are traced (a ``fori_loop`` with a dynamic trip
    count): one compiled program per game shape and method."""
    step = _ITERS[method]
    n, m = A.shape

    def body(t, carry):
        lp, lq, sp, sq, floor, _, _, _ = carry
        (lp, lq), (p, q) = step(A, a, eta, False, lp, lq, None)
        gap = duality_gap(A, a, p, q)
        floor = jnp.where(t >= tail_from, jnp.minimum(floor, gap), floor)
        return lp, lq, sp + p, sq + q, floor, gap, p, q

    init = (_start(log_p0, m), _start(log_q0, n), jnp.zeros(m), jnp.zeros(n),
            jnp.inf, jnp.nan, jnp.zeros(m), jnp.zeros(n))
    _, _, sp, sq, floor, gap, p, q = lax.fori_loop(0, steps, body, init)
    t = jnp.asarray(steps, jnp.float64)
    return Summary(floor, gap, duality_gap(A, a, sp / t, sq / t), p, q)


def md_horizon_step(game_scale: float, n: int, m: int, T):
    """MD's fixed-horizon step ``η_T = sqrt(2 ln(nm)) / (G sqrt(T))`` (the fixed-horizon
    step that balances the two terms of the regret bound)."""
    return jnp.sqrt(2.0 * jnp.log(n * m)) / (game_scale * jnp.sqrt(T))


def mp_step(A) -> float:
    """MP's step ``η = 1 / max|A_ij|`` (the Lipschitz constant of the game's field), of a
    concrete matrix (numpy: no compilation per shape)."""
    return 1.0 / float(np.max(np.abs(np.asarray(A))))
