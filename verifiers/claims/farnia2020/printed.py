"""Statements of Farnia & Ozdaglar 2020 registered as printed, over their whole domain.

* ``farnia2020.eq7.printed``: the paper defines ``d_f(P, Q) = ∫ p f(q/p)`` and says that
  eq. (7) minimises ``d_f(P_X, P_G)``. Maximising eq. (7) over D gives
  ``∫ p_G f(p_X/p_G) = d_f(P_G, P_X)`` in the paper's notation. For KL at G* = (I, 0) the
  printed value is ``KL(P_G‖P_X)`` and the supremum is ``KL(P_X‖P_G)``: they agree only at
  σ = 1.
* ``farnia2020.theorem1.condition.printed``: the proof of Theorem 1 says that
  "t² f''(t) non-decreasing" holds for all f-GAN examples of Nowozin et al.; it fails for
  Neyman χ² (``t² f'' = 2/t``).
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
import sympy as sp
from mpmath import iv

from theory import fdiv
from theory.fdiv._divergence import T
from theory.gaussian_games import fgan, fgan_star
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.symbols import SIGMA, D
from verifiers.nash.certify import rounding
from verifiers.outcomes import Outcome, Route, agree, disagreement, routes_witness
from verifiers.params import Choice

EQ7_DIGITS = 80
"""Working digits of the interval evaluation of eq. (7)'s two sides: the difference of the two
KL divergences is ``~(4/3) d (σ − 1)³`` near σ = 1, ≥ 1e-48 for every float σ ≠ 1 in
(0, 50] (σ − 1 ≥ 1.1e-16), which 80 digits resolve."""


def expected_eq7(params) -> Verdict:
    """holds at sigma = 1 (both sides are 0); refuted for every other sigma."""
    return Verdict.HOLDS if params["sigma"] == 1.0 else Verdict.REFUTED


def _eq7_sampler(rng: np.random.Generator) -> dict:
    sigma = 1.0 if rng.uniform() < 0.2 else SIGMA.sample(rng)
    return {"sigma": sigma, "d": D.sample(rng)}


def _eq7_strategy():
    from hypothesis import strategies as st

    return st.fixed_dictionaries({"sigma": st.one_of(st.just(1.0), SIGMA.strategy()),
                                  "d": D.strategy()})


def _enclosures(sigma: float, d: int):
    """Rigorous interval enclosures of ``KL(P_X‖P_G*)``, the printed ``KL(P_G*‖P_X)`` and
    their difference, in ``EQ7_DIGITS`` digits."""
    saved, iv.dps = iv.dps, EQ7_DIGITS
    try:
        s = iv.mpf(sigma)
        verified = fgan_star.divergence_star("kl", s, d, backend=iv)
        printed = fgan_star.divergence_star("rkl", s, d, backend=iv)
        return verified, printed, verified - printed
    finally:
        iv.dps = saved


@claim("farnia2020.eq7.printed",
       reference="Farnia & Ozdaglar 2020, §3.1 eq. (7) (as printed)",
       statement="Maximising eq. (7) over D gives d_f(P_X, P_G) = ∫ p_X f(p_G/p_X) (paper's "
                 "notation; here f = KL at G* = (I, 0)).",
       params=[SIGMA, D], expected=expected_eq7,
       erratum="The supremum is ∫ p_G f(p_X/p_G) = d_f(P_G, P_X) in the paper's notation "
               "(Nowozin's D_f(P_X‖P_G)): the arguments are swapped; the two agree only when "
               "P_G = P_X (here σ = 1).",
       derivation="farnia2020.md#eq-7-as-printed",
       sampler=_eq7_sampler, strategy_fn=_eq7_strategy)
def check_eq7_printed(sigma: float, d: int) -> Outcome:
    """sup_D V(G*, D) (eq. 7 at D = D_{G*}, Gaussian lemma) against its closed form
    ``KL(P_X‖P_G*)`` (interval), then the printed ``KL(P_G*‖P_X)`` against it."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    sup_v = float(fgan.divergence("kl", eye, zero, sigma**2 * eye))
    verified, printed, diff = _enclosures(sigma, d)
    routes = [Route("sup_D V by the Gaussian lemma", sup_v,
                    rounding(d * (sigma**2 + abs(math.log(sigma)) + 1))),
              Route("closed form KL(P_X||P_G*) (interval)", float(verified.mid),
                    float(verified.delta) + rounding(0.0) * abs(float(verified.mid)))]
    witness = {"sup_D_V": sup_v, "printed_KL(P_G||P_X)": float(printed.mid),
               "verified_KL(P_X||P_G)": float(verified.mid), "routes": routes_witness(routes)}
    if agree(*routes) is None:
        return disagreement(routes, "sup_D V(G*, D)", witness)
    lo, hi = float(diff.a), float(diff.b)
    statement = (f"sup_D V(G*, D) = {float(verified.mid):.10g} equals the printed "
                 f"d_f(P_X, P_G) = KL(P_G||P_X) = {float(printed.mid):.10g}")
    if lo > 0 or hi < 0:
        gap = lo if lo > 0 else -hi
        return Outcome(margin=-gap, tolerance=0.0, statement=statement, verdict=Verdict.REFUTED,
                       witness={**witness, "difference_enclosure": [lo, hi]},
                       method=f"Gaussian lemma + {EQ7_DIGITS}-digit interval arithmetic")
    verdict = Verdict.HOLDS if lo == hi == 0 else Verdict.INCONCLUSIVE
    return Outcome(margin=0.0, tolerance=0.0, statement=statement, verdict=verdict,
                   witness={**witness, "difference_enclosure": [lo, hi]},
                   method=f"Gaussian lemma + {EQ7_DIGITS}-digit interval arithmetic")


