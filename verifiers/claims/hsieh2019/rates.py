"""Convergence rates of entropic MD and MP (Hsieh, Liu & Cevher 2019, §2.1 and Theorem 2).

On random games ``A, a ~ U[−1, 1]`` (dirac_and_mixed.md B.1, C.17):

* ``hsieh2019.md_rate``: MD with the fixed-horizon step ``η_T`` has ergodic gap
  ``O(T^{-1/2})``: the slope fitted over ``T ∈ [10², 10⁴]`` is ``−1/2 ± 0.1``, and
  (deterministic gradients) the regret bound ``T·gap ≤ (ln m + ln n)/η + ηT(G_p² + G_q²)/2``
  holds at every horizon;
* ``hsieh2019.mp_rate``: MP with ``η = 1/max|A|`` has ``T·gap ≤ (ln m + ln n)/η`` at
  every ``T ≤ 10⁴`` (Nemirovski 2004) and fitted slope ``−1 ± 0.1``.

With ``gradients="stochastic"`` (one sampled row/column per gradient, Theorem
2.2) both use ``η_T`` and the mean gap over 6 keys has slope ``−1/2 ± 0.15``.
"""

from __future__ import annotations

import jax
import numpy as np

from theory.bilinear import random_game
from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.mixed import rates
from verifiers.params import Choice, Integer, seed_param

MD_EXPONENT = -0.5
MP_EXPONENT = -1.0
STOCHASTIC_SAMPLES = 6


def _params():
    return [
        Integer(
            "n",
            20,
            low=2,
            high=60,
            sample_low=3,
            sample_high=30,
            doc="critic strategies",
        ),
        Integer(
            "m",
            15,
            low=2,
            high=60,
            sample_low=3,
            sample_high=30,
            doc="generator strategies",
        ),
        seed_param("seed of A, a ~ U[-1,1]"),
        Choice(
            "gradients",
            "exact",
            choices=("exact", "stochastic"),
            doc="exact gradients or one-sample stochastic ones",
        ),
    ]


def _slope_outcome(name, exponent, band, T, gaps, bound_rel, witness) -> Outcome:
    """Margin = min(band − |slope − exponent|, min_T (bound − gap)/bound)."""
    slope = rates.fitted_slope(T, gaps)
    margin = min(band - abs(slope - exponent), bound_rel)
    return Outcome(
        margin=margin,
        tolerance=tolerances.RATE_FIT,
        method="jax-scan",
        statement=f"{name}: fitted gap slope {slope:.3f} within {band} of {exponent}"
        + ("" if np.isinf(bound_rel) else f"; bound holds with relative slack {bound_rel:.3g}"),
        witness=dict(witness, slope=slope, horizons=list(map(int, T)), gaps=list(map(float, gaps))),
    )


def _check_md(n, m, seed, gradients) -> Outcome:
    game = random_game(np.random.default_rng(seed), n, m)
    stochastic = gradients == "stochastic"
    gaps, etas = rates.horizon_gaps(
        game,
        "md",
        stochastic=stochastic,
        key=jax.random.key(seed),
        samples=STOCHASTIC_SAMPLES if stochastic else 1,
    )
    T = np.asarray(rates.HORIZONS)
    bound = rates.md_bound(game, etas, T)
    bound_rel = np.inf if stochastic else float(np.min((bound - gaps) / bound))
    band = tolerances.STOCHASTIC_SLOPE_BAND if stochastic else tolerances.SLOPE_BAND
    return _slope_outcome(
        "entropic MD",
        MD_EXPONENT,
        band,
        T,
        gaps,
        bound_rel,
        {"etas": list(map(float, etas)), "bounds": list(map(float, bound))},
    )


def _check_mp(n, m, seed, gradients) -> Outcome:
    game = random_game(np.random.default_rng(seed), n, m)
    T = np.asarray(rates.HORIZONS)
    if gradients == "stochastic":
        gaps, etas = rates.horizon_gaps(
            game, "mp", stochastic=True, key=jax.random.key(seed), samples=STOCHASTIC_SAMPLES
        )
        return _slope_outcome(
            "stochastic entropic MP",
            MD_EXPONENT,
            tolerances.STOCHASTIC_SLOPE_BAND,
            T,
            gaps,
            np.inf,
            {"etas": list(map(float, etas))},
        )
    all_gaps, eta = rates.mp_gaps(game, int(T[-1]))
    steps = np.arange(1, all_gaps.size + 1)
    bound = rates.mp_bound(game, eta, steps)
    worst = int(np.argmin((bound - all_gaps) / bound))
    return _slope_outcome(
        "entropic MP",
        MP_EXPONENT,
        tolerances.SLOPE_BAND,
        T,
        all_gaps[T - 1],
        float((bound[worst] - all_gaps[worst]) / bound[worst]),
        {
            "eta": eta,
            "worst_T": worst + 1,
            "T_gap_at_worst": float(steps[worst] * all_gaps[worst]),
            "nemirovski_T_gap_bound": float(np.log(n * m) / eta),
        },
    )


CLAIMS = [
    Claim(
        id="hsieh2019.md_rate",
        reference="Hsieh, Liu & Cevher 2019, §2.1 (entropic MD) and Theorem 2",
        statement="Entropic MD with the fixed-horizon step η_T ∝ T^{-1/2} reaches "
        "an O(T^{-1/2})-NE "
        "in ergodic average: fitted gap slope −1/2 ± 0.1 over T ∈ [10², 10⁴] and the "
        "regret bound at every horizon (stochastic gradients: slope −1/2 ± 0.15 in mean).",
        params=_params(),
        checker=_check_md,
    ),
    Claim(
        id="hsieh2019.mp_rate",
        reference="Hsieh, Liu & Cevher 2019, §2.1 (entropic MP) and Theorem 2; Nemirovski 2004",
        statement="Entropic Mirror-Prox with η = 1/max|A| reaches an O(1/T)-NE: T·gap(p̄_T, q̄_T) ≤ "
        "(ln m + ln n)/η at every T ≤ 10⁴ and fitted slope −1 ± 0.1 (stochastic gradients: "
        "slope −1/2 ± 0.15 in mean).",
        params=_params(),
        checker=_check_mp,
    ),
]
