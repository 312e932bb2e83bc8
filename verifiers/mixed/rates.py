"""Convergence-rate experiments for entropic MD and MP (Hsieh et al. 2019, §2.1 and Thm 2).

* :func:`mp_gaps`: one MP run with ``η = scale / max|A|``; the ergodic gap at
  every ``T``. Nemirovski (2004): ``T · gap(p̄_T, q̄_T) ≤ (ln m + ln n) / η`` for
  ``η ≤ 1 / max|A|`` from uniform starts.
* :func:`horizon_gaps`: fixed-horizon runs, one per ``T_k`` in ``horizons``, each
  with its own step ``η_{T_k}`` (MD: ``η_T = sqrt(2 ln(nm)) / (G sqrt T)``), the
  gap read at its horizon; averaged over PRNG keys for stochastic gradients.
  The entropic-MD regret bound gives, for every η,
  ``T · gap ≤ (ln m + ln n)/η + η T (G_p² + G_q²)/2`` with ``G_p = max|A|`` and
  ``G_q = max|a| + max|A|`` bounding the gradient entries (deterministic gradients).
* :func:`fitted_slope`: least-squares slope of ``log gap`` against ``log T``.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.bilinear import BilinearGame
from verifiers.mixed.dynamics import md_horizon_step, run

HORIZONS = (100, 316, 1000, 3162, 10000)
"""Default horizons: T ∈ [10², 10⁴], five points per fit."""


def fitted_slope(T, gap) -> float:
    """Slope of the least-squares line through ``(log T, log gap)``."""
    return float(np.polyfit(np.log(np.asarray(T, float)), np.log(np.asarray(gap, float)), 1)[0])


def mp_gaps(game: BilinearGame, T: int, eta_scale: float = 1.0) -> tuple[np.ndarray, float]:
    """MP's ergodic gaps at ``1..T`` and its step ``η = eta_scale / max|A|``."""
    eta = eta_scale / float(np.max(np.abs(game.A)))
    return np.asarray(run(game.A, game.a, eta, T=T, method="mp").gap_average), eta


@partial(jax.jit, static_argnames=("T", "method", "stochastic"))
def _horizon_gaps(A, a, etas, idx, keys, *, T, method, stochastic):
    """gap_k = mean over keys of the ergodic gap at step idx_k of the run with step etas_k."""

    def one(eta, i, key):
        return run(A, a, eta, T=T, method=method, stochastic=stochastic, key=key).gap_average[i]

    over_keys = jax.vmap(one, in_axes=(None, None, 0))
    return jax.vmap(lambda e, i: jnp.mean(over_keys(e, i, keys)))(etas, idx)


def horizon_gaps(
    game: BilinearGame,
    method: str = "md",
    horizons=HORIZONS,
    *,
    stochastic: bool = False,
    key=None,
    samples: int = 1,
    eta_scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaps at each horizon ``T_k`` of runs with ``η = eta_scale · η_{T_k}``; returns (gaps, etas).

    With ``stochastic`` the gap is the mean over ``samples`` keys split from ``key``
    (an estimate of the expected gap of Theorem 2.2).
    """
    horizons = np.asarray(horizons, dtype=int)
    etas = eta_scale * np.asarray(
        md_horizon_step(game.scale, game.n, game.m, horizons.astype(float))
    )
    keys = jax.random.split(key if key is not None else jax.random.key(0), samples)
    gaps = _horizon_gaps(
        game.A,
        game.a,
        jnp.asarray(etas),
        jnp.asarray(horizons - 1),
        keys,
        T=int(horizons.max()),
        method=method,
        stochastic=stochastic,
    )
    return np.asarray(gaps), etas


def md_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """The entropic-MD bound on ``gap(p̄_T, q̄_T)``: ``((ln m + ln n)/η + η T (G_p² + G_q²)/2)/T``."""
    gp = float(np.max(np.abs(game.A)))
    gq = game.scale
    eta, T = np.asarray(eta, float), np.asarray(T, float)
    return (np.log(game.m * game.n) / eta + eta * T * (gp**2 + gq**2) / 2.0) / T


def mp_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """Nemirovski's bound on MP's ergodic gap: ``(ln m + ln n) / (η T)``."""
    return np.log(game.m * game.n) / (float(eta) * np.asarray(T, float))