def expected_condition(params) -> Verdict:
    """refuted for neyman (t^2 f'' = 2/t decreases); holds for kl, rkl, pearson, hellinger,
    js."""
    return Verdict.REFUTED if params["divergence"] == "neyman" else Verdict.HOLDS


NOWOZIN = Choice("divergence", "neyman", choices=fdiv.NOWOZIN_EXAMPLES,
                 doc="one of Nowozin et al.'s f-GAN examples")
CONDITION_GRID = np.geomspace(1e-3, 1e3, 61)
"""Points t where d/dt (t² f''(t)) is evaluated for the margin (the verdict is symbolic)."""


@claim("farnia2020.theorem1.condition.printed",
       reference="Farnia & Ozdaglar 2020, Theorem 1 proof remark (as printed)",
       statement="The condition 't² f''(t) non-decreasing on (0, ∞)' holds for this f-GAN "
                 "example of Nowozin et al. (the paper says: for all of them).",
       params=[NOWOZIN], expected=expected_condition,
       erratum="Neyman χ² has t² f''(t) = 2/t, which is decreasing; the conclusion of "
               "Theorem 1 still holds for it (farnia2020.theorem1.fgan).",
       derivation="farnia2020.md#theorem-1-condition-as-printed")
def check_theorem1_condition_printed(divergence: str) -> Outcome:
    """The sign of ``d/dt (t² f'')`` on (0, ∞), decided by sympy (``solveset``); the margin is
    the smallest derivative on a grid (negative where the condition fails)."""
    div = fdiv.get(divergence)
    result = fdiv.t2fpp_nondecreasing(div)
    slope = sp.lambdify(T, sp.diff(div.t2fpp, T), "numpy")
    margin = float(np.min(np.broadcast_to(slope(CONDITION_GRID), CONDITION_GRID.shape)))
    if result.derivative_at_witness is not None:
        margin = min(margin, result.derivative_at_witness)
    verdict = {True: Verdict.HOLDS, False: Verdict.REFUTED, None: Verdict.INCONCLUSIVE}[
        result.holds]
    return Outcome(
        margin=margin, tolerance=0.0, verdict=verdict,
        method="symbolic (sympy solveset of d/dt (t^2 f'') < 0 over t > 0)",
        statement=(f"t^2 f''(t) = {result.t2fpp} is non-decreasing on (0, inf) for {divergence}; "
                   f"d/dt = {result.derivative} < 0 on {result.violating_set}"),
        witness={"holds": result.holds, "t2fpp": result.t2fpp, "derivative": result.derivative,
                 "violating_set": result.violating_set, "witness_t": result.witness_t})
