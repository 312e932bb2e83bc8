"""Section E of Mescheder et al. 2018: stable equilibria of unregularised training.

* E.2, full-rank solution ``D_ψ(x) = ψ eˣ`` on the Dirac-GAN:
  ``L = f(ψ e^θ) + f(−ψ)``, ``v'(0) = [[0, −f1], [f1, 2 f2]]``,
  ``λ = f2 ± sqrt(f2² − f1²)``: Re λ < 0 when f'(0) ≠ 0 and f''(0) < 0
  (Assumption II), so SimGD and AltGD converge for small h (Theorem E.3,
  whose hypotheses should read I'' and III'', the full-rank assumptions).
* E.1, energy solution ``D(x) = ψ1x² + ψ2x``: every (0, ψ1, 0) is stationary;
  there ``J = [[−2f1ψ1, 0, −f1], [0, 0, 0], [f1, 0, 0]]`` with eigenvalue 0
  along the equilibrium manifold (eigenvector e_ψ1) and
  ``−f1ψ1 ± sqrt(f1²ψ1² − f1²)`` normal to it: Re < 0 iff f1ψ1 > 0
  (Theorem E.2 needs f'(0) > 0; ψ1 > 0 here).

Independent route: ``jax.jacfwd`` of the fields of :mod:`theory.dirac.fields`.
Derivations: ``docs/derivations/mescheder2018.md``.
"""

import math

import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators
from theory.dirac.fields import make_field
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.symbols import F_PARAMS, f_derivatives_of, f_sampling
from verifiers.dirac import checks
from verifiers.dirac.fparams import derivatives, describe, resolve_f
from verifiers.outcomes import Outcome, Route, all_of, equals, positive
from verifiers.params import Real

EPS = float(np.finfo(float).eps)


def stable_margin(centre: float, f1: float) -> float:
    """``−max Re λ`` of ``λ = −c ± sqrt(c² − f1²)`` (c > 0) without cancellation:
    ``f1²/(c + sqrt(c² − f1²))`` for real roots, ``c`` for a complex pair."""
    disc = centre * centre - f1 * f1
    return f1 * f1 / (centre + math.sqrt(disc)) if disc >= 0 else centre


def _agreement(J, closed_J, lam, block=None) -> list[Outcome]:
    """The closed-form Jacobian against jacfwd, and the closed-form eigenvalues against
    the characteristic polynomial of (the block ``block`` of) the jacfwd Jacobian."""
    scale = 1.0 + float(np.max(np.abs(J)))
    sub = J if block is None else J[np.ix_(block, block)]
    diff = float(np.max(np.abs(J - np.asarray(closed_J))))
    roots = checks.charpoly_discrepancy(lam, sub) * (1.0 + float(np.max(np.abs(sub))) ** 2)
    return [
        equals(0.0, Route("closed form − jacfwd", diff, 16 * EPS * scale),
               f"the closed-form Jacobian is jacfwd's (max entry difference {diff:.2e})",
               method="autodiff"),
        equals(0.0, Route("eigenvalues vs det(λI − J)", roots, 32 * EPS * scale**2),
               "the closed-form eigenvalues are the roots of det(λI − J)", method="autodiff"),
    ]


def full_rank_expected(params) -> Verdict:
    """holds where f'(0) ≠ 0 and f''(0) < 0 (Assumption II); inapplicable elsewhere."""
    f1, f2 = f_derivatives_of(params)
    return Verdict.HOLDS if f1 != 0 and f2 < 0 else Verdict.INAPPLICABLE


_FULL_RANK_DRAWS = f_sampling(F_PARAMS)


