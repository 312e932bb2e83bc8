"""Lemma 3.2 (instance noise makes the Dirac-GAN locally convergent).

Objective eq. (67): ``E_{θ̃~N(θ,σ²)} f(θ̃ψ) + E_{x~N(0,σ²)} f(−xψ)``. The check holds
eq. (6), ``λ± = f''(0)σ² ± sqrt(f''(0)²σ⁴ − f'(0)²)``, against the Jacobian of this
field at (0, 0) by ``jax.jacfwd`` with the expectations by Gauss–Hermite
quadrature (exact on the polynomial moments that survive at (0, 0)), through
trace and determinant, and decides Re λ < 0 on that Jacobian (tr < 0, det > 0).
Derivation and the erratum of eq. (69): ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import numpy as np

from theory.dirac import equilibrium
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.symbols import (
    F_PARAMS,
    SIGMA,
    f_derivatives_of,
    f_sampling,
)
from verifiers.dirac import checks, routes
from verifiers.dirac.fparams import describe
from verifiers.outcomes import Outcome, all_of

SIGMA_SAMPLING = f_sampling([SIGMA, *F_PARAMS])
NONZERO_SLOPE = "f'(0) != 0 (Assumption II)"


def expected_nonzero_slope(params) -> Verdict:
    """holds when f'(0) != 0 (every f but taylor with f1 = 0); inapplicable when f'(0) = 0
    (Assumption II fails: an eigenvalue is then 0)."""
    return Verdict.HOLDS if f_derivatives_of(params)[0] != 0.0 else Verdict.INAPPLICABLE


@claim(
    "mescheder2018.lemma3.2",
    reference="Mescheder et al. 2018, Lemma 3.2",
    statement="With instance noise σ > 0 the Dirac-GAN's Jacobian at (0, 0) has eigenvalues "
    "f''(0)σ² ± sqrt(f''(0)²σ⁴ − f'(0)²) (eq. (6)), all with negative real part if "
    "f''(0) < 0.",
    params=[SIGMA, *F_PARAMS],
    expected=expected_nonzero_slope,
    sampler=SIGMA_SAMPLING[0],
    strategy_fn=SIGMA_SAMPLING[1],
    erratum="eq. (69): the bottom-right entry reads f''(θ̃ψ)θ̃² + x² f''(−xψ) (printed "
    "x² f(−xψ)); eq. (70) and the lemma are right.",
    derivation="mescheder2018.md#lemma-32",
)
def check_lemma3_2(sigma, f, a, f1, f2) -> Outcome:
    """Eq. (6) against the quadrature Jacobian (charpoly); if f''(0) < 0, both eigenvalues
    have Re < 0 (tr = 2f''(0)σ² < 0, det = f'(0)² > 0). For f''(0) ≥ 0 only eq. (6) is
    asserted (the 'in particular' part is conditional)."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    d1, d2 = f_derivatives_of(fp)
    if d1 == 0.0:
        return Outcome.inapplicable(NONZERO_SLOPE, {"f1": d1})
    J = checks.autodiff_jacobian("instance_noise", fp, {"sigma": sigma})
    E = routes.jacobian_error(J, routes.ENTRY + routes.quadrature_tail(d1, d2))
    lam = np.asarray(equilibrium.instance_noise_eigenvalues(d1, d2, sigma))
    parts = [routes.spectrum_equals(lam, J, E, "the quadrature Jacobian v'(0, 0)")]
    if d2 < 0.0:
        parts.insert(0, routes.hurwitz(J, E, "the quadrature Jacobian v'(0, 0)"))
    top = lam[np.argmax(lam.imag)]
    outcome = all_of(*parts, statement=f"σ = {sigma:g}, f = {describe(**fp)}: eigenvalues "
                     f"{top.real:.6g} ± {abs(top.imag):.6g}i (eq. (6))"
                     + (", both with Re < 0" if d2 < 0.0 else "; f''(0) >= 0, so eq. (6) only"))
    sigma_crit = float(equilibrium.sigma_crit(d1, d2)) if d2 != 0.0 else None
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam),
                                jacobian_quadrature=J.tolist(), sigma_crit=sigma_crit)
