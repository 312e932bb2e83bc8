"""The talk slides' stability observation (Farnia & Ozdaglar, ICML 2020 slides, "Proximal
Training via Optimizing the Proximal Objective"), registered as printed and decided on the
1-D Theorem-1 W2GAN against the spectra of Algorithm 1 with T inner ascent steps, the
alternating gradient methods for ``min_G max_D V^prox_λ(G, D)`` that proximal training runs
(T = 1 is alternating GDA, T → ∞ exact proximal training); derivation in
``docs/derivations/farnia2020.md#the-slides-stability-observation``.
"""

from __future__ import annotations

import numpy as np

from theory.proximal import dynamics
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.farnia2020.proximal_symbols import (
    eta_param,
    lam_max,
    sigma_param,
    strategy_from,
    within_threshold,
)
from verifiers.claims.ganeq.proximal import unresolved
from verifiers.outcomes import Outcome, Route, all_of, bound, equals
from verifiers.params import Integer, Real
from verifiers.proximal import training

EPS = float(np.finfo(np.float64).eps)


def _small_steps(sigma, eta, lam, gamma_d, gamma) -> str | None:
    """The steps are "small": the inner ascent converges (γ_D < 2/L_inner) and the G step keeps
    the T → ∞ method (exact proximal training) stable (x_lo < 0 < x_hi). The unmet part, or
    None."""
    if not gamma_d < dynamics.inner_step_bound(sigma, eta, lam):
        return (f"small inner steps: γ_D < 2/L_inner = "
                f"{dynamics.inner_step_bound(sigma, eta, lam):.4g}")
    x_lo, x_hi = dynamics.inner_steps_interval(sigma, eta, lam, gamma)
    if not x_lo < 0.0 < x_hi:
        return "a small G step: exact proximal training (T → ∞) stable at (G*, D*)"
    return None


def _expected(p) -> Verdict:
    """inapplicable unless (G*, D*) is a λ-PE (λ ≤ λ_max = σ/(4η(σ − 1))) and the steps are
    small (γ_D < 2/L_inner; exact proximal training stable); then holds iff Algorithm 1 with
    T inner steps is stable at (G*, D*), i.e. x_lo < q_b^T < x_hi (threshold
    T_c = ⌊log x_hi/log q_b⌋ + 1 for 0 < q_b < 1: holds for T ≥ T_c, refuted for T < T_c,
    T = 1 being alternating GDA)."""
    args = (p["sigma"], p["eta"], p["lam"], p["gamma_d"], p["gamma"])
    if not within_threshold(p["lam"], p["sigma"], p["eta"]) or _small_steps(*args):
        return Verdict.INAPPLICABLE
    stable = dynamics.inner_steps_stable(*args, int(p["T"]))
    return Verdict.HOLDS if stable else Verdict.REFUTED


def _sample(rng):
    """σ, η in their boxes; λ = r·λ_max (r ∈ [0.05, 1.1]: 1 in 20 above λ_max); steps a
    fraction of their bounds; T from 1 to 2T_c (both sides of the threshold)."""
    sigma, eta = float(rng.uniform(1.2, 4.0)), float(rng.uniform(0.3, 2.0))
    lam = float(rng.uniform(0.05, 1.1)) * lam_max(sigma, eta)
    gamma_d = float(rng.uniform(0.05, 0.9)) * dynamics.inner_step_bound(sigma, eta, lam)
    gamma = float(rng.uniform(0.002, 0.1))
    T_c = dynamics.inner_steps_critical_T(sigma, eta, lam, gamma_d, gamma)
    top = int(min(2 * T_c, 200)) if np.isfinite(T_c) else 60
    return {"sigma": sigma, "eta": eta, "lam": lam, "gamma_d": gamma_d, "gamma": gamma,
            "T": int(rng.integers(1, max(top, 2) + 1))}


def _closed_form_radius(sigma, eta, lam, gamma_d, gamma, T) -> float:
    """ρ of the training map at (G*, D*) from the closed forms: the (b, u) block, the
    A-eigenvalue α + q_a^T(1 − α), and 0 (s at its clip bound)."""
    block = dynamics.inner_steps_block(sigma, eta, lam, gamma_d, gamma, T)
    return max(dynamics.spectral_radius(block),
               abs(dynamics.inner_steps_a_eigenvalue(sigma, eta, lam, gamma_d, T)))