@claim(
    "mescheder2018.sectionE.full_rank",
    reference="Mescheder et al. 2018, Section E.2 (full-rank solutions, Theorem E.3)",
    statement="With the full-rank discriminator D_ψ(x) = ψeˣ the Dirac-GAN's Jacobian at (0, 0) "
              "is [[0, −f'(0)], [f'(0), 2f''(0)]], with eigenvalues f''(0) ± "
              "sqrt(f''(0)² − f'(0)²) of negative real part when f'(0) ≠ 0 and f''(0) < 0.",
    params=list(F_PARAMS),
    expected=full_rank_expected,
    sampler=_FULL_RANK_DRAWS[0],
    strategy_fn=_FULL_RANK_DRAWS[1],
    erratum="Theorem E.3 assumes I' and III'; it should assume the full-rank assumptions "
            "I'' and III''.",
    derivation="mescheder2018.md#section-e2-full-rank-solutions",
)
def check_sectionE_full_rank(**fp) -> Outcome:
    """Closed form against jacfwd of the full-rank field; margin −max Re λ in the
    cancellation-free form of :func:`stable_margin`."""
    d1, d2 = derivatives(**fp)
    if not (d1 != 0 and d2 < 0):
        return Outcome.inapplicable("f'(0) ≠ 0 and f''(0) < 0 (Assumption II)",
                                    {"f1": d1, "f2": d2})
    closed = np.asarray(equilibrium.eigenvalues_at_equilibrium("full_rank", d1, d2))
    J = checks.autodiff_jacobian("full_rank", fp)
    margin = stable_margin(-d2, d1)
    lam = closed[np.argmax(closed.imag)]
    witness = {"eigenvalues": eigenvalue_pairs(closed),
               "jacobian_autodiff": checks.matrix_witness(J),
               "h_max": float(operators.h_max_matrix(jnp.asarray(closed)))}
    return all_of(
        *_agreement(J, equilibrium.jacobian_at_equilibrium("full_rank", d1, d2), closed),
        positive(margin, 8 * EPS * abs(margin), f"full-rank discriminator ψeˣ, f = "
                 f"{describe(**fp)}: eigenvalues {lam.real:.4g} ± {abs(lam.imag):.4g}i at "
                 "(0, 0) have Re < 0",
                 witness=witness),
        method="closed-form + autodiff")


def energy_expected(params) -> Verdict:
    """holds where f'(0) > 0 (so f'(0)ψ1 > 0); inapplicable where f'(0) ≤ 0."""
    return Verdict.HOLDS if f_derivatives_of(params)[0] > 0 else Verdict.INAPPLICABLE


_ENERGY_PARAMS = [Real("psi1", 1.0, low=0.0, high=1e3, low_open=True, sample_low=0.05,
                       sample_high=5.0, doc="ψ1 of the equilibrium (0, ψ1, 0)"), *F_PARAMS]
_ENERGY_DRAWS = f_sampling(_ENERGY_PARAMS)


@claim(
    "mescheder2018.sectionE.energy",
    reference="Mescheder et al. 2018, Section E.1 (energy solutions, Theorem E.2)",
    statement="With D(x) = ψ1x² + ψ2x every (0, ψ1, 0) is stationary, the Jacobian there "
              "maps e_ψ1 (the equilibrium manifold) to 0, and for f'(0)ψ1 > 0 its eigenvalues "
              "normal to the manifold, −f'(0)ψ1 ± sqrt(f'(0)²ψ1² − f'(0)²), have negative "
              "real part.",
    params=_ENERGY_PARAMS,
    expected=energy_expected,
    sampler=_ENERGY_DRAWS[0],
    strategy_fn=_ENERGY_DRAWS[1],
    derivation="mescheder2018.md#section-e1-energy-solutions",
)
def check_sectionE_energy(psi1, **fp) -> Outcome:
    """At (0, ψ1, 0): v = 0 and J e_ψ1 = 0 (jacfwd, exact zeros up to rounding), the
    closed-form J and normal eigenvalues against jacfwd, and −max Re of the normal pair
    (cancellation-free) > 0."""
    d1, _ = derivatives(**fp)
    if not d1 > 0.0:
        return Outcome.inapplicable("f'(0) > 0 (Theorem E.2)", {"f1": d1})
    x = jnp.array([0.0, psi1, 0.0])
    J = checks.autodiff_jacobian("energy", fp, x=x)
    closed = np.asarray(equilibrium.eigenvalues_at_equilibrium("energy", d1, 0.0, psi1=psi1))[:2]
    v = float(jnp.max(jnp.abs(make_field("energy", resolve_f(**fp))(x, {}))))
    tangent = float(np.max(np.abs(J[:, 1])))
    scale = 1.0 + float(np.max(np.abs(J)))
    margin = stable_margin(d1 * psi1, d1)
    return all_of(
        equals(0.0, Route("v(0, ψ1, 0)", v, 4 * EPS * scale), f"v(0, ψ1, 0) = {v:.1e}"),
        equals(0.0, Route("J e_ψ1", tangent, 4 * EPS * scale), f"J e_ψ1 = {tangent:.1e}"),
        *_agreement(J, equilibrium.jacobian_at_equilibrium("energy", d1, 0.0, psi1=psi1),
                    closed, block=[0, 2]),
        positive(margin, 8 * EPS * abs(margin), f"energy solution at ψ1 = {psi1:g}, f = "
                 f"{describe(**fp)}: normal eigenvalues {closed[0]:.4g}, {closed[1]:.4g} have "
                 "Re < 0 (tangent eigenvalue 0)",
                 witness={"eigenvalues": eigenvalue_pairs(np.append(closed, 0.0)),
                          "jacobian_autodiff": checks.matrix_witness(J),
                          "h_max": float(operators.h_max_matrix(jnp.asarray(closed)))}),
        method="closed-form + autodiff")
