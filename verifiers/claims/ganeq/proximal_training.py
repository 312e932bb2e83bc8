"""Training spectra at (G*, D*) on the 1-D linear-Gaussian W2GAN (Farnia & Ozdaglar 2020,
Algorithm 1; derivations in ``docs/derivations/farnia2020.md``): simultaneous GDA, and
Algorithm 1 with T inner gradient-ascent steps. Each claim predicts convergence/instability from
a closed form and checks it against the spectral radius of the autodiff Jacobian of the training
map (:mod:`verifiers.proximal.training`); the closed-form (b, u) block must equal the autodiff
block within its rounding bound (refuted beyond). The step Jacobian is block triangular in
(s, a) and (b, u) (s sits at its clip bound, eigenvalue 0), so its spectrum is the union of
both."""

from __future__ import annotations

import numpy as np

from theory.proximal import dynamics
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.farnia2020.proximal_symbols import eta_param, sigma_param, strategy_from
from verifiers.claims.ganeq.proximal import BU, block_matches, unresolved
from verifiers.outcomes import Outcome, all_of, bound
from verifiers.params import Integer, Real
from verifiers.proximal import training

EPS = float(np.finfo(np.float64).eps)

def _radius_error(J) -> float:
    """A-priori bound on the spectral radius of a small Jacobian computed by ``eigvals``:
    ``4√eps·‖J‖`` (covers the √eps sensitivity of a defective double eigenvalue)."""
    return 4.0 * np.sqrt(EPS) * max(1.0, float(np.max(np.abs(J))))


def _compare(block, J, predicted_bu: bool, predicted_full: bool, statement: str,
             witness: dict) -> Outcome:
    """The closed-form block equals the autodiff block (rounding bound 1e3·eps·(1 + ‖J‖)),
    and each stability prediction agrees with ρ of the autodiff Jacobian: ρ < 1 where
    predicted stable, ρ > 1 where predicted unstable (error :func:`_radius_error`)."""
    J = np.asarray(J)
    rho_bu, rho = dynamics.spectral_radius(J[np.ix_(BU, BU)]), dynamics.spectral_radius(J)
    witness = {**witness, "eigenvalues": eigenvalue_pairs(np.linalg.eigvals(J)),
               "rho_bu_closed": dynamics.spectral_radius(block), "rho_bu_autodiff": rho_bu,
               "rho_full_autodiff": rho, "predicted_bu_stable": predicted_bu,
               "predicted_stable": predicted_full}
    same = block_matches(block, J, "training-map", witness)
    e = _radius_error(J)
    parts = [bound(r, 1.0, e, ("ρ < 1" if stable else "ρ > 1") + f" ({name})", upper=stable,
                   method="autodiff")
             for name, r, stable in (("(b, u) block", rho_bu, predicted_bu),
                                     ("full map", rho, predicted_full))]
    return all_of(same, *parts, statement=statement, method="closed-form+autodiff")


def _simgda_bounds(sigma, eta):
    return dynamics.simgda_critical_step(sigma, eta), eta / sigma**3


@claim("ganeq.proximal.simgda_stability",
       reference="ganeq (our result): simultaneous GDA at the W2GAN proximal equilibrium",
       statement="Simultaneous GDA with equal steps γ at (G*, D*) of the 1-D Theorem-1 W2GAN: "
                 "the (b, u) block is I + γM, M = [[−σ/(2η), −σ], [σ, 2η(σ−1)]], unstable iff "
                 "γ > γ_sim (γ_sim = 1/(2η) − 2η(σ−1)/σ when (tr M)² < 4σ, else 2/|ν_min|); the "
                 "full map converges iff γ < min(γ_sim, η/σ³). γ_sim ≤ 0 (unstable for every "
                 "γ) iff 4η²(σ−1) ≥ σ (e.g. σ = 2, η = 1).",
       params=[sigma_param(2.0, sample_low=1.1, sample_high=5.0), eta_param(1.0),
               Real("gamma", 0.02, low=0.0, high=5.0, low_open=True, sample_low=0.001,
                    sample_high=1.0, doc="step γ = γ_D = γ_G")],
       derivation="farnia2020.md#simultaneous-gda")
def check_proximal_simgda_stability(sigma, eta, gamma) -> Outcome:
    """Simultaneous GDA, equal steps γ: (b, u) block ``I + γM`` stable iff γ < γ_sim (closed
    form, :func:`dynamics.simgda_critical_step`); A-eigenvalue ``1 − 2γσ³/η`` stable iff
    γ < η/σ³; both predictions checked against ρ of the autodiff Jacobian (at the stability
    boundary ρ = 1 within its error: inconclusive)."""
    if (out := unresolved(eta)) is not None:
        return out
    g_sim, g_a = _simgda_bounds(sigma, eta)
    pred_bu = gamma < g_sim
    pred = pred_bu and gamma < g_a
    J = training.simgda_jacobian(float(sigma), float(eta), float(gamma), float(gamma), 1.0)
    return _compare(
        dynamics.simgda_block(sigma, eta, gamma, gamma), J, pred_bu, pred,
        f"simultaneous GDA (γ = {gamma:.4g}, γ_sim = {g_sim:.4g}, η/σ³ = {g_a:.4g}) is "
        + ("stable" if pred else "unstable") + " at (G*, D*)",
        {"gamma_sim": g_sim, "gamma_a": g_a, "flow_trace": dynamics.flow_trace(sigma, eta)},
    )


