"""Our own results on proximal equilibria (proximal.md §6.4–8): the exact threshold,
the slides' constant (registered as printed, refuted), no PE for k < d or in the
1-D WGAN, and GDA vs proximal training at (G*, D*)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from theory import gaussian_ot
from theory.proximal import dynamics, objective, threshold, wgan1d
from verifiers import tolerances
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.proximal_existence import check_constant
from verifiers.claims.farnia2020.proximal_symbols import (
    eta_param,
    sigma_param,
    t_param,
    with_strategies,
)
from verifiers.params import Real
from verifiers.proximal import pe, training


def _check_threshold(sigma, eta) -> Outcome:
    """λ_max = σ/(4η(σ − 1)) against bisection on the sign of the finite-difference
    u-curvature of V^prox_λ(·, D*) (Newton solves); margin = BISECTION − relative gap."""
    closed = threshold.lam_max_isotropic(sigma, eta)
    bisected = pe.bisect_threshold(sigma, eta, hi=100.0 * closed)
    rel = abs(bisected - closed) / closed
    below = pe.certified_coefficient(0.999 * closed, sigma, eta, 2)
    above = pe.witness_shift(1.05 * closed, sigma, eta, 2, 1.0)["gap"]
    margin = (
        tolerances.BISECTION - rel if below >= 0 and above < -tolerances.PE_GAP else -abs(above)
    )
    return Outcome(
        margin=margin,
        tolerance=0.0,
        method="closed-form+bisection",
        witness={
            "lam_max_closed_form": closed,
            "lam_max_bisection": bisected,
            "relative_difference": rel,
            "certified_coefficient_at_0.999": below,
            "witness_gap_at_1.05": above,
        },
        statement=f"λ_max = σ/(4η(σ−1)) = {closed:.6g}; bisection gives {bisected:.6g}",
    )


def _check_slides(sigma, eta, t) -> Outcome:
    """The slides' 1/β-PE claim, checked like Theorem 2 with λ = 1/η."""
    return check_constant(sigma, eta, t, threshold.slides_constant)


def _check_nonconvex(sigma, eta, lam, psi) -> Outcome:
    """d = 2, k = 1: D* for w = e1; G_ψ with w' at angle ψ. Upper bound on V^prox_λ(G_ψ, D*) by
    the barrier path (value + d·μ) below W* ⇒ (G*, D*) is no λ-PE, and by Corollary 1 no PE
    exists."""
    Sx = sigma**2 * np.eye(2)
    w, wp = np.array([1.0, 0.0]), np.array([np.cos(psi), np.sin(psi)])
    D_star = gaussian_ot.optimal_discriminator(eta, np.zeros(2), Sx, np.zeros(2), np.outer(w, w))
    w_star = float(gaussian_ot.ot_cost(eta, np.zeros(2), Sx, np.zeros(2), np.outer(w, w)))
    p = objective.Problem(
        jnp.zeros(2),
        jnp.asarray(Sx),
        jnp.zeros(2),
        jnp.asarray(np.outer(wp, wp)),
        jnp.asarray(D_star.A),
        jnp.asarray(D_star.b),
        jnp.asarray(eta),
        jnp.asarray(lam),
    )
    sol = objective.solve_barrier(p)
    upper = float(sol.value) + tolerances.barrier(float(objective.BARRIER_PATH[-1]), 2)
    return Outcome(
        margin=w_star - upper,
        tolerance=tolerances.PROX_NEWTON,
        method="barrier",
        witness={"W_star": w_star, "V_prox_upper_bound": upper, "psi": psi},
        statement=f"k < d: V^prox_λ(G_ψ, D*) ≤ {upper:.6g} < W* = {w_star:.6g} (no PE)",
    )


