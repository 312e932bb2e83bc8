"""Gradient penalty and consensus optimisation on the Dirac-GAN (Lemmas 3.3, C.4),
and the nilpotent SimGD Jacobian at the critical regularisation (our statement).

Each check holds the closed form (eq. (8), eq. (102)) against the Jacobian at (0, 0)
of the regularised field by ``jax.jacfwd`` (the consensus field ``v − γ v'ᵀv`` itself
built by autodiff) through trace and determinant, and decides Re λ < 0 on that
Jacobian (tr < 0, det > 0). Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import math

import numpy as np

from theory.dirac import equilibrium, operators
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.noise import NONZERO_SLOPE, expected_nonzero_slope
from verifiers.claims.mescheder2018.symbols import (
    F_PARAMS,
    GAMMA,
    f_derivatives_of,
    f_sampling,
)
from verifiers.dirac import checks, routes
from verifiers.dirac.fparams import describe
from verifiers.outcomes import Outcome, Route, all_of, equals
from verifiers.params import Choice

GAMMA_SAMPLING = f_sampling([GAMMA, *F_PARAMS])


def _spectrum(method: str, lam, gamma: float, fp: dict, what: str) -> Outcome:
    """The closed-form pair ``lam`` is the spectrum of jacfwd's v'(0, 0) and has Re < 0."""
    J = checks.autodiff_jacobian(method, fp, {"gamma": gamma})
    E = routes.jacobian_error(J)
    jac = f"the jacfwd Jacobian of {what}"
    top = lam[np.argmax(lam.imag)]
    outcome = all_of(
        routes.hurwitz(J, E, jac), routes.spectrum_equals(lam, J, E, jac),
        statement=f"{what}, γ = {gamma:g}, f = {describe(**fp)}: eigenvalues "
        f"{top.real:.6g} ± {abs(top.imag):.6g}i, both with Re < 0")
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam), jacobian_autodiff=J.tolist())


@claim(
    "mescheder2018.lemma3.3",
    reference="Mescheder et al. 2018, Lemma 3.3",
    statement="With the zero-centred gradient penalty γ > 0 (R(ψ) = γψ²/2, eq. (7)) the "
    "Jacobian at (0, 0) has eigenvalues −γ/2 ± sqrt(γ²/4 − f'(0)²) (eq. (8)), both with "
    "Re < 0.",
    params=[GAMMA, *F_PARAMS],
    expected=expected_nonzero_slope,
    sampler=GAMMA_SAMPLING[0],
    strategy_fn=GAMMA_SAMPLING[1],
    derivation="mescheder2018.md#lemma-33",
)
def check_lemma3_3(gamma, f, a, f1, f2) -> Outcome:
    """Eq. (8) against jacfwd of the penalised field (72); Re λ < 0 from tr = −γ < 0 and
    det = f'(0)² > 0."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    d1, _ = f_derivatives_of(fp)
    if d1 == 0.0:
        return Outcome.inapplicable(NONZERO_SLOPE, {"f1": d1})
    lam = np.asarray(equilibrium.gradient_penalty_eigenvalues(d1, gamma))
    outcome = _spectrum("gradient_penalty", lam, gamma, fp, "the gradient penalty")
    return outcome.with_witness(gamma_crit=float(equilibrium.gamma_crit(d1)))


