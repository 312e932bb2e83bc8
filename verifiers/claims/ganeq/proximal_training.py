"""Training spectra at (G*, D*) on the 1-D linear-Gaussian W2GAN (proximal.md §8; Farnia &
Ozdaglar 2020, Algorithm 1): simultaneous GDA, and Algorithm 1 with T inner gradient-ascent
steps. Each claim predicts convergence/instability from a closed form and checks it against the
spectral radius of the autodiff Jacobian of the training map (:mod:`verifiers.proximal.training`);
the closed-form (b, u) block is held against the autodiff block (refuted beyond
``TRAINING_BLOCK``). The step Jacobian is block triangular in (s, a) and (b, u) (s sits at its
clip bound, eigenvalue 0), so its spectrum is the union of both."""

from __future__ import annotations

import numpy as np

from theory.proximal import dynamics
from verifiers import tolerances
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.proximal_symbols import eta_param, sigma_param, with_strategies
from verifiers.params import Integer, Real
from verifiers.proximal import training

_BU = [3, 1]
"""Indices of the (b, u) block in the training state z = (s, u, a, b)."""


def _signed(stable_predicted: bool, rho: float) -> float:
    """Margin of a stability prediction: ``1 − ρ`` if predicted stable, ``ρ − 1`` if not."""
    return (1.0 - rho) if stable_predicted else (rho - 1.0)


def _compare(block, J, predicted_bu: bool, predicted_full: bool, method: str, statement: str,
             witness: dict) -> Outcome:
    """Refute if the closed-form block misses the autodiff block by more than TRAINING_BLOCK;
    else margin = the smaller signed distance of ρ(bu block), ρ(full J) from 1."""
    J = np.asarray(J)
    gap = float(np.max(np.abs(block - J[np.ix_(_BU, _BU)])))
    rho_bu = dynamics.spectral_radius(J[np.ix_(_BU, _BU)])
    rho = dynamics.spectral_radius(J)
    witness = {**witness, "eigenvalues": eigenvalue_pairs(np.linalg.eigvals(J)),
               "rho_bu_closed": dynamics.spectral_radius(block), "rho_bu_autodiff": rho_bu,
               "rho_full_autodiff": rho, "block_disagreement": gap,
               "predicted_bu_stable": predicted_bu, "predicted_stable": predicted_full}
    if gap > tolerances.TRAINING_BLOCK:
        return Outcome(margin=-gap, tolerance=tolerances.TRAINING_BLOCK, method=method,
                       witness=witness, statement=f"closed-form block off by {gap:.3g}")
    margin = min(_signed(predicted_bu, rho_bu), _signed(predicted_full, rho))
    return Outcome(margin=margin, tolerance=tolerances.EIGEN + gap, method=method,
                   witness=witness, statement=statement)


def _simgda_bounds(sigma, eta):
    return dynamics.simgda_critical_step(sigma, eta), eta / sigma**3


def _check_simgda(sigma, eta, gamma) -> Outcome:
    """Simultaneous GDA, equal steps γ: (b, u) block ``I + γM`` stable iff γ < γ_sim (closed
    form, :func:`dynamics.simgda_critical_step`); A-eigenvalue ``1 − 2γσ³/η`` stable iff
    γ < η/σ³; both predictions checked against ρ of the autodiff Jacobian."""
    g_sim, g_a = _simgda_bounds(sigma, eta)
    pred_bu = gamma < g_sim
    pred = pred_bu and gamma < g_a
    J = training.simgda_jacobian(float(sigma), float(eta), float(gamma), float(gamma), 1.0)
    return _compare(
        dynamics.simgda_block(sigma, eta, gamma, gamma), J, pred_bu, pred, "closed-form+autodiff",
        f"simultaneous GDA (γ = {gamma:.4g}, γ_sim = {g_sim:.4g}, η/σ³ = {g_a:.4g}) is "
        + ("stable" if pred else "unstable") + " at (G*, D*)",
        {"gamma_sim": g_sim, "gamma_a": g_a, "flow_trace": dynamics.flow_trace(sigma, eta)},
    )


def _requires_simgda(p):
    for name, bound in zip(("gamma_sim", "eta/sigma^3"), _simgda_bounds(p["sigma"], p["eta"]),
                           strict=True):
        if bound > 0 and abs(p["gamma"] / bound - 1.0) < 0.1:
            raise ValueError(f"gamma={p['gamma']} must be outside ±10% of {name} = {bound:.4g} "
                             "(the stability boundary)")


def _sample_simgda(rng):
    sigma, eta = float(rng.uniform(1.1, 5.0)), float(rng.uniform(0.3, 2.0))
    while True:
        p = {"sigma": sigma, "eta": eta, "gamma": float(np.exp(rng.uniform(np.log(1e-3), 0.0)))}
        try:
            _requires_simgda(p)
            return p
        except ValueError:
            continue