@claim("farnia2020.slides.stability",
       reference="Farnia & Ozdaglar, ICML 2020 talk slides, \"Proximal Training via Optimizing "
                 "the Proximal Objective\"",
       statement="Observation: λ-Proximal equilibria are stable limit points of every "
                 "alternating gradient method in solving: min_{G ∈ 𝒢} max_{D ∈ 𝒟} "
                 "V^prox_λ(G, D). Checked at the λ-PE (G*, D*) of the 1-D Theorem-1 W2GAN for "
                 "Algorithm 1 with T inner ascent steps on V − λ‖D − D_k‖² and small steps.",
       params=[sigma_param(2.0, sample_low=1.2, sample_high=4.0), eta_param(1.0),
               Real("lam", 0.25, low=0.0, high=100.0, low_open=True, sample_low=0.05,
                    sample_high=2.0, doc="proximal weight λ (the population penalty)"),
               Real("gamma_d", 0.02, low=0.0, high=1.0, low_open=True, sample_low=0.005,
                    sample_high=0.05, doc="inner ascent step γ_D"),
               Real("gamma", 0.02, low=0.0, high=0.1, low_open=True, sample_low=0.002,
                    sample_high=0.1, doc="generator step γ"),
               Integer("T", 1, low=1, high=2000, sample_low=1, sample_high=60,
                       doc="inner ascent steps per G step (1: alternating GDA)")],
       expected=_expected, sampler=_sample, strategy_fn=strategy_from(_sample),
       erratum="Not for every alternating method: with T < T_c inner steps (T = 1: "
               "alternating GDA) the λ-PE (G*, D*) is an unstable fixed point for small steps "
               "(σ = 2, η = 1, λ = 1/4, γ = γ_D = 0.02: T_c = 2).",
       derivation="farnia2020.md#the-slides-stability-observation")
def check_slides_stability(sigma, eta, lam, gamma_d, gamma, T) -> Outcome:
    """Hypotheses: (G*, D*) a λ-PE (λη ≤ σ/(4(σ − 1))), small steps (:func:`_small_steps`).
    Conclusion: ρ < 1 for the training map at (G*, D*): ρ of the autodiff Jacobian through the
    inner loop (error ``4√eps·max(1, ‖J‖)``), which must equal the closed-form radius within
    twice that; ρ > 1 beyond its error refutes the observation."""
    if not within_threshold(lam, sigma, eta):
        return Outcome.inapplicable(f"(G*, D*) is a λ-PE: λ ≤ λ_max = "
                                    f"{lam_max(sigma, eta):.6g}")
    if (unmet := _small_steps(sigma, eta, lam, gamma_d, gamma)) is not None:
        return Outcome.inapplicable(unmet)
    if (out := unresolved(eta)) is not None:
        return out
    T = int(T)
    J = np.asarray(training.inner_steps_jacobian(float(sigma), float(eta), float(lam),
                                                 float(gamma_d), float(gamma), 1.0, T))
    err = 4.0 * np.sqrt(EPS) * max(1.0, float(np.max(np.abs(J))))
    auto = Route("ρ of the autodiff Jacobian", dynamics.spectral_radius(J), err)
    closed = _closed_form_radius(sigma, eta, lam, gamma_d, gamma, T)
    T_c = dynamics.inner_steps_critical_T(sigma, eta, lam, gamma_d, gamma)
    witness = {"rho_closed": closed, "rho_autodiff": auto.value,
               "eigenvalues": eigenvalue_pairs(np.linalg.eigvals(J)),
               "T_c": T_c if np.isfinite(T_c) else None, "lam_max": lam_max(sigma, eta)}
    return all_of(
        equals(closed, Route(auto.name, auto.value, 2.0 * err),
               "closed-form ρ (block and A-eigenvalue) = ρ of the autodiff Jacobian",
               witness=witness),
        bound(auto.value, 1.0, auto.error,
              f"(G*, D*) (a {lam:g}-PE) is a stable fixed point of Algorithm 1 with T = {T} "
              f"inner steps: ρ = {auto.value:.9g} < 1 (T_c = {T_c:g})", method="autodiff"),
        method="closed-form+autodiff")
