"""Convergence-rate experiments for entropic MD and MP (Hsieh et al. 2019, §2.1 and Theorem 2).

* :func:`mp_gaps`: one MP run with ``η = scale / max|A|``; the ergodic gap at
  every ``T``.
* :func:`horizon_gap_samples`: fixed-horizon runs, one per ``T_k`` in ``horizons``
  and PRNG key, each with its own step ``η_{T_k} = sqrt(2 ln(nm)) / (G sqrt T_k)``,
  the gap read at its horizon (:func:`horizon_gaps`: the mean over keys).
* The bounds on the ergodic gap ``gap(p̄_T, q̄_T)``, with ``G_p = max|A|`` and
  ``G_q = max|a| + max|A|`` (docs/derivations/hsieh2019.md):
  :func:`md_bound` ``((ln m + ln n)/η + η T (G_p² + G_q²)/2)/T`` (entropic MD, exact
  gradients), :func:`mp_bound` ``(ln m + ln n)/(η T)`` for ``η ≤ 1/G_p`` (Nemirovski
  2004), :func:`stochastic_md_bound` and :func:`stochastic_mp_bound` on the *expected*
  gap with one-sample gradients; :func:`rounding_error` bounds the float64 error of
  a computed gap.
* :func:`fitted_slope`: least-squares slope of ``log gap`` against ``log T`` (reported
  in witnesses, never decided on).

Every game is padded to ``PAD × PAD`` (:func:`padded`) before it is run, so games of
every admissible size share one compiled program.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.bilinear import BilinearGame
from verifiers.mixed.dynamics import average_gap, md_horizon_step, run

HORIZONS = (100, 316, 1000, 3162, 10000)
"""Default horizons: T ∈ [10², 10⁴]."""

PAD = 60
"""Padded size of both strategy sets (the largest admissible n and m)."""

_FORBIDDEN = 1e3
"""Payoff of a padding strategy: far below every real payoff (|entries| ≤ 2·max(|A|, |a|))."""

EPS = float(np.finfo(np.float64).eps)


def fitted_slope(T, gap) -> float:
    """Slope of the least-squares line through ``(log T, log gap)``."""
    return float(np.polyfit(np.log(np.asarray(T, float)), np.log(np.asarray(gap, float)), 1)[0])


def padded(game: BilinearGame, size: int = PAD, log_p0=None, log_q0=None):
    """``(A, a, log_p0, log_q0)`` of ``game`` embedded in a ``size × size`` game, started
    from the log-weights ``log_p0``, ``log_q0`` (default uniform).

    Padding rows have ``a = −_FORBIDDEN`` and padding columns ``A = −_FORBIDDEN`` on real
    rows, so they never attain a best response; their initial log-weights are ``−∞``, so
    they keep weight exactly 0 and every real quantity of a run (iterates, averages,
    gaps) is that of the unpadded game (sums with exact zeros)."""
    n, m = game.n, game.m
    if n > size or m > size:
        raise ValueError(f"game of shape {(n, m)} exceeds the padded size {size}")
    A = np.zeros((size, size))
    A[:n, :m] = game.A
    A[:n, m:] = -_FORBIDDEN
    a = np.full(size, -_FORBIDDEN)
    a[:n] = game.a
    log_p0 = _pad_log(np.full(m, -np.log(m)) if log_p0 is None else log_p0, size)
    log_q0 = _pad_log(np.full(n, -np.log(n)) if log_q0 is None else log_q0, size)
    return tuple(jnp.asarray(v) for v in (A, a, log_p0, log_q0))


def _pad_log(log_w, size: int) -> np.ndarray:
    """Log-weights extended by ``−∞`` (weight 0) to length ``size``."""
    out = np.full(size, -np.inf)
    out[: len(log_w)] = np.asarray(log_w, float)
    return out


def mp_gaps(game: BilinearGame, T: int, eta_scale: float = 1.0) -> tuple[np.ndarray, float]:
    """MP's ergodic gaps at ``1..T`` and its step ``η = eta_scale / max|A|``."""
    eta = eta_scale / float(np.max(np.abs(game.A)))
    A, a, lp0, lq0 = padded(game)
    out = run(A, a, eta, T=T, method="mp", log_p0=lp0, log_q0=lq0)
    return np.asarray(out.gap_average), eta


