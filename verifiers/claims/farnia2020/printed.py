"""Statements of Farnia & Ozdaglar 2020 registered as printed, expected REFUTED (theorem1.md §2).

* ``farnia2020.eq7.printed``: the paper defines ``d_f(P, Q) = ∫ p f(q/p)`` and says eq. (7)
  minimises ``d_f(P_X, P_G)``. Maximising eq. (7) over D actually gives
  ``∫ p_G f(p_X/p_G) = d_f(P_G, P_X)`` in the paper's own notation (Nowozin's
  ``D_f(P_X‖P_G)``). For KL at G* = (I, 0) with σ > 1 the two differ:
  printed ``KL(P_G‖P_X) = d(σ⁻² − 1 + log σ²)/2``, verified ``KL(P_X‖P_G) = d(σ² − 1 − log σ²)/2``.
* ``farnia2020.theorem1.condition.printed``: the proof of Theorem 1 says the condition
  "t² f''(t) non-decreasing" holds for all f-GAN examples of Nowozin et al. Neyman χ²
  has ``t² f'' = 2/t`` (decreasing): sympy finds ``d/dt (t² f'') = −2/t² < 0``.
  (The conclusion of Theorem 1 still holds for Neyman: ``farnia2020.theorem1.fgan``.)
"""

from __future__ import annotations

import jax.numpy as jnp

from theory import fdiv
from theory.gaussian_games import fgan
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.symbols import REF, SIGMA_WIDE, D


def _check_eq7(sigma: float, d: int) -> Outcome:
    """sup_D V(G*, D) (eq. 7, evaluated at D = D_{G*}) against the printed d_f(P_X, P_G)."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    sup_v = float(fgan.divergence("kl", eye, zero, sigma**2 * eye))
    printed = float(fgan.divergence("rkl", eye, zero, sigma**2 * eye))
    diff = abs(sup_v - printed)
    return Outcome(
        margin=-diff, tolerance=tolerances.nash_gap(sup_v), method="closed-form (Gaussian lemma)",
        statement=(f"sup_D V(G*, D) = {sup_v:.10g} should equal the printed d_f(P_X, P_G) = "
                   f"int p_X f(p_G/p_X) = KL(P_G||P_X) = {printed:.10g}"),
        witness={"sup_D_V": sup_v, "printed_divergence": printed,
                 "verified": "sup_D V = int p_G f(p_X/p_G) = KL(P_X||P_G)"})


def _check_condition() -> Outcome:
    """min over Nowozin's examples of the condition's sign (+1 proved, d/dt t²f'' at a witness)."""
    results = {n: fdiv.t2fpp_nondecreasing(fdiv.get(n)) for n in fdiv.NOWOZIN_EXAMPLES}
    scores = {n: (1.0 if r.holds else (r.derivative_at_witness if r.holds is False else 0.0))
              for n, r in results.items()}
    worst = min(scores, key=scores.get)
    r = results[worst]
    return Outcome(
        margin=scores[worst], tolerance=0.0, method="symbolic (sympy solveset over t > 0)",
        statement=(f"t^2 f''(t) is non-decreasing for every f in {list(fdiv.NOWOZIN_EXAMPLES)}; "
                   f"worst: {worst} with t^2 f'' = {r.t2fpp}, derivative {r.derivative}"),
        witness={n: {"holds": res.holds, "t2fpp": res.t2fpp, "violating_set": res.violating_set,
                     "witness_t": res.witness_t} for n, res in results.items()})


CLAIMS = [
    Claim(id="farnia2020.eq7.printed", reference=f"{REF}, §3.1 eq. (7) (as printed)",
          statement="Maximising eq. (7) over D gives d_f(P_X, P_G) = ∫ p_X f(p_G/p_X) (paper's "
                    "notation; here f = KL at G* = (I, 0)).",
          params=[SIGMA_WIDE, D], checker=_check_eq7, expected=Verdict.REFUTED,
          erratum="The supremum is ∫ p_G f(p_X/p_G) = d_f(P_G, P_X) in the paper's notation "
                  "(Nowozin's D_f(P_X‖P_G)); the direction is swapped (theorem1.md §2.1)."),
    Claim(id="farnia2020.theorem1.condition.printed", reference=f"{REF}, Theorem 1 proof remark",
          statement="The condition 't² f''(t) non-decreasing' holds for all f-GAN examples of "
                    "Nowozin et al.",
          params=[], checker=_check_condition, expected=Verdict.REFUTED,
          erratum="Neyman χ² has t² f''(t) = 2/t, which is decreasing (theorem1.md §2.2); the "
                  "conclusion of Theorem 1 still holds for it (farnia2020.theorem1.fgan)."),
]
