"""Convergence rates of entropic MD and MP on finite games (Hsieh, Liu & Cevher 2019,
§2.1 and Theorem 2), on random games ``A, a ~ U[−1, 1]``.

An ``O(T^{-1/2})`` (MD) or ``O(1/T)`` (MP) rate is decided on its *bound with the
constant* (docs/derivations/hsieh2019.md) at every horizon: with exact gradients
the computed ergodic gap against the regret / Nemirovski bound, with the a-priori
rounding error of the run; with one-sample stochastic gradients the Monte-Carlo
mean gap over ``KEYS`` keys against the expected-gap bound, with the error bar
``MC_Z·SE`` (a bar straddling the bound is ``inconclusive``). Fitted log-log
slopes are reported in the witness only.
"""

from __future__ import annotations

import dataclasses

import jax
import numpy as np

from theory.bilinear import BilinearGame, random_game
from verifiers.claim import claim
from verifiers.claims.hsieh2019.symbols import GAME_SEED, GRADIENTS, M, N
from verifiers.mixed import rates
from verifiers.outcomes import Outcome, all_of, bound

KEYS = 16
"""PRNG keys (independent runs) per horizon for the stochastic-gradient estimate."""

MC_Z = 4.0
"""z of the Monte-Carlo error bar z·SE of a mean over ``KEYS`` i.i.d. gaps (each in
[0, 2G]); a Gaussian 4σ event has probability 6e-5 per horizon."""


def _game(n: int, m: int, seed: int) -> BilinearGame:
    return random_game(np.random.default_rng(seed), n, m)


def _exact(name: str, game: BilinearGame, T, gaps, bounds, etas) -> Outcome:
    """``gap_T ≤ bound_T`` at every horizon: decided at the horizon with least slack."""
    gaps, bounds = np.asarray(gaps, float), np.asarray(bounds, float)
    k = int(np.argmin(bounds - gaps))
    error = rates.rounding_error(game, etas, int(np.max(T)))
    return bound(
        float(gaps[k]), float(bounds[k]), error, method="jax-scan",
        statement=f"{name}: ergodic gap ≤ its bound at every T ≤ {int(np.max(T))} "
                  f"(least slack at T = {int(T[k])}: gap {gaps[k]:.4g} vs bound {bounds[k]:.4g})",
        witness={"worst_T": int(T[k]), "rounding_error": error},
    )


def _stochastic(name: str, game: BilinearGame, T, samples, bounds, etas) -> Outcome:
    """``E gap_T ≤ bound_T`` at every horizon, each with the error bar ``MC_Z·SE``."""
    mean = samples.mean(axis=1)
    se = samples.std(axis=1, ddof=1) / np.sqrt(samples.shape[1])
    rounding = rates.rounding_error(game, etas, int(np.max(T)))
    parts = [
        bound(float(mean[k]), float(bounds[k]), float(MC_Z * se[k] + rounding),
              statement=f"T = {int(T[k])}: E gap {mean[k]:.4g} ± {MC_Z * se[k]:.2g} "
                        f"≤ {bounds[k]:.4g}", method="jax-scan+monte-carlo")
        for k in range(len(T))
    ]
    outcome = all_of(*parts, statement=f"{name} (expected gap over {samples.shape[1]} keys, "
                                       f"error bar {MC_Z:g}·SE): " + "; ".join(
                                           p.statement for p in parts))
    return dataclasses.replace(outcome, witness={
        "mean_gaps": mean.tolist(), "standard_errors": se.tolist(), "z": MC_Z,
        "keys": int(samples.shape[1]), "rounding_error": rounding,
    })


def _with_witness(outcome: Outcome, T, gaps, bounds, **extra) -> Outcome:
    return outcome.with_witness(
        horizons=[int(x) for x in T], gaps=[float(g) for g in gaps],
        bounds=[float(b) for b in bounds], fitted_slope=rates.fitted_slope(T, np.maximum(
            gaps, 1e-300)), **extra)


def _horizon_runs(game, method, stochastic, seed):
    return rates.horizon_gap_samples(
        game, method, stochastic=stochastic, key=jax.random.key(seed),
        samples=KEYS if stochastic else 1)


@claim(
    "hsieh2019.md_rate",
    reference="Hsieh, Liu & Cevher 2019, §2.1 (entropic MD, eq. (2)) and Theorem 2",
    statement="Entropic MD with the fixed-horizon step η_T = sqrt(2 ln(nm))/(G sqrt T), "
              "G = max|a| + max|A|, has ergodic duality gap at most "
              "((ln m + ln n)/η_T + η_T T (G_p² + G_q²)/2)/T = O(T^{-1/2}) at every horizon "
              "T in {10², …, 10⁴} (G_p = max|A|, G_q = G); with one-sample stochastic "
              "gradients its expected gap is at most "
              "(2(ln m + ln n)/η_T + η_T T ((G_p² + G_q²)/2 + 4 G_p²))/T.",
    params=[N, M, GAME_SEED, GRADIENTS],
    derivation="hsieh2019.md#hsieh2019md_rate-entropic-md-theorem-2",
)
def check_md_rate(n, m, seed, gradients) -> Outcome:
    game = _game(n, m, seed)
    T = np.asarray(rates.HORIZONS)
    stochastic = gradients == "stochastic"
    samples, etas = _horizon_runs(game, "md", stochastic, seed)
    if stochastic:
        bounds = rates.stochastic_md_bound(game, etas, T)
        outcome = _stochastic("entropic MD, stochastic gradients", game, T, samples, bounds, etas)
    else:
        bounds = rates.md_bound(game, etas, T)
        outcome = _exact("entropic MD", game, T, samples[:, 0], bounds, etas)
    return _with_witness(outcome, T, samples.mean(axis=1), bounds, etas=etas.tolist())


@claim(
    "hsieh2019.mp_rate",
    reference="Hsieh, Liu & Cevher 2019, §2.1 (entropic MP) and Theorem 2; Nemirovski 2004",
    statement="Entropic Mirror-Prox with η = 1/max|A| has ergodic duality gap at most "
              "(ln m + ln n)/(η T) = O(1/T) at every T ≤ 10⁴; with one-sample stochastic "
              "gradients and the step η_T = sqrt(2 ln(nm))/(G sqrt T) its expected gap is at "
              "most (2(ln m + ln n)/η_T + 8 η_T T G_p²)/T = O(T^{-1/2}) at every horizon "
              "T in {10², …, 10⁴} (G_p = max|A|).",
    params=[N, M, GAME_SEED, GRADIENTS],
    derivation="hsieh2019.md#hsieh2019mp_rate-entropic-mirror-prox-theorem-2",
)
def check_mp_rate(n, m, seed, gradients) -> Outcome:
    game = _game(n, m, seed)
    T = np.asarray(rates.HORIZONS)
    if gradients == "stochastic":
        samples, etas = _horizon_runs(game, "mp", True, seed)
        bounds = rates.stochastic_mp_bound(game, etas, T)
        outcome = _stochastic("entropic MP, stochastic gradients", game, T, samples, bounds,
                              etas)
        return _with_witness(outcome, T, samples.mean(axis=1), bounds, etas=etas.tolist())
    all_gaps, eta = rates.mp_gaps(game, int(T[-1]))
    steps = np.arange(1, all_gaps.size + 1)
    outcome = _exact("entropic MP", game, steps, all_gaps, rates.mp_bound(game, eta, steps),
                     np.array([eta]))
    return _with_witness(outcome, T, all_gaps[T - 1], rates.mp_bound(game, eta, T), eta=eta)
