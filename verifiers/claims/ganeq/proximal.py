"""Our own results on proximal equilibria in the games of Farnia & Ozdaglar 2020: the exact
threshold, the slides' constant (registered as printed), no PE for k < d or in the 1-D WGAN,
and GDA vs proximal training at (G*, D*). Derivations in
``docs/derivations/farnia2020.md``."""

from __future__ import annotations

import math

import numpy as np

from theory import gaussian_ot
from theory.proximal import dynamics, objective, threshold, wgan1d
from verifiers import tolerances
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.farnia2020.proximal_symbols import (
    eta_param,
    kappa_at,
    lam_param,
    sigma_param,
    t_param,
)
from verifiers.outcomes import Outcome, Route, all_of, bound, equals, positive
from verifiers.params import Real
from verifiers.proximal import pe, training

EPS = float(np.finfo(np.float64).eps)


@claim("ganeq.proximal.threshold",
       reference="ganeq (our result): exact proximal threshold of the Theorem-1 W2GAN game",
       statement="In the Theorem-1 W2GAN game (k ≥ d), (G*, D*) is a λ-proximal equilibrium iff "
                 "λ ≤ λ_max = σ/(4η(σ − 1)).",
       params=[sigma_param(2.0), eta_param(0.5)],
       derivation="farnia2020.md#the-exact-threshold")
def check_proximal_threshold(sigma, eta) -> Outcome:
    """The closed form λ_max·η against a certified bisection bracket of the sign change of the
    autodiff u-curvature of V^prox_κ(G_u, D*) (units η = 1, κ = λη; no closed form used):
    error bound = half the bracket width. An unresolved bracket (curvature within its rounding
    bound over a relative width > 1e-6, as for σ → 1⁺) is inconclusive."""
    claimed = kappa_at(lambda e: threshold.lam_max_isotropic(sigma, e), eta)
    lo, hi, resolved = pe.threshold_bracket(sigma)
    witness = {"lam_max_closed_form": claimed / eta, "bracket_kappa": [lo, hi],
               "lam_max_bisection": 0.5 * (lo + hi) / eta}
    if not resolved or hi - lo > 1e-6 * hi:
        return Outcome(margin=float("nan"), tolerance=0.0, witness=witness, method="bisection",
                       verdict=Verdict.INCONCLUSIVE,
                       statement=f"bisection unresolved: κ_max ∈ [{lo:.6g}, {hi:.6g}]")
    route = Route("certified bisection of the autodiff curvature", 0.5 * (lo + hi),
                  0.5 * (hi - lo) + 8.0 * EPS * hi)
    return equals(claimed, route, f"λ_max = σ/(4η(σ−1)) = {claimed / eta:.9g} (λ_max·η = "
                                  f"{claimed:.9g})",
                  witness=witness, method="closed-form+bisection")


def _slides_expected(p) -> Verdict:
    """holds for σ ≤ 4/3 (1/η ≤ λ_max); refuted for σ > 4/3."""
    return Verdict.HOLDS if 3.0 * p["sigma"] <= 4.0 else Verdict.REFUTED


@claim("ganeq.proximal.slides_constant",
       reference="Farnia & Ozdaglar, ICML 2020 talk slides, W2GAN proximal-equilibrium theorem",
       statement="As printed on the slides: the W2GAN with cost β‖x − y‖² has a 1/β-proximal "
                 "equilibrium at the W2-optimal generator (checked in the Theorem-1 game).",
       params=[sigma_param(2.0, sample_low=1.05, sample_high=3.0, thresholds=(4.0 / 3.0,)),
               eta_param(0.5), t_param()],
       expected=_slides_expected,
       erratum="W2 = (1/(4β)) E‖∇D‖², not (1/β) E‖∇D‖²: the constant is 1/(4β) (paper's "
               "Theorem 2). 1/β exceeds λ_max = σ/(4β(σ − 1)) exactly when σ > 4/3.",
       derivation="farnia2020.md#the-slides-constant")
def check_proximal_slides_constant(sigma, eta, t) -> Outcome:
    """As Theorem 2, with λ = :func:`threshold.slides_constant` (κ = λη = 1)."""
    return pe.is_pe(kappa_at(threshold.slides_constant, eta), sigma, t)