def _inner_expected(p) -> Verdict:
    """holds for γ_D < 2/L_inner (the inner ascent converges); inapplicable otherwise."""
    ok = p["gamma_d"] < dynamics.inner_step_bound(p["sigma"], p["eta"], p["mu"])
    return Verdict.HOLDS if ok else Verdict.INAPPLICABLE


def _sample_inner(rng):
    sigma, eta, mu = (float(rng.uniform(1.2, 4.0)), float(rng.uniform(0.3, 2.0)),
                      float(rng.uniform(0.05, 5.0)))
    return {"sigma": sigma, "eta": eta, "mu": mu,
            "gamma_d": float(rng.uniform(0.05, 1.1)) * dynamics.inner_step_bound(sigma, eta, mu),
            "gamma": float(rng.uniform(0.005, 0.03)), "T": int(rng.integers(1, 61))}


def _step(name, default, high, doc):
    return Real(name, default, low=0.0, high=high, low_open=True, sample_low=0.005,
                sample_high=0.03, doc=doc)


@claim("ganeq.proximal.algorithm1_inner_steps",
       reference="Farnia & Ozdaglar 2020, Algorithm 1 (our result on its inner steps)",
       statement="Algorithm 1 with T inner ascent steps (size γ_D < 2/L_inner) on "
                 "V − μ‖D − D_{w_k}‖² (μ = λ/2), then a G step γ, has the exact-prox (b, u) "
                 "block with α_T = α + q_b^T(1 − α), β_T = (1 − q_b^T)β (T = 1: alternating GDA "
                 "for every μ); it converges at (G*, D*) iff x_lo < q_b^T < x_hi, i.e. for "
                 "T ≥ T_c = ⌊log x_hi/log q_b⌋ + 1 when 0 < q_b and exact proximal training is "
                 "stable (σ = 2, η = 1, γ = γ_D = 0.02, μ = λ_max: T_c = 2), and for no T when "
                 "x_hi ≤ 0.",
       params=[sigma_param(2.0, sample_low=1.2, sample_high=4.0), eta_param(1.0),
               Real("mu", 0.5, low=0.0, high=100.0, low_open=True, sample_low=0.05,
                    sample_high=5.0, doc="population penalty μ = λ/2 (Algorithm 1's λ)"),
               _step("gamma_d", 0.02, 1.0, "inner ascent step γ_D"),
               _step("gamma", 0.02, 0.1, "generator step γ"),
               Integer("T", 5, low=1, high=2000, sample_low=1, sample_high=60,
                       doc="number of inner ascent steps")],
       expected=_inner_expected, sampler=_sample_inner, strategy_fn=strategy_from(_sample_inner),
       derivation="farnia2020.md#algorithm-1-with-t-inner-steps")
def check_proximal_algorithm1_inner_steps(sigma, eta, mu, gamma_d, gamma, T) -> Outcome:
    """Hypothesis γ_D < 2/L_inner (inapplicable otherwise). Algorithm 1 with T inner ascent
    steps: predicted stable iff ``x_lo < q_b^T < x_hi`` and ``|α + q_a^T(1 − α)| < 1``
    (:func:`dynamics.inner_steps_stable`), checked against ρ of the autodiff Jacobian
    (``jacfwd`` through the ``fori_loop`` of inner steps)."""
    L_bound = dynamics.inner_step_bound(sigma, eta, mu)
    if not gamma_d < L_bound:
        return Outcome.inapplicable(f"γ_D < 2/L_inner = {L_bound:.4g} (the inner ascent "
                                    "converges)")
    if (out := unresolved(eta)) is not None:
        return out
    T = int(T)
    x_lo, x_hi = dynamics.inner_steps_interval(sigma, eta, mu, gamma)
    q_b, q_a = dynamics.inner_contraction(sigma, eta, mu, gamma_d)
    pred_bu = bool(x_lo < q_b**T < x_hi)
    pred = dynamics.inner_steps_stable(sigma, eta, mu, gamma_d, gamma, T)
    T_c = dynamics.inner_steps_critical_T(sigma, eta, mu, gamma_d, gamma)
    J = training.inner_steps_jacobian(float(sigma), float(eta), float(mu), float(gamma_d),
                                      float(gamma), 1.0, T)
    return _compare(
        dynamics.inner_steps_block(sigma, eta, mu, gamma_d, gamma, T), J, pred_bu, pred,
        f"Algorithm 1 with T = {T} inner steps (T_c = {T_c:g}, q_b = {q_b:.3g}) is "
        + ("stable" if pred else "unstable") + " at (G*, D*)",
        {"T_c": T_c if np.isfinite(T_c) else None, "x_lo": x_lo, "x_hi": x_hi, "q_b": q_b,
         "q_a": q_a,
         "a_eigenvalue": dynamics.inner_steps_a_eigenvalue(sigma, eta, mu, gamma_d, T)},
    )