@partial(jax.jit, static_argnames=("length", "method", "stochastic"))
def _horizon_gaps(A, a, lp0, lq0, eta, steps, keys, *, length, method, stochastic):
    """gap[s] = the ergodic gap after ``steps`` steps of the run with step ``eta`` and key
    ``keys[s]`` (the iterates of a ``length``-step run). ``eta`` and ``steps`` are traced:
    one compiled program for every horizon, game and step."""

    def one(key):
        return average_gap(A, a, eta, steps, length=length, method=method,
                           stochastic=stochastic, key=key, log_p0=lp0, log_q0=lq0)

    return jax.vmap(one)(keys)


def horizon_gap_samples(
    game: BilinearGame,
    method: str = "md",
    horizons=HORIZONS,
    *,
    stochastic: bool = False,
    key=None,
    samples: int = 1,
    eta_scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaps (horizons × keys) of runs with ``η = eta_scale · η_{T_k}``; returns (gaps, etas).

    With ``stochastic`` each key (split from ``key``) drives one run's gradient samples."""
    horizons = np.asarray(horizons, dtype=int)
    etas = eta_scale * np.asarray(
        md_horizon_step(game.scale, game.n, game.m, horizons.astype(float))
    )
    keys = jax.random.split(key if key is not None else jax.random.key(0), samples)
    arrays = padded(game)
    gaps = [_horizon_gaps(*arrays, float(eta), int(T), keys, length=int(horizons.max()),
                          method=method, stochastic=stochastic)
            for eta, T in zip(etas, horizons, strict=True)]
    return np.asarray(jnp.stack(gaps)), etas


def horizon_gaps(game: BilinearGame, method: str = "md", horizons=HORIZONS, **kwargs):
    """:func:`horizon_gap_samples` averaged over keys; returns (mean gaps, etas)."""
    gaps, etas = horizon_gap_samples(game, method, horizons, **kwargs)
    return gaps.mean(axis=1), etas


def _constants(game: BilinearGame) -> tuple[float, float, float]:
    """``(ln m + ln n, G_p = max|A|, G_q = max|a| + max|A|)``."""
    return float(np.log(game.m * game.n)), float(np.max(np.abs(game.A))), game.scale


def md_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """The entropic-MD bound on ``gap(p̄_T, q̄_T)``: ``((ln m + ln n)/η + η T (G_p² + G_q²)/2)/T``."""
    log_nm, gp, gq = _constants(game)
    eta, T = np.asarray(eta, float), np.asarray(T, float)
    with np.errstate(divide="ignore"):  # η underflowed to 0: the bound is +∞ (true: ≥ 1e300)
        return (log_nm / eta + eta * T * (gp**2 + gq**2) / 2.0) / T


def mp_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """Nemirovski's bound on MP's ergodic gap for ``η ≤ 1/max|A|``: ``(ln m + ln n)/(η T)``."""
    log_nm, _, _ = _constants(game)
    with np.errstate(over="ignore"):  # η T below 1/max-float: the bound is +∞
        return log_nm / (float(eta) * np.asarray(T, float))


def stochastic_md_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """Bound on the expected gap of MD with one-sample gradients:
    ``(2(ln m + ln n)/η + η T ((G_p² + G_q²)/2 + 4 G_p²))/T``."""
    log_nm, gp, gq = _constants(game)
    eta, T = np.asarray(eta, float), np.asarray(T, float)
    return (2.0 * log_nm / eta + eta * T * ((gp**2 + gq**2) / 2.0 + 4.0 * gp**2)) / T


def stochastic_mp_bound(game: BilinearGame, eta, T) -> np.ndarray:
    """Bound on the expected gap of MP with one-sample gradients (any η > 0):
    ``(2(ln m + ln n)/η + 8 η T G_p²)/T``."""
    log_nm, gp, _ = _constants(game)
    eta, T = np.asarray(eta, float), np.asarray(T, float)
    return (2.0 * log_nm / eta + 8.0 * eta * T * gp**2) / T


def rounding_error(game: BilinearGame, eta, T) -> float:
    """A-priori bound on the float64 error of a computed ergodic gap after ``T`` steps of
    step ``eta``. The averages lose at most ``T·eps`` per entry, ``2 T eps G_q (n + m)`` in
    the gap. A step's log-weights that carry weight (``ℓ ≥ −40``; lighter strategies add
    below ``40 e^{−40}``) are exact up to ``64 eps``, i.e. the exact MD step of a gradient
    perturbed by at most ``64 eps/η``, which moves the averaged regret, hence the gap, by
    at most ``128 eps/η``. Returned: ``4 eps (T G_q (n + m) + 1600/η)``, above twice both."""
    gq = game.scale
    eta_min = max(float(np.min(eta)), 1e-290)
    return float(4.0 * EPS * (T * gq * (game.n + game.m) + 1600.0 / eta_min))
