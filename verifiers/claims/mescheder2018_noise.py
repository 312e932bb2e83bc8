"""Lemma 3.2 (instance noise makes the Dirac-GAN locally convergent)."""

import numpy as np

from theory.dirac import noise
from verifiers import tolerances
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.params import Param

STANDARD_F1, STANDARD_F2 = 0.5, -0.25


def _check_lemma32(sigma: float) -> Outcome:
    """Both eigenvalues of eq. (6) have negative real part; margin = −max Re λ,
    checked against the spectrum of the Jacobian (70) computed by LAPACK."""
    closed = noise.eigenvalues(STANDARD_F1, STANDARD_F2, sigma)
    numeric = np.linalg.eigvals(noise.jacobian_at_equilibrium(STANDARD_F1, STANDARD_F2, sigma))
    margin = -float(np.max(closed.real))
    tol = tolerances.DEFECTIVE_EIGEN + abs(float(np.max(numeric.real)) - float(np.max(closed.real)))
    lam = closed[0]
    return Outcome(
        margin=margin, tolerance=tol, method="closed-form",
        statement=f"eigenvalues {lam.real:.4g} ± {abs(lam.imag):.4g}i at (0, 0) have Re < 0",
        witness={"eigenvalues": eigenvalue_pairs(closed), "eigenvalues_lapack": eigenvalue_pairs(numeric)},
    )


CLAIMS = [
    Claim(
        id="mescheder2018.lemma3.2",
        reference="Mescheder et al. 2018, Lemma 3.2",
        statement="With instance noise σ > 0 the Dirac-GAN's Jacobian at (0, 0) has eigenvalues "
                  "f''(0)σ² ± sqrt(f''(0)²σ⁴ − f'(0)²), all with negative real part.",
        params=[Param("sigma", 0.5, low=0.0, high=1e3, low_open=True, sample_low=0.05, sample_high=5.0,
                      doc="instance-noise standard deviation σ")],
        checker=_check_lemma32,
    ),
]
