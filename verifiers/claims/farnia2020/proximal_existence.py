"""Farnia & Ozdaglar 2020, §4.2 and §5: Theorem 2 (W2GAN), Theorem 3 (WGAN) and
Algorithm 1, checked in the linear-Gaussian games (proximal.md §6–8).

Theorem 2 as printed: (G_θ*, D^θ*) is a 1/(4η)-PE w.r.t. the Sobolev semi-norm if
{D^θ} is convex — verified (the slides' 1/β is registered separately as
``ganeq.proximal.slides_constant``). Theorem 3's hypothesis η ≤ α²_θ(x) fails for
every η > 0 in the paper's own 1-D WGAN example: ``inapplicable`` there.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from scipy import integrate, stats

from theory import gaussian_ot
from theory.proximal import dynamics, objective, threshold, w2gan, wgan1d
from theory.sobolev import sobolev_distance_sq, sobolev_inner
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.proximal_symbols import (
    D,
    eta_param,
    near_optimal_generators,
    pe_margin,
    sigma_param,
    t_param,
)
from verifiers.params import Real

REF = "Farnia & Ozdaglar 2020, "
CONSTANT = threshold.theorem2_constant
"""Theorem 2's λ as a function of η (1/(4η))."""


def theorem2_evidence(sigma, eta, seed=0) -> dict:
    """Hypothesis (convex {D^θ}, k ≥ d) and Theorem 2's identity and bound on random θ."""
    Sx = sigma**2 * np.eye(D)
    B_star = threshold.optimal_b_star(Sx)
    D_star = gaussian_ot.optimal_discriminator(eta, np.zeros(D), Sx, np.zeros(D), np.eye(D))
    w_star = float(gaussian_ot.ot_cost(eta, np.zeros(D), Sx, np.zeros(D), np.eye(D)))
    Ws, us = near_optimal_generators(seed)
    residuals, inners, convex = [], [], []
    for W, u in zip(Ws, us, strict=True):
        SY = W @ W.T
        D_th = gaussian_ot.optimal_discriminator(eta, np.zeros(D), Sx, u, SY)
        w_th = float(gaussian_ot.ot_cost(eta, np.zeros(D), Sx, u, SY))
        dist = float(sobolev_distance_sq(D_th, D_star, np.zeros(D), Sx))
        diff = gaussian_ot.Quadratic(D_th.A - D_star.A, D_th.b - D_star.b)
        inner = float(sobolev_inner(D_star, diff, np.zeros(D), Sx))
        residuals.append(abs(threshold.theorem2_terms(w_th, w_star, dist, inner, eta)))
        inners.append(inner)
        B_th = np.eye(D) - np.asarray(D_th.A) / eta
        convex.append(threshold.convex_combination_realisable(B_star, B_th, 0.5, Sx)[0])
    return {
        "identity_residual": max(residuals),
        "min_inner_product": min(inners),
        "min_mixture_slack": min(convex),
    }


def check_constant(sigma, eta, t, constant) -> Outcome:
    """(G*, D*) is a ``constant(η)``-PE: certified coefficient λ_min(C_U) at that λ, plus
    Theorem 2's identity (residual ≤ CLOSED_FORM·scale) and ⟨D*, D^θ − D*⟩ ≥ 0 on random θ."""
    lam = constant(eta)
    margin, info = pe_margin(lam, sigma, eta, t)
    evidence = theorem2_evidence(sigma, eta)
    scale = max(1.0, info["W_star"])
    if (
        evidence["identity_residual"] > tolerances.GAUSSIAN_OT * scale
        or evidence["min_inner_product"] < -tolerances.GAUSSIAN_OT
    ):
        margin = -max(evidence["identity_residual"], -evidence["min_inner_product"])
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="closed-form+newton",
        witness=dict(info, lam=lam, **evidence),
        statement=f"(G*, D*) is a λ = {lam:.4g}-proximal equilibrium (λ_max = "
                  f"{info['lam_max']:.4g})",
    )


def _check_theorem2(sigma, eta, t) -> Outcome:
    return check_constant(sigma, eta, t, CONSTANT)


def _check_theorem3(sigma, lam) -> Outcome:
    """Hypothesis ``λ ≤ α²_θ(x)`` for all x, θ: at G* α²(x) = (1 − 1/σ)|x| vanishes at
    x_c = 0; if met (λ = 0 only) the conclusion V^prox_λ(G, D*) ≥ W1* is checked by
    quadrature on a grid of shifts u."""
    x_c = float(wgan1d.crossing(1.0, 0.0, sigma))
    inf_alpha = float(_alpha_sq(x_c, 1.0, 0.0, sigma))
    if lam > inf_alpha:
        return Outcome.inapplicable(
            f"η ≤ α²_θ(x) for all x fails: α²(x_c) = {inf_alpha:.3g} < η = {lam:g} at the CDF "
            f"crossing x_c = {x_c:g}",
            {"x_c": x_c, "alpha_sq_at_x_c": inf_alpha},
        )
    us = np.array([-0.5, -0.1, -0.01, 0.01, 0.1, 0.5])
    gaps = [wgan1d.prox_gap(lam, u, sigma) if lam > 0 else _w1_gap(u, sigma) for u in us]
    return Outcome(
        margin=float(min(gaps)),
        tolerance=tolerances.QUADRATURE,
        method="quadrature",
        witness={"u": us, "gaps": gaps},
        statement=f"(G*, D*) is a {lam:g}-PE of the 1-D WGAN (V^prox ≥ W1* on shifts)",
    )