@claim("ganeq.proximal.nonconvex_k_lt_d",
       reference="ganeq (our result): Theorem 2 without convexity (k < d)",
       statement="With k < d (d = 2, k = 1) {D^θ} is not convex and the W2-optimal (G*, D*) is "
                 "not a λ-proximal equilibrium for any λ > 0: V^prox_λ(G_ψ, D*) < W* for the "
                 "optimal generator rotated by ψ.",
       params=[sigma_param(2.0), eta_param(0.5), lam_param(0.1),
               Real("psi", 0.3, low=0.0, high=np.pi / 2, low_open=True, sample_low=0.1,
                    sample_high=1.2, doc="rotation angle ψ of the deviating generator")],
       derivation="farnia2020.md#no-pe-for-k--d")
def check_proximal_nonconvex_k_lt_d(sigma, eta, lam, psi) -> Outcome:
    """Units η = 1. D* for w = e1; G_ψ with w' at angle ψ. The barrier path gives F(A_μ) ≤
    V^prox ≤ F(A_μ) + d·μ (duality gap) up to the Newton error and the rounding of F at a
    nearly singular M (:func:`objective.value_rounding`); margin W* − F(A_μ)."""
    Sx = sigma**2 * np.eye(2)
    w, wp = np.array([1.0, 0.0]), np.array([np.cos(psi), np.sin(psi)])
    D_star = gaussian_ot.optimal_discriminator(1.0, np.zeros(2), Sx, np.zeros(2), np.outer(w, w))
    w_star = float(gaussian_ot.ot_cost(1.0, np.zeros(2), Sx, np.zeros(2), np.outer(w, w)))
    p = objective.problem(np.zeros(2), Sx, np.zeros(2), np.outer(wp, wp), D_star.A, D_star.b,
                          1.0, lam * eta)
    sol = objective.solve_barrier(p)
    value = float(sol.value)
    err = (tolerances.barrier(float(objective.BARRIER_PATH[-1]), 2)
           + objective.value_rounding(sol.A, p) + 512 * EPS * sigma**2)
    if not np.isfinite(value):
        return Outcome(margin=float("nan"), tolerance=0.0, method="barrier",
                       verdict=Verdict.INCONCLUSIVE, statement="the barrier solve failed")
    return bound(value, w_star, err, method="barrier",
                 witness={"W_star": w_star, "V_prox_upper_bound": value + err, "psi": psi},
                 statement=f"k < d: V^prox_λ(G_ψ, D*) ≤ {value:.9g} (±{err:.2g}) < W* = "
                           f"{w_star:.9g} (no PE)")


@claim("ganeq.proximal.wgan1d_no_pe",
       reference="ganeq (our result): Theorem 3's setting without its hypothesis",
       statement="In the 1-D WGAN game of Theorem 1, (G*, D*) is not a λ-proximal equilibrium "
                 "for any λ > 0 (Sobolev semi-norm): a small shift G_u = N(u, 1) has "
                 "V^prox_λ(G_u, D*) < W1*.",
       params=[sigma_param(2.0, sample_high=4.0), lam_param(0.1)],
       derivation="farnia2020.md#no-pe-in-the-1-d-wgan")
def check_proximal_wgan1d_no_pe(sigma, lam) -> Outcome:
    """``V^prox_λ(G_u, D*) − W1*`` (quadrature of the pointwise supremum minus the closed
    form W1* = (σ − 1)√(2/π)) at shifts u ∝ 12λ(σ − 1)/σ² (≤ 0.2), where the expansion
    −φ(0)u² + O(u³/λ) is negative; margin: minus the most negative gap."""
    us = np.minimum(np.array([0.25, 0.5, 0.75]) * 12 * lam * (sigma - 1) / sigma**2, 0.2)
    if not us[0] > 0.0:
        return Outcome(margin=float("nan"), tolerance=0.0, method="quadrature",
                       verdict=Verdict.INCONCLUSIVE, witness={"u": us.tolist()},
                       statement=f"the shifts u ∝ 12λ(σ − 1)/σ² underflow float64 (λ = {lam:.3g}, "
                                 f"σ − 1 = {sigma - 1:.3g}): no deviation G_u ≠ G* to try")
    w1 = float(wgan1d.w1_star(sigma))
    routes = []
    for u in us:
        value, err = wgan1d.prox_value(lam, u, sigma)
        routes.append(Route("quadrature", value - w1, err + 64 * EPS * sigma))
    best = min(routes, key=lambda r: r.value + r.error)
    i = routes.index(best)
    return positive(-best.value, best.error, method="quadrature",
                    witness={"u": float(us[i]), "gap": best.value,
                             "expansion": float(wgan1d.prox_gap_expansion(lam, us[i], sigma))},
                    statement=f"G_u with u = {us[i]:.3g} lowers V^prox_λ(·, D*) below W1* by "
                              f"{-best.value:.3g}: no λ-PE")


