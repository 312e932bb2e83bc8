"""Lemma 3.2 (instance noise makes the Dirac-GAN locally convergent).

Objective ``E_{θ̃~N(θ,σ²)} f(θ̃ψ) + E_{x~N(0,σ²)} f(−xψ)``. Closed form
(eq. (70), erratum E3 fixed): ``v'(0) = [[0, −f1], [f1, 2 f2 σ²]]`` with
eigenvalues eq. (6) ``λ± = f2σ² ± sqrt(f2²σ⁴ − f1²)``. Independent route:
``jax.jacfwd`` of the field whose expectations are Gauss–Hermite quadrature
(80 nodes), compared entrywise and through trace/determinant (well conditioned
at the defective double root σ = σ_crit).

Errata: E3 (eq. (69), bottom-right entry ``x² f(−xψ)`` must be
``x² f''(−xψ)``; at the equilibrium it is 2 f2 σ² as in (70)); E4 (the
critical noise level is σ_crit² = |f'(0)|/|f''(0)|, a lost superscript).
"""

import numpy as np

from theory.dirac import equilibrium
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import checks
from verifiers.dirac.fparams import (
    derivatives,
    describe,
    f_params,
    sampling_excluding,
)
from verifiers.params import Real


def _check_lemma32(sigma: float, **fp) -> Outcome:
    """Both eigenvalues of eq. (6) have negative real part if f''(0) < 0 and σ > 0;
    margin = −max Re λ (closed form), provided it agrees with the quadrature
    Jacobian (DIRAC_AGREE). Tolerance ``checks.eigen_tolerance`` (DEFECTIVE-sized
    only at the double root σ = σ_crit)."""
    d1, d2 = derivatives(**fp)
    if not d2 < 0.0:
        return Outcome.inapplicable("f''(0) < 0", {"f2": d2})
    hyper = {"sigma": sigma}
    closed = np.asarray(equilibrium.instance_noise_eigenvalues(d1, d2, sigma))
    J = checks.autodiff_jacobian("instance_noise", fp, hyper)
    disc = max(
        checks.relative_error(
            J, equilibrium.jacobian_at_equilibrium("instance_noise", d1, d2, hyper)
        ),
        checks.charpoly_discrepancy(closed, J),
    )
    lam = closed[np.argmax(closed.imag)]
    sc = float(equilibrium.sigma_crit(d1, d2)) if d1 != 0.0 else 0.0
    return Outcome(
        margin=checks.agreeing(-float(np.max(closed.real)), disc),
        tolerance=checks.eigen_tolerance(closed, J),
        method="closed-form+quadrature-autodiff",
        statement=f"eigenvalues {lam.real:.4g} ± {abs(lam.imag):.4g}i at (0, 0) have Re < 0 "
        f"(σ = {sigma:g}, f = {describe(**fp)})",
        witness={
            "eigenvalues": eigenvalue_pairs(closed),
            "eigenvalues_lapack": eigenvalue_pairs(np.linalg.eigvals(J)),
            "jacobian_quadrature": checks.matrix_witness(J),
            "sigma_crit": sc,
            "discrepancy": disc,
        },
    )


SIGMA = Real(
    "sigma",
    0.5,
    low=0.0,
    high=1e3,
    low_open=True,
    sample_low=0.05,
    sample_high=5.0,
    doc="instance-noise standard deviation σ",
)
_SAMPLING = sampling_excluding([SIGMA, *f_params()], exclude=("wgan",))

CLAIMS = [
    Claim(
        id="mescheder2018.lemma3.2",
        reference="Mescheder et al. 2018, Lemma 3.2",
        statement="With instance noise σ > 0 the Dirac-GAN's Jacobian at (0, 0) has eigenvalues "
        "f''(0)σ² ± sqrt(f''(0)²σ⁴ − f'(0)²), all with negative real part if f''(0) < 0.",
        params=[SIGMA, *f_params()],
        checker=_check_lemma32,
        sampler=_SAMPLING[0],
        strategy_fn=_SAMPLING[1],
        erratum="E3: eq. (69) bottom-right entry reads f''(θ̃ψ)θ̃² + x² f''(−xψ) "
        "(printed x² f(−xψ)); E4: σ_crit² = |f'(0)|/|f''(0)|.",
    ),
]
