"""Gradient penalty and consensus optimisation on the Dirac-GAN (Lemmas 3.3,
C.4), and the critical nilpotency of the SimGD Jacobian (our claim, E9).

Closed forms: gradient penalty (R1 = R2 = γ/2 ψ² here) eq. (8)
``λ± = −γ/2 ± sqrt(γ²/4 − f1²)``, critical ``γ_crit = 2|f1|``; consensus
eq. (102) ``λ± = −γ f1² ± i f1``. Independent route: ``jax.jacfwd`` of the
regularised fields (the consensus field ``v − γ v'ᵀv`` itself built by autodiff).
"""

import numpy as np

from theory.dirac import equilibrium, operators
from verifiers import tolerances
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import checks
from verifiers.dirac.fparams import (
    derivatives,
    describe,
    f_params,
    sampling_excluding,
)
from verifiers.params import Choice, Real

GAMMA = Real(
    "gamma",
    1.0,
    low=0.0,
    high=1e3,
    low_open=True,
    sample_low=0.01,
    sample_high=5.0,
    doc="regularisation weight γ",
)


def _spectrum_outcome(method, closed, hyper, statement, extra, fp) -> Outcome:
    d1, d2 = derivatives(**fp)
    J = checks.autodiff_jacobian(method, fp, hyper)
    disc = max(
        checks.relative_error(J, equilibrium.jacobian_at_equilibrium(method, d1, d2, hyper)),
        checks.charpoly_discrepancy(closed, J),
    )
    lam = closed[np.argmax(closed.imag)]
    return Outcome(
        margin=checks.agreeing(-float(np.max(closed.real)), disc),
        tolerance=checks.eigen_tolerance(closed, J),
        method="closed-form+autodiff",
        statement=f"{statement}: eigenvalues {lam.real:.4g} ± {abs(lam.imag):.4g}i have Re < 0",
        witness={
            "eigenvalues": eigenvalue_pairs(closed),
            "jacobian_autodiff": checks.matrix_witness(J),
            "discrepancy": disc,
            **extra,
        },
    )


def _check_lemma33(gamma, **fp) -> Outcome:
    """Lemma 3.3: for γ > 0 both eigenvalues of eq. (8) have Re < 0 (margin −max Re λ)."""
    d1, _ = derivatives(**fp)
    closed = np.asarray(equilibrium.gradient_penalty_eigenvalues(d1, gamma))
    extra = {
        "gamma_crit": float(equilibrium.gamma_crit(d1)),
        "h_max": float(operators.gradient_penalty_h_max(d1, gamma)) if d1 != 0 else None,
    }
    return _spectrum_outcome(
        "gradient_penalty",
        closed,
        {"gamma": gamma},
        f"gradient penalty γ = {gamma:g}, f = {describe(**fp)}",
        extra,
        fp,
    )


def _check_lemmac4(gamma, **fp) -> Outcome:
    """Lemma C.4: eigenvalues −γf1² ± i f1 (eq. (102)); margin γ f1² = −Re λ."""
    d1, _ = derivatives(**fp)
    if d1 == 0.0:
        return Outcome.inapplicable("f'(0) != 0", {"f1": d1})
    closed = np.asarray(equilibrium.consensus_eigenvalues(d1, gamma))
    return _spectrum_outcome(
        "consensus",
        closed,
        {"gamma": gamma},
        f"consensus optimisation γ = {gamma:g}, f = {describe(**fp)}",
        {},
        fp,
    )


def _check_nilpotent(method, **fp) -> Outcome:
    """At σ = σ_crit (instance noise) or γ = γ_crit (gradient penalty) and
    h = 1/|f'(0)|, N = F_h'(0) = I + J/|f1| (J by autodiff/quadrature) satisfies
    N² = 0 and N ≠ 0 (erratum E9: the two-step map has zero Jacobian; one
    step is not quadratic). Margin: ‖N‖₂ if ‖N²‖₂ ≤ DIRAC_AGREE·(1 + ‖N‖²), else −‖N²‖₂."""
    d1, d2 = derivatives(**fp)
    if d1 == 0.0 or (method == "instance_noise" and not d2 < 0.0):
        return Outcome.inapplicable(
            "f'(0) != 0 and, for instance noise, f''(0) < 0", {"f1": d1, "f2": d2}
        )
    hyper = (
        {"sigma": float(equilibrium.sigma_crit(d1, d2))}
        if method == "instance_noise"
        else {"gamma": float(equilibrium.gamma_crit(d1))}
    )
    J = checks.autodiff_jacobian(method, fp, hyper)
    N = np.asarray(operators.simgd_jacobian(J, 1.0 / abs(d1)))
    n1, n2 = float(np.linalg.norm(N, 2)), float(np.linalg.norm(N @ N, 2))
    margin = n1 if n2 <= tolerances.DIRAC_AGREE * (1.0 + n1**2) else -n2
    return Outcome(
        margin=margin,
        tolerance=tolerances.spectral(1.0 + n1**2),
        method="autodiff",
        statement=f"{method} at its critical value {hyper}, h = 1/|f'(0)| = {1 / abs(d1):.4g} "
        f"(f = {describe(**fp)}): ‖N‖ = {n1:.4g} ≠ 0 and ‖N²‖ = {n2:.2g} ≈ 0",
        witness={
            "N": checks.matrix_witness(N),
            "N_squared": checks.matrix_witness(N @ N),
            "eigenvalues": eigenvalue_pairs(
                equilibrium.eigenvalues_at_equilibrium(method, d1, d2, hyper)
            ),
            **hyper,
        },
    )


NILPOTENT_PARAMS = [
    Choice(
        "method",
        "gradient_penalty",
        choices=("gradient_penalty", "instance_noise"),
        doc="regulariser set to its critical value",
    ),
    *f_params(),
]
_NILPOTENT_SAMPLING = sampling_excluding(NILPOTENT_PARAMS, exclude=("wgan",))

CLAIMS = [
    Claim(
        id="mescheder2018.lemma3.3",
        reference="Mescheder et al. 2018, Lemma 3.3",
        statement="With the zero-centred gradient penalty γ > 0 (R1 = R2 here) the Jacobian at "
        "(0, 0) has eigenvalues −γ/2 ± sqrt(γ²/4 − f'(0)²), both with Re < 0.",
        params=[GAMMA, *f_params()],
        checker=_check_lemma33,
    ),
    Claim(
        id="mescheder2018.lemmaC.4",
        reference="Mescheder et al. 2018, Lemma C.4",
        statement="With consensus optimisation γ > 0 the Jacobian at (0, 0) has eigenvalues "
        "−γf'(0)² ± if'(0), with negative real part.",
        params=[GAMMA, *f_params()],
        checker=_check_lemmac4,
    ),
    Claim(
        id="ganeq.dirac.critical_nilpotent",
        reference="Mescheder et al. 2018, Section 3.2/3.3 (erratum E9; our statement)",
        statement="At σ = σ_crit (instance noise) or γ = γ_crit (gradient penalty) with "
        "h = 1/|f'(0)|, SimGD's update Jacobian N is nilpotent: N ≠ 0 and N² = 0.",
        params=NILPOTENT_PARAMS,
        checker=_check_nilpotent,
        sampler=_NILPOTENT_SAMPLING[0],
        strategy_fn=_NILPOTENT_SAMPLING[1],
        erratum="E9: the paper calls convergence at the critical value 'quadratic'; the "
        "one-step Jacobian is nilpotent (N² = 0, N ≠ 0), so the two-step map has zero "
        "Jacobian and, the fields being odd, two-step errors shrink cubically.",
    ),
]