# --- GDA vs proximal training at (G*, D*) --------------------------------------------------------

BU = [3, 1]
"""Indices of the (b, u) block in the training state (s, u, a, b)."""

ETA_RESOLVED = (1e-4, 1e4)
"""η range where the training maps are evaluated (autodiff through Newton at O(1) scales);
outside it the training claims answer ``inconclusive`` (the dynamics are not scale-free)."""


def unresolved(eta) -> Outcome | None:
    """``inconclusive`` outside :data:`ETA_RESOLVED`, else ``None``."""
    if ETA_RESOLVED[0] <= eta <= ETA_RESOLVED[1]:
        return None
    return Outcome(margin=float("nan"), tolerance=0.0, method="autodiff",
                   verdict=Verdict.INCONCLUSIVE,
                   statement=f"η = {eta:g} outside the resolved range {ETA_RESOLVED}")


def block_matches(block, J, what: str, witness: dict | None = None) -> Outcome:
    """The closed-form (b, u) block against the same block of the autodiff Jacobian: equal
    within the rounding bound 1e3·eps·(1 + ‖J‖_max) — autodiff forms every entry from the
    whole training map, whose other modes (the A-mode, of size ~σ²) set the rounding scale."""
    auto = np.asarray(J)[np.ix_(BU, BU)]
    diff = float(np.max(np.abs(np.asarray(block) - auto)))
    err = 1e3 * EPS * (1.0 + float(np.max(np.abs(np.asarray(J)))))
    return equals(0.0, Route("max entrywise |closed-form − autodiff Jacobian| of the block",
                             diff, err),
                  f"closed-form {what} (b, u) block = autodiff block",
                  witness={**(witness or {}), "block_closed": np.asarray(block),
                           "block_autodiff": auto, "block_disagreement": diff})


def _gamma_c(sigma, eta) -> float:
    """``γ_c = (4η²(σ − 1) − σ)/(2ησ(σ − 1))``: GDA's (b, u) block has det > 1 iff γ < γ_c.
    The denominator is > 0 but underflows to 0 for a tiny η with σ near 1 (η = 5e-324,
    σ = 1 + 2⁻⁵²); the numerator is then −σ to working precision, and γ_c = −∞."""
    numerator = 4.0 * eta**2 * (sigma - 1.0) - sigma
    denominator = 2.0 * eta * sigma * (sigma - 1.0)
    return numerator / denominator if denominator > 0.0 else math.copysign(math.inf, numerator)


def _gda_expected(p) -> Verdict:
    """holds for 4η²(σ − 1) > σ and γ < γ_c = (4η²(σ−1) − σ)/(2ησ(σ−1)); inapplicable
    otherwise."""
    return Verdict.HOLDS if p["gamma"] < _gamma_c(p["sigma"], p["eta"]) else Verdict.INAPPLICABLE


_gamma = Real("gamma", 0.02, low=0.0, high=0.1, low_open=True, sample_low=0.005,
              sample_high=0.1, doc="step size γ (γ_D = γ_G)")


@claim("ganeq.proximal.gda_cycles",
       reference="ganeq (our result): plain GDA at the W2GAN proximal equilibrium",
       statement="Plain alternating GDA with equal steps γ is locally unstable at (G*, D*) of "
                 "the 1-D Theorem-1 W2GAN when 4η²(σ − 1) > σ and γ < (4η²(σ − 1) − σ)/"
                 "(2ησ(σ − 1)): its (b, u) block has determinant "
                 "(1 − γσ/(2η))(1 + 2γη(σ − 1)) > 1 (e.g. η = 1, σ = 2).",
       params=[sigma_param(2.0), eta_param(1.0), _gamma],
       expected=_gda_expected,
       derivation="farnia2020.md#gda-cycles")