@claim(
    "mescheder2018.lemmaC.4",
    reference="Mescheder et al. 2018, Lemma C.4",
    statement="With consensus optimisation γ > 0 the Jacobian at (0, 0) has eigenvalues "
    "−γf'(0)² ± if'(0) (eq. (102)), with negative real part −γf'(0)².",
    params=[GAMMA, *F_PARAMS],
    expected=expected_nonzero_slope,
    sampler=GAMMA_SAMPLING[0],
    strategy_fn=GAMMA_SAMPLING[1],
    derivation="mescheder2018.md#lemma-c4",
)
def check_lemmaC_4(gamma, f, a, f1, f2) -> Outcome:
    """Eq. (102) against jacfwd of ``v − γ v'ᵀv`` (eq. (103)); Re λ < 0 from
    tr = −2γf'(0)² < 0 and det = γ²f'(0)⁴ + f'(0)² > 0."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    d1, _ = f_derivatives_of(fp)
    if d1 == 0.0:
        return Outcome.inapplicable(NONZERO_SLOPE, {"f1": d1})
    lam = np.asarray(equilibrium.consensus_eigenvalues(d1, gamma))
    return _spectrum("consensus", lam, gamma, fp, "consensus optimisation")


METHOD = Choice("method", "gradient_penalty", choices=("gradient_penalty", "instance_noise"),
                doc="regulariser set to its critical value (γ_crit = 2|f'(0)|, "
                "σ_crit² = |f'(0)|/|f''(0)|)")


METHOD_SAMPLING = f_sampling([METHOD, *F_PARAMS])


def expected_nilpotent(params) -> Verdict:
    """holds when f'(0) != 0 and, for method = instance_noise, f''(0) < 0; inapplicable
    otherwise (no critical value: σ_crit needs f''(0) < 0)."""
    d1, d2 = f_derivatives_of(params)
    noise = params.get("method", METHOD.default) == "instance_noise"
    return Verdict.HOLDS if d1 != 0.0 and not (noise and not d2 < 0.0) else Verdict.INAPPLICABLE


def _square_error(N, E) -> np.ndarray:
    """Entrywise error bound of N² from that of N: ``|N|E + E|N| + E² + 2 eps |N||N|``."""
    A = np.abs(N)
    return A @ E + E @ A + E @ E + 2 * routes.EPS * (A @ A)


@claim(
    "ganeq.dirac.critical_nilpotent",
    reference="Mescheder et al. 2018, Sections 3.2-3.3 (our statement)",
    statement="At σ = σ_crit (instance noise) or γ = γ_crit (gradient penalty) with "
    "h = 1/|f'(0)|, SimGD's update Jacobian N is nilpotent: N ≠ 0 and N² = 0.",
    params=[METHOD, *F_PARAMS],
    expected=expected_nilpotent,
    sampler=METHOD_SAMPLING[0],
    strategy_fn=METHOD_SAMPLING[1],
    erratum="the paper calls convergence at the critical value with h = 1/|f'(0)| "
    "'quadratic'; the one-step Jacobian is nilpotent (N² = 0, N ≠ 0): the two-step map has "
    "zero Jacobian, one step does not.",
    derivation="mescheder2018.md#critical-nilpotency-ours",
)
def check_dirac_critical_nilpotent(method, f, a, f1, f2) -> Outcome:
    """N = I + J/|f'(0)| with J by jacfwd (quadrature for instance noise) at the critical
    value: every entry of N² is 0 and N equals [[1, −s], [s, −1]] (s = sign f'(0)), each
    within its error bound."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    d1, d2 = f_derivatives_of(fp)
    if d1 == 0.0:
        return Outcome.inapplicable(NONZERO_SLOPE, {"f1": d1})
    if method == "instance_noise" and not d2 < 0.0:
        return Outcome.inapplicable("f''(0) < 0 (a critical noise level exists)", {"f2": d2})
    hyper = ({"sigma": float(equilibrium.sigma_crit(d1, d2))} if method == "instance_noise"
             else {"gamma": float(equilibrium.gamma_crit(d1))})
    if not all(map(math.isfinite, hyper.values())):
        raise OverflowError(f"the critical value {hyper} overflows float64 at f'(0) = {d1!r}, "
                            f"f''(0) = {d2!r}")
    J = checks.autodiff_jacobian(method, fp, hyper)
    h = 1.0 / abs(d1)
    if not math.isfinite(h):
        raise OverflowError(f"h = 1/|f'(0)| overflows float64 at f'(0) = {d1!r}")
    # the critical value and h carry a few roundings of their own: ROUNDING on top of ENTRY
    rel = routes.ENTRY + routes.ROUNDING + routes.quadrature_tail(d1, d2)
    E = routes.simgd_error(J, routes.jacobian_error(J, rel), h)
    N = np.asarray(operators.simgd_jacobian(J, h))
    N2, E2 = N @ N, _square_error(N, E)
    closed = np.asarray(operators.critical_simgd_jacobian(d1))
    outcome = all_of(
        *[equals(0.0, Route(f"N²[{r},{c}]", float(N2[r, c]), float(E2[r, c])),
                 f"entry ({r},{c}) of N² is 0") for r in range(2) for c in range(2)],
        *[equals(float(closed[r, c]), Route(f"N[{r},{c}]", float(N[r, c]), float(E[r, c])),
                 f"entry ({r},{c}) of N is that of [[1, -s], [s, -1]] (so N ≠ 0)")
          for r in range(2) for c in range(2)],
        statement=f"{method} at {hyper}, h = 1/|f'(0)| = {h:.6g} (f = {describe(**fp)}): "
        f"N = [[1, -s], [s, -1]] ≠ 0 and N² = 0",
    )
    return outcome.with_witness(**hyper, N=N.tolist(), N_squared=N2.tolist())