def _check_wgan1d(sigma, lam) -> Outcome:
    """V^prox_λ(G_u, D*) − W1* < 0 for some small shift u (quadrature, pointwise clipped "
    "solution)."""
    us = np.minimum(np.array([0.25, 0.5, 0.75]) * 12 * lam * (sigma - 1) / sigma**2, 0.2)
    gaps = [wgan1d.prox_gap(lam, u, sigma) for u in us]
    best = int(np.argmin(gaps))
    return Outcome(
        margin=-gaps[best],
        tolerance=tolerances.QUADRATURE,
        method="quadrature",
        witness={
            "u": float(us[best]),
            "gap": gaps[best],
            "expansion": float(wgan1d.prox_gap_expansion(lam, us[best], sigma)),
        },
        statement=f"G_u with u = {us[best]:.3g} lowers V^prox_λ(·, D*) by {-gaps[best]:.3g}: "
                  "no λ-PE",
    )


_BU = [3, 1]
"""Indices of the (b, u) block in the training state (s, u, a, b): the step's Jacobian at
(G*, D*) is block diagonal in (s, a) and (b, u), so its spectrum is the union of both."""


def _check_gda(sigma, eta, gamma) -> Outcome:
    """Plain alternating GDA with equal steps: the (b, u) block of the update Jacobian at
    (G*, D*) has spectral radius > 1 (closed form, its entries checked against the same block of
    the autodiff Jacobian); the full map is then unstable too, since its spectrum contains the
    block's."""
    block = dynamics.gda_block(sigma, eta, gamma, gamma)
    rho = dynamics.spectral_radius(block)
    J = np.asarray(training.gda_jacobian(sigma, eta, gamma, gamma, 1.0))
    disagreement = float(np.max(np.abs(block - J[np.ix_(_BU, _BU)])))
    return Outcome(
        margin=rho - 1.0,
        tolerance=tolerances.EIGEN + disagreement,
        method="closed-form+autodiff",
        witness={"eigenvalues": eigenvalue_pairs(np.linalg.eigvals(block)), "rho_closed": rho,
                 "rho_full_autodiff": dynamics.spectral_radius(J),
                 "block_disagreement": disagreement},
        statement=f"plain GDA's (b, u) block at (G*, D*) has spectral radius {rho:.6g} > 1 "
                  "(it cycles)",
    )


def _requires_gda(p):
    if 4 * p["eta"] ** 2 * (p["sigma"] - 1) / p["sigma"] < 1.5:
        raise ValueError(
            f"4 eta^2 (sigma-1)/sigma = {4 * p['eta'] ** 2 * (p['sigma'] - 1) / p['sigma']:.3g} "
            "must be >= 1.5 (GDA with equal steps is then unstable)"
        )


def _check_stable_not_pe(sigma, eta, gamma) -> Outcome:
    """Exact proximal training with μ = 4 λ_max: ρ(J) < 1 (closed form: the larger of the (b, u)
    block's radius and the A-eigenvalue; checked against the full autodiff Jacobian) although
    (G*, D*) is not a μ-PE (certified coefficient < 0): stability does not certify a PE."""
    mu = 4.0 * threshold.lam_max_isotropic(sigma, eta)
    rho = max(dynamics.spectral_radius(dynamics.prox_block(sigma, eta, mu, gamma)),
              abs(dynamics.prox_a_eigenvalue(sigma, eta, mu)))
    rho_auto = dynamics.spectral_radius(
        np.asarray(training.prox_jacobian(sigma, eta, mu, gamma, 1.0))
    )
    coef = pe.certified_coefficient(mu, sigma, eta, 2)
    return Outcome(
        margin=min(1.0 - rho, -coef),
        tolerance=tolerances.EIGEN + abs(rho - rho_auto),
        method="closed-form+autodiff",
        witness={
            "mu": mu,
            "rho_closed": rho,
            "rho_autodiff": rho_auto,
            "certified_coefficient": coef,
        },
        statement=f"proximal training with μ = {mu:.4g} is stable (ρ = {rho:.6g}) but (G*, "
                  "D*) is no μ-PE",
    )


def _requires_small_step(p):
    if p["gamma"] * 8 * p["eta"] >= 0.9:
        raise ValueError(f"gamma={p['gamma']} must be < 0.9/(8 eta) = {0.9 / (8 * p['eta']):.4g}")