def check_proximal_gda_cycles(sigma, eta, gamma) -> Outcome:
    """Hypothesis γ < γ_c (inapplicable otherwise); the closed-form block equals the autodiff
    block, and its determinant (autodiff) exceeds 1, so ρ ≥ √det > 1."""
    if not gamma < _gamma_c(sigma, eta):
        return Outcome.inapplicable(f"4η²(σ − 1) > σ and γ < γ_c = {_gamma_c(sigma, eta):.4g}")
    if (out := unresolved(eta)) is not None:
        return out
    block = dynamics.gda_block(sigma, eta, gamma, gamma)
    J = np.asarray(training.gda_jacobian(sigma, eta, gamma, gamma, 1.0))
    det = float(np.linalg.det(J[np.ix_(BU, BU)]))
    unstable = positive(det - 1.0, 1e3 * EPS * (1.0 + abs(det)),
                        f"det of GDA's (b, u) block = {det:.9g} > 1: unstable (cycles)",
                        witness={"eigenvalues": eigenvalue_pairs(np.linalg.eigvals(J)),
                                 "rho_autodiff": dynamics.spectral_radius(J)},
                        method="autodiff")
    return all_of(block_matches(block, J, "GDA"), unstable)


def _stable_hypothesis(sigma, eta, gamma) -> bool:
    """Exact proximal training with μ = 4λ_max (ημ = σ/(σ − 1)): the closed-form (b, u) block
    ``[[α, −β], [γσα, c − γσβ]]`` (α = 4/(σ + 3), β = 2ησ/(σ + 4ημ), c = 1 + 2γη(σ − 1))
    satisfies Jury's conditions iff ``det = αc < 1``, i.e. ``γ < 1/(8η)``: the other two
    always hold for γ > 0 (``1 − tr + det = 2γησ/(σ + 4ημ) > 0``; ``1 + tr + det = (1 + α)(1 +
    c) − γσβ > 2 − 2γη > 7/4``; farnia2020.md, "Stable but not a PE")."""
    return 8.0 * gamma * eta < 1.0


def _stable_expected(p) -> Verdict:
    """holds where the closed-form block of proximal training with μ = 4λ_max satisfies
    Jury's conditions (γ < 1/(8η)); inapplicable otherwise."""
    ok = _stable_hypothesis(p["sigma"], p["eta"], p["gamma"])
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


@claim("ganeq.proximal.stable_not_pe",
       reference="ganeq (our result): stability of proximal training does not certify a PE",
       statement="Exact proximal training with μ = 4λ_max (small steps γ < 1/(8η)) converges "
                 "locally to (G*, D*) although (G*, D*) is not a μ-proximal equilibrium.",
       params=[sigma_param(2.0), eta_param(0.5), _gamma],
       expected=_stable_expected,
       derivation="farnia2020.md#stable-but-not-a-pe")
def check_proximal_stable_not_pe(sigma, eta, gamma) -> Outcome:
    """The closed-form block equals the autodiff block; ρ of the full autodiff Jacobian < 1
    (error bound √eps·‖J‖, defective eigenvalues included); and (G*, D*) is not a μ-PE
    (:func:`pe.is_pe` refuted at κ = μη)."""
    if not _stable_hypothesis(sigma, eta, gamma):
        return Outcome.inapplicable("Jury's conditions for the closed-form block (γ < 1/(8η))")
    if (out := unresolved(eta)) is not None:
        return out
    mu = 4.0 * threshold.lam_max_isotropic(sigma, eta)
    J = np.asarray(training.prox_jacobian(sigma, eta, mu, gamma, 1.0))
    rho = dynamics.spectral_radius(J)
    stable = bound(rho, 1.0, 4.0 * np.sqrt(EPS) * max(1.0, float(np.max(np.abs(J)))),
                   f"proximal training with μ = {mu:.4g} is stable (ρ = {rho:.9g})",
                   method="autodiff")
    not_pe = pe.is_pe(mu * eta, sigma, 1.0)
    flipped = Outcome(margin=-not_pe.margin, tolerance=not_pe.tolerance, witness=not_pe.witness,
                      method=not_pe.method, statement="(G*, D*) is not a μ-PE",
                      verdict={Verdict.HOLDS: Verdict.REFUTED, Verdict.REFUTED: Verdict.HOLDS}.get(
                          not_pe.final_verdict(), Verdict.INCONCLUSIVE))
    return all_of(block_matches(dynamics.prox_block(sigma, eta, mu, gamma), J, "proximal"),
                  stable, flipped)