def _check_inner(sigma, eta, mu, gamma_d, gamma, T) -> Outcome:
    """Algorithm 1 with T inner ascent steps: predicted stable iff ``x_lo < q_b^T < x_hi`` and
    ``|α + q_a^T(1 − α)| < 1`` (:func:`dynamics.inner_steps_stable`), checked against ρ of the
    autodiff Jacobian (``jacfwd`` through the ``fori_loop`` of inner steps)."""
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
        "closed-form+autodiff",
        f"Algorithm 1 with T = {T} inner steps (T_c = {T_c:g}, q_b = {q_b:.3g}) is "
        + ("stable" if pred else "unstable") + " at (G*, D*)",
        {"T_c": T_c if np.isfinite(T_c) else None, "x_lo": x_lo, "x_hi": x_hi, "q_b": q_b,
         "q_a": q_a,
         "a_eigenvalue": dynamics.inner_steps_a_eigenvalue(sigma, eta, mu, gamma_d, T)},
    )


def _requires_inner(p):
    bound = dynamics.inner_step_bound(p["sigma"], p["eta"], p["mu"])
    if p["gamma_d"] >= bound:
        raise ValueError(f"gamma_d={p['gamma_d']} must be < 2/L_inner = {bound:.4g} (the inner "
                         "ascent diverges otherwise)")


def _sample_inner(rng):
    sigma, eta, mu = (float(rng.uniform(1.2, 4.0)), float(rng.uniform(0.3, 2.0)),
                      float(rng.uniform(0.05, 5.0)))
    return {"sigma": sigma, "eta": eta, "mu": mu,
            "gamma_d": float(rng.uniform(0.05, 0.9)) * dynamics.inner_step_bound(sigma, eta, mu),
            "gamma": float(rng.uniform(0.005, 0.03)), "T": int(rng.integers(1, 61))}


def _step(name, default, high, doc):
    return Real(name, default, low=0.0, high=high, low_open=True, sample_low=0.005,
                 sample_high=0.03, doc=doc)


CLAIMS = with_strategies([
    Claim(
        id="ganeq.proximal.simgda_stability",
        reference="proximal.md §8 (our result)",
        statement="Simultaneous GDA with equal steps γ at (G*, D*): the (b, u) block is I + γM, "
        "M = [[−σ/(2η), −σ], [σ, 2η(σ−1)]], unstable iff γ > γ_sim (γ_sim = 1/(2η) − 2η(σ−1)/σ "
        "when (tr M)² < 4σ, else 2/|ν_min|); the full map converges iff γ < min(γ_sim, η/σ³). "
        "γ_sim ≤ 0 — unstable for every γ — iff 4η²(σ−1) ≥ σ (e.g. σ = 2, η = 1).",
        params=[sigma_param(2.0), eta_param(1.0), _step("gamma", 0.02, 5.0, "step γ = γ_D = γ_G")],
        checker=_check_simgda,
        requires=_requires_simgda,
        sampler=_sample_simgda,
    ),
    Claim(
        id="ganeq.proximal.algorithm1_inner_steps",
        reference="Farnia & Ozdaglar 2020, Algorithm 1; proximal.md §8 (our result)",
        statement="Algorithm 1 with T inner ascent steps (size γ_D < 2/L_inner) on "
        "V − μ‖D − D_{w_k}‖² (μ = λ/2), then a G step γ, has the exact-prox (b, u) block with "
        "α_T = α + q_b^T(1 − α), β_T = (1 − q_b^T)β (T = 1: alternating GDA for every μ); it "
        "converges at (G*, D*) iff x_lo < q_b^T < x_hi, i.e. for T ≥ T_c = ⌊log x_hi/log q_b⌋ + 1 "
        "when 0 < q_b and exact proximal training is stable (σ = 2, η = 1, γ = γ_D = 0.02, "
        "μ = λ_max: T_c = 2), and for no T when x_hi ≤ 0.",
        params=[sigma_param(2.0), eta_param(1.0),
                Real("mu", 0.5, low=0.0, high=100.0, low_open=True, sample_low=0.05,
                      sample_high=5.0, doc="population penalty μ = λ/2 (Algorithm 1's λ)"),
                _step("gamma_d", 0.02, 1.0, "inner ascent step γ_D"),
                _step("gamma", 0.02, 0.1, "generator step γ"),
                Integer("T", 5, low=1, high=2000, sample_low=1, sample_high=60,
                      doc="number of inner ascent steps")],
        checker=_check_inner,
        requires=_requires_inner,
        sampler=_sample_inner,
    ),
])