def _alpha_sq(x, s, u, sigma):
    return wgan1d.alpha_sq(x, s, u, sigma)


def _w1_gap(u, sigma):
    """W1(G_u) − W1* for G_u = N(u, 1) (V^prox_0 = max_D V = W1), by quadrature."""
    span = 12 * sigma + abs(u)
    w1 = integrate.quad(
        lambda x: abs(stats.norm.cdf(x, loc=u) - stats.norm.cdf(x, scale=sigma)),
        -span,
        span,
        points=[0.0, float(wgan1d.crossing(1.0, u, sigma))],
        **wgan1d.QUAD,
    )[0]
    return w1 - float(wgan1d.w1_star(sigma))


def _check_algorithm1(sigma, eta, lam) -> Outcome:
    """Algorithm 1's inner loop (population penalty (λ/2)‖D_w − D_{w_k}‖², T = 400 steps of
    ascent with step 1/L) converges to the maximiser of V^prox_{λ/2}, not V^prox_λ: margin =
    distance to the V^prox_λ maximiser minus distance to the V^prox_{λ/2} one."""
    mu = dynamics.algorithm1_mu(lam)
    Sx, m = sigma**2 * jnp.eye(1), jnp.zeros(1)
    W, u = jnp.eye(1) * 0.8, jnp.array([0.3])
    A0, b0 = jnp.eye(1) * eta * 0.3, jnp.array([0.1])
    w_T = _inner_ascent(W, u, A0, b0, m, Sx, float(eta), float(mu))
    targets = {}
    for name, weight in (("half", lam / 2), ("full", lam)):
        s = objective.solve(
            objective.Problem(m, Sx, u, W @ W.T, A0, b0, jnp.asarray(eta), jnp.asarray(weight))
        )
        targets[name] = float(jnp.sqrt((s.A[0, 0] - w_T[0]) ** 2 + (s.b[0] - w_T[1]) ** 2))
    return Outcome(
        margin=targets["full"] - targets["half"],
        tolerance=1e-8,
        method="gradient-ascent+newton",
        witness={
            "distance_to_Vprox_lam_over_2": targets["half"],
            "distance_to_Vprox_lam": targets["full"],
            "w_T": np.asarray(w_T),
        },
        statement=f"Algorithm 1 with λ = {lam:g} targets V^prox_{{λ/2}} (distance "
                  f"{targets['half']:.2e})",
    )


@jax.jit
def _inner_ascent(W, u, A0, b0, m, Sx, eta, mu):
    """T = 400 steps of gradient ascent with step 1/L on Algorithm 1's population inner
    objective ``V(θ, w) − μ‖D_w − D_{w_k}‖²`` from ``w_k`` (L = 2 × the curvature at w_k)."""
    def objective_w(w):
        A, b = w[:1].reshape(1, 1), w[1:]
        diff = gaussian_ot.Quadratic(A - A0, b - b0)
        return w2gan.value(W, u, A, b, m, Sx, eta) - mu * sobolev_inner(diff, diff, m, Sx)

    w0 = jnp.array([A0[0, 0], b0[0]])
    L = 2.0 * jnp.max(jnp.abs(jnp.linalg.eigvalsh(jax.hessian(objective_w)(w0))))
    return jax.lax.fori_loop(0, 400, lambda _, w: w + jax.grad(objective_w)(w) / L, w0)


CLAIMS = [
    Claim(
        id="farnia2020.theorem2",
        reference=REF + "Theorem 2",
        statement="In the W2GAN with cost η‖x − y‖² and convex {D^θ} (k ≥ d), the W2-optimal "
        "(G_θ*, D^θ*) is a 1/(4η)-proximal equilibrium w.r.t. the Sobolev semi-norm.",
        params=[sigma_param(3.0), eta_param(1.0), t_param()],
        checker=_check_theorem2,
    ),
    Claim(
        id="farnia2020.theorem3",
        reference=REF + "Theorem 3",
        statement="If {α_θ∇D^θ} is convex and η ≤ α²_θ(x) everywhere, the W1-optimal (G*, "
                  "D*) is an "
        "η-PE; in the 1-D WGAN example α² vanishes at the CDF crossing, so it does not apply.",
        params=[
            sigma_param(2.0),
            Real(
                "lam",
                0.1,
                low=0.0,
                high=1e3,
                sample_low=0.01,
                sample_high=5.0,
                doc="Theorem 3's η (the proximal weight)",
            ),
        ],
        checker=_check_theorem3,
        expected=Verdict.INAPPLICABLE,
    ),
    Claim(
        id="farnia2020.algorithm1",
        reference=REF + "Algorithm 1",
        statement="Algorithm 1's penalty λ/(2n) Σ‖∇D_w(x_i) − ∇D_{w_k}(x_i)‖² is (λ/2)‖D_w − "
                  "D_{w_k}‖² "
        "in expectation: its inner loop targets V^prox_{λ/2}, not V^prox_λ.",
        params=[
            sigma_param(2.0),
            eta_param(0.5),
            Real("lam", 1.0, low=0.0, high=100.0, low_open=True, sample_low=0.3, sample_high=4.0),
        ],
        checker=_check_algorithm1,
    ),
]