_gamma = Real(
    "gamma",
    0.02,
    low=0.0,
    high=0.1,
    low_open=True,
    sample_low=0.005,
    sample_high=0.03,
    doc="step size γ (γ_D = γ_G)",
)
_lam = Real(
    "lam",
    0.1,
    low=0.0,
    high=100.0,
    low_open=True,
    sample_low=0.05,
    sample_high=5.0,
    doc="proximal weight λ",
)

CLAIMS = [
    Claim(
        id="ganeq.proximal.threshold",
        reference="proximal.md §6.4 (our result)",
        statement="In the Theorem-1 W2GAN game (k ≥ d), (G*, D*) is a λ-PE iff λ ≤ σ/(4η(σ − 1)).",
        params=[sigma_param(2.0), eta_param(0.5)],
        checker=_check_threshold,
    ),
    Claim(
        id="ganeq.proximal.slides_constant",
        reference="Farnia & Ozdaglar, ICML 2020 slides, W2GAN theorem",
        statement="As printed on the slides: the W2GAN with cost β‖x − y‖² has a "
                  "1/β-proximal equilibrium "
        "at the W2-optimal generator.",
        params=[sigma_param(2.0, low=4.0 / 3.0, sample_low=1.5), eta_param(0.5), t_param()],
        checker=_check_slides,
        expected=Verdict.REFUTED,
        erratum="W2 = (1/(4β)) E‖∇D‖², not (1/β) E‖∇D‖²; the constant is 1/(4β) (paper's "
                "Theorem 2). "
        "1/β exceeds λ_max = σ/(4β(σ−1)) for every σ > 4/3.",
    ),
    Claim(
        id="ganeq.proximal.nonconvex_k_lt_d",
        reference="proximal.md §6.5 (our result)",
        statement="With k < d (d = 2, k = 1) {D^θ} is not convex and (G*, D*) is not a λ-PE "
                  "for any λ > 0.",
        params=[
            sigma_param(2.0),
            eta_param(0.5),
            _lam,
            Real(
                "psi", 0.3, low=0.0, high=np.pi / 2, low_open=True, sample_low=0.1, sample_high=1.2
            ),
        ],
        checker=_check_nonconvex,
    ),
    Claim(
        id="ganeq.proximal.wgan1d_no_pe",
        reference="proximal.md §7 (our result)",
        statement="In the 1-D WGAN game of Theorem 1, (G*, D*) is not a λ-PE for any λ > 0 "
                  "(Sobolev norm).",
        params=[sigma_param(2.0, sample_high=4.0), _lam],
        checker=_check_wgan1d,
    ),
    Claim(
        id="ganeq.proximal.gda_cycles",
        reference="proximal.md §8 (our result)",
        statement="Plain alternating GDA with equal steps is locally unstable at (G*, D*) when "
        "4η²(σ − 1)/σ > 1 (it cycles; e.g. η = 1, σ = 2).",
        params=[sigma_param(2.0), eta_param(1.0), _gamma],
        checker=_check_gda,
        requires=_requires_gda,
        sampler=lambda rng: {
            "sigma": float(rng.uniform(2.0, 5.0)),
            "eta": float(rng.uniform(1.0, 2.0)),
            "gamma": float(rng.uniform(0.005, 0.02)),
        },
    ),
    Claim(
        id="ganeq.proximal.stable_not_pe",
        reference="proximal.md §8 (our result)",
        statement="Exact proximal training with μ = 4λ_max converges locally to (G*, D*) "
                  "although it is "
        "not a μ-PE: stability of proximal training does not certify a PE.",
        params=[sigma_param(2.0), eta_param(0.5), _gamma],
        checker=_check_stable_not_pe,
        requires=_requires_small_step,
        sampler=lambda rng: {
            "sigma": float(rng.uniform(1.5, 5.0)),
            "eta": float(rng.uniform(0.3, 2.0)),
            "gamma": float(rng.uniform(0.005, 0.03)),
        },
    ),
]
CLAIMS = with_strategies(CLAIMS)
