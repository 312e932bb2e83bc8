"""Section E of Mescheder et al. 2018: stable equilibria of unregularised training.

* E.2, full-rank solution ``D_ψ(x) = ψ eˣ`` on the Dirac-GAN:
  ``L = f(ψ e^θ) + f(−ψ)``, ``v'(0) = [[0, −f1], [f1, 2 f2]]``,
  ``λ = f2 ± sqrt(f2² − f1²)``: Re λ < 0 when f''(0) < 0 (Assumption II), so
  SimGD/AltGD converge for small h (Theorem E.3; erratum E8: its hypotheses
  should read I'' and III'', the full-rank assumptions, not I' and III').
* E.1, energy solution ``D(x) = ψ1x² + ψ2x``: every (0, ψ1, 0) is stationary;
  there ``J = [[−2f1ψ1, 0, −f1], [0, 0, 0], [f1, 0, 0]]`` with eigenvalue 0
  along the equilibrium manifold (eigenvector e_ψ1) and
  ``−f1ψ1 ± sqrt(f1²ψ1² − f1²)`` normal to it: Re < 0 iff f1ψ1 > 0 (Theorem E.2
  needs f'(0) > 0). The SimGD threshold ``h_max(ψ1)`` shrinks as ψ1 grows:
  "not attractors for fixed h when ψ1 is large".

Independent route: ``jax.jacfwd`` of the fields of :mod:`theory.dirac.fields`.
"""

import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators
from theory.dirac.fields import make_field
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import checks
from verifiers.dirac.fparams import (
    derivatives,
    describe,
    f_params,
    resolve_f,
    sampling_excluding,
)
from verifiers.params import Real


def _check_full_rank(**fp) -> Outcome:
    """Margin −max Re λ of f2 ± sqrt(f2² − f1²), provided the closed form agrees
    with jacfwd of the full-rank field; inapplicable unless f''(0) < 0."""
    d1, d2 = derivatives(**fp)
    if not d2 < 0.0:
        return Outcome.inapplicable("f''(0) < 0 (Assumption II)", {"f2": d2})
    closed = np.asarray(equilibrium.eigenvalues_at_equilibrium("full_rank", d1, d2))
    J = checks.autodiff_jacobian("full_rank", fp)
    disc = max(
        checks.relative_error(J, equilibrium.jacobian_at_equilibrium("full_rank", d1, d2)),
        checks.charpoly_discrepancy(closed, J),
    )
    lam = closed[np.argmax(closed.imag)]
    return Outcome(
        margin=checks.agreeing(-float(np.max(closed.real)), disc),
        tolerance=checks.eigen_tolerance(closed, J),
        method="closed-form+autodiff",
        statement=f"full-rank discriminator ψeˣ, f = {describe(**fp)}: eigenvalues "
        f"{lam.real:.4g} ± {abs(lam.imag):.4g}i at (0, 0) have Re < 0",
        witness={
            "eigenvalues": eigenvalue_pairs(closed),
            "jacobian_autodiff": checks.matrix_witness(J),
            "h_max": float(operators.h_max_matrix(jnp.asarray(closed))),
            "discrepancy": disc,
        },
    )


def _check_energy(psi1, **fp) -> Outcome:
    """At (0, ψ1, 0): v = 0, J e_ψ1 = 0 (the tangent direction), and the two
    normal eigenvalues −f1ψ1 ± sqrt(f1²ψ1² − f1²) have Re < 0. Margin: −max Re
    of the normal pair (closed form), provided v = 0, J e_ψ1 = 0 and the closed
    form agree with jacfwd; inapplicable unless f'(0) > 0."""
    d1, d2 = derivatives(**fp)
    if not d1 > 0.0:
        return Outcome.inapplicable("f'(0) > 0 (Theorem E.2)", {"f1": d1})
    fn, x = resolve_f(**fp), jnp.array([0.0, psi1, 0.0])
    J = checks.autodiff_jacobian("energy", fp, x=x)
    closed = np.asarray(equilibrium.eigenvalues_at_equilibrium("energy", d1, d2, psi1=psi1))[:2]
    normal = J[np.ix_([0, 2], [0, 2])]
    disc = max(
        checks.relative_error(J, equilibrium.jacobian_at_equilibrium("energy", d1, d2, psi1=psi1)),
        checks.charpoly_discrepancy(closed, normal),
        float(np.max(np.abs(J[:, 1]))),
        float(jnp.max(jnp.abs(make_field("energy", fn)(x, {})))),
    )
    return Outcome(
        margin=checks.agreeing(-float(np.max(closed.real)), disc),
        tolerance=checks.eigen_tolerance(closed, normal),
        method="closed-form+autodiff",
        statement=f"energy solution at ψ1 = {psi1:g}, f = {describe(**fp)}: normal eigenvalues "
        f"{closed[0]:.4g}, {closed[1]:.4g} have Re < 0 (tangent eigenvalue 0)",
        witness={
            "eigenvalues": eigenvalue_pairs(np.append(closed, 0.0)),
            "jacobian_autodiff": checks.matrix_witness(J),
            "h_max": float(operators.h_max_matrix(jnp.asarray(closed))),
            "discrepancy": disc,
        },
    )


_NEGATIVE_F2 = sampling_excluding(f_params(), exclude=("wgan",))

CLAIMS = [
    Claim(
        id="mescheder2018.sectionE.full_rank",
        reference="Mescheder et al. 2018, Section E.2",
        statement="With the full-rank discriminator D_ψ(x) = ψeˣ the Dirac-GAN's Jacobian at "
        "(0, 0) "
        "has eigenvalues f''(0) ± sqrt(f''(0)² − f'(0)²), with Re < 0 if f''(0) < 0.",
        params=f_params(),
        checker=_check_full_rank,
        sampler=_NEGATIVE_F2[0],
        strategy_fn=_NEGATIVE_F2[1],
        erratum="E8: Theorem E.3 assumes I' and III'; it should assume the full-rank "
        "assumptions I'' and III''.",
    ),
    Claim(
        id="mescheder2018.sectionE.energy",
        reference="Mescheder et al. 2018, Section E.1",
        statement="With D(x) = ψ1x² + ψ2x every (0, ψ1, 0) is stationary and, for f'(0)ψ1 > 0, "
        "the Jacobian's eigenvalues normal to this manifold have negative real part.",
        params=[
            Real(
                "psi1",
                1.0,
                low=0.0,
                high=1e3,
                low_open=True,
                sample_low=0.05,
                sample_high=5.0,
                doc="ψ1 of the equilibrium (0, ψ1, 0)",
            ),
            *f_params(),
        ],
        checker=_check_energy,
    ),
]
