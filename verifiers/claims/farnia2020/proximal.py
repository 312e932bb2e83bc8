"""Farnia & Ozdaglar 2020, §4.1: Definition 1, Propositions 2–4, Corollary 1, checked in
the Theorem-1 W2GAN game with quadratic discriminators (proximal.md §5–6)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory import gaussian_ot
from theory.gaussian_ot import Quadratic
from theory.proximal import objective, threshold, w2gan
from theory.sobolev import sobolev_inner
from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.proximal_symbols import (
    D,
    eta_param,
    near_optimal_generators,
    pe_margin,
    sigma_param,
    t_param,
    with_strategies,
)
from verifiers.params import Real, seed_param
from verifiers.proximal import pe

REF = "Farnia & Ozdaglar 2020, "


def _lam_param(default=0.25, low_open=True):
    return Real(
        "lam",
        default,
        low=0.0,
        high=1e3,
        low_open=low_open,
        sample_low=0.01,
        sample_high=0.5,
        doc="proximal weight λ",
    )


def _requires_pe_range(p):
    lam_max = threshold.lam_max_isotropic(p["sigma"], p["eta"])
    if p["lam"] > 0.95 * lam_max:
        raise ValueError(
            f"lam={p['lam']} must be <= 0.95 * lam_max = {0.95 * lam_max:.6g} "
            f"(lam_max = sigma/(4 eta (sigma-1)))"
        )


def _sample_pe_range(rng):
    sigma, eta = float(rng.uniform(1.1, 6.0)), float(rng.uniform(0.3, 2.0))
    lam = float(rng.uniform(0.05, 0.9)) * threshold.lam_max_isotropic(sigma, eta)
    return {"sigma": sigma, "eta": eta, "lam": lam, "t": float(rng.uniform(0.3, 2.0))}


def _check_definition1(sigma, eta, lam, t) -> Outcome:
    """(12) for (G*, D*): left inequality ⇔ V^prox_λ(G*, D*) = W* (the Moreau envelope's
    max over D is max V(G*, ·)); right inequality ⇔ G* minimises V^prox_λ(·, D*),
    certified by λ_min(C_U) ≥ 0 (convexity in (SY, uuᵀ))."""
    margin, info = pe_margin(lam, sigma, eta, t)
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="closed-form+newton",
        statement=f"(G*, D*) is a {lam:.4g}-proximal equilibrium (λ_max = {info['lam_max']:.4g})",
        witness=info,
    )


@jax.jit
def _grad_w_norm(A, b, sigma, eta):
    """``‖∇_w V(G*, D)‖`` for ``D = (A, b)`` (zero iff D is a best response to G*)."""
    gA, gb = w2gan.grad_w(jnp.eye(D), jnp.zeros(D), A, b, jnp.zeros(D), sigma**2 * jnp.eye(D), eta)
    return jnp.sqrt(jnp.sum(gA**2) + jnp.sum(gb**2))


@jax.jit
def _w_gaps(Ws, us, sigma, eta):
    """``W_η(G) − W*`` for a batch of generators ``(W, u)`` (closed form, vmapped)."""
    Sx = sigma**2 * jnp.eye(D)

    def gap(W, u):
        return gaussian_ot.ot_cost(eta, jnp.zeros(D), Sx, u, W @ W.T)

    return jax.vmap(gap)(Ws, us) - w2gan.theorem1_optimum(sigma, eta, D)[2]


def _pair_sides(sigma, eta, lam, t, delta):
    """Definition 1 and Proposition 2 evaluated for (G*, D_δ), D_δ = D* + δ I (quadratic)."""
    A_star, b_star, w_star = w2gan.theorem1_optimum(sigma, eta, D)
    A = A_star + delta * jnp.eye(D)
    p = pe.problem(jnp.eye(D), jnp.zeros(D), lam, sigma, eta, A0=A, b0=b_star)
    left = float(objective.solve(p).value - w_star)
    grad = float(_grad_w_norm(A, b_star, sigma, eta))
    right = pe.certified_coefficient(lam, sigma, eta, D) if lam > 0 else 0.0
    right = right if abs(delta) == 0 else float("inf")
    def_side = right if abs(left) <= tolerances.PE_GAP else left
    prop_side = right if grad <= tolerances.PE_GAP else -grad
    return (
        def_side,
        prop_side,
        {"V_prox_GstarD_minus_Wstar": left, "grad_w_V_norm": grad, "right": right},
    )


def _check_proposition2(sigma, eta, lam, t, delta) -> Outcome:
    """Definition 1's (12) and Proposition 2's conditions (a) ∇_w V(G*, D) = 0, (b) agree."""
    a, b, info = _pair_sides(sigma, eta, lam, t, delta)
    agree = (a > 0) == (b > 0)
    size = min(abs(a), abs(b))
    return Outcome(
        margin=size if agree else -size,
        tolerance=tolerances.CLOSED_FORM,
        method="closed-form+newton",
        witness=dict(info, definition1=a, proposition2=b),
        statement=f"(12) and Proposition 2's conditions agree for (G*, D* + {delta:g} I), λ = "
                  f"{lam:g}",
    )


def _random_instance(seed):
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((D, D)))[0]
    Sx = (q * rng.uniform(0.3, 3.0, D)) @ q.T
    W = rng.standard_normal((D, D))
    W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
    A0 = 0.3 * rng.standard_normal((D, D))
    return (
        rng.standard_normal(D),
        Sx,
        W,
        rng.standard_normal(D),
        0.5 * (A0 + A0.T),
        rng.standard_normal(D),
    )


def _check_proposition3(seed, lam1, lam2) -> Outcome:
    """λ ↦ V^prox_λ(G, D) non-increasing on [λ1, λ2] (8-point grid) for a random (G, D)."""
    m, Sx, W, u, A0, b0 = _random_instance(seed)
    values = []
    for lam in np.linspace(lam1, lam2, 8):
        p = objective.Problem(
            jnp.asarray(m),
            jnp.asarray(Sx),
            jnp.asarray(u),
            jnp.asarray(W @ W.T),
            jnp.asarray(A0),
            jnp.asarray(b0),
            jnp.asarray(0.7),
            jnp.asarray(lam),
        )
        values.append(float(objective.solve(p).value))
    drops = -np.diff(values)
    return Outcome(
        margin=float(np.min(drops)),
        tolerance=tolerances.PROX_NEWTON,
        method="newton",
        witness={"values": values, "lams": np.linspace(lam1, lam2, 8)},
        statement=f"V^prox_λ decreases along λ ∈ [{lam1:g}, {lam2:g}] (so PE_λ2 ⊆ PE_λ1)",
    )


def _requires_order(p):
    if not p["lam1"] < p["lam2"]:
        raise ValueError(f"lam1={p['lam1']} must be < lam2={p['lam2']}")


def _check_corollary1(sigma, eta, lam, t, delta) -> Outcome:
    """If (G*, D*+δI) is a λ-PE (checked by (12)) it is Stackelberg: G* minimises W_η
    (random admissible G, closed form) and D is a best response (‖∇_w V‖ = 0)."""
    a, _, info = _pair_sides(sigma, eta, lam, t, delta)
    if lam == 0:
        a = 1.0 if abs(info["V_prox_GstarD_minus_Wstar"]) <= tolerances.PE_GAP else -1.0
    if a <= tolerances.CLOSED_FORM:
        return Outcome.inapplicable("the pair is not a λ-proximal equilibrium", info)
    W, u = near_optimal_generators(0, t=t)
    gaps = np.asarray(_w_gaps(W, u, float(sigma), float(eta))).tolist()
    grad = info["grad_w_V_norm"]
    margin = min(gaps) if grad <= tolerances.PE_GAP else -grad
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="closed-form",
        witness=dict(info, min_W_gap=min(gaps)),
        statement=f"the λ = {lam:g} PE (G*, D* + {delta:g} I) is a Stackelberg equilibrium",
    )


def _check_proposition4(seed, lam) -> Outcome:
    """Strong concavity of the inner problem (max eig of its Hessian ≤ −λη1) and
    ∇_θ V^prox_λ = ∇_θ V(G_θ, D_{w*}) (central differences vs autodiff), relative margins."""
    m, Sx, W, u, A0, b0 = _random_instance(seed)
    eta = 0.7
    f = jnp.asarray

    def vprox(W, u):
        p = objective.Problem(f(m), f(Sx), u, W @ W.T, f(A0), f(b0), f(eta), f(lam))
        return objective.solve(p)

    sol = vprox(f(W), f(u))
    auto = np.concatenate(
        [np.ravel(g) for g in _prop4_gradient(f(W), f(u), sol, f(A0), f(b0), m, Sx, eta)]
    )
    h, fd = 1e-5, []
    theta = np.concatenate([W.ravel(), u])
    for i in range(theta.size):
        e = np.zeros(theta.size)
        e[i] = h
        vals = [
            float(vprox(f((theta + s * e)[:4].reshape(2, 2)), f((theta + s * e)[4:])).value)
            for s in (1, -1)
        ]
        fd.append((vals[0] - vals[1]) / (2 * h))
    err = float(np.max(np.abs(np.array(fd) - auto)) / max(1.0, np.max(np.abs(auto))))
    eta1, top = _strong_concavity(sol, m, Sx, W, u, A0, b0, eta, lam)
    margin = min(
        1.0 - err / tolerances.FINITE_DIFFERENCE, (-top - lam * eta1) / (lam * eta1) + 1e-9
    )
    return Outcome(
        margin=margin,
        tolerance=1e-9,
        method="autodiff+finite-differences",
        witness={
            "gradient_autodiff": auto,
            "gradient_fd": fd,
            "relative_error": err,
            "eta1": eta1,
            "max_eig_hessian": top,
        },
        statement=f"inner problem {lam * eta1:.3g}-strongly concave; Proposition-4 gradient "
                  "matches FD",
    )


def _prop4_gradient(W, u, sol, A0, b0, m, Sx, eta):
    """∇_θ V(G_θ, D_{w*}) by autodiff at the proximal maximiser w* (Proposition 4, eq. 14)."""
    return w2gan.grad_theta(W, u, sol.A, sol.b, jnp.asarray(m), jnp.asarray(Sx), eta)


def _strong_concavity(sol, m, Sx, W, u, A0, b0, eta, lam):
    v = jnp.concatenate([objective.vech(sol.A), sol.b])
    eta1, top = _hessian_extremes(v, *(jnp.asarray(x, jnp.float64) for x in
                                        (m, Sx, W, u, A0, b0, eta, lam)))
    return float(eta1), float(top)


@jax.jit
def _hessian_extremes(v, m, Sx, W, u, A0, b0, eta, lam):
    """Smallest eigenvalue η1 of the penalty's Hessian and largest eigenvalue of the inner
    objective's Hessian in ``w = (vech A, b)`` (autodiff)."""
    E = objective.vech_basis(D)

    def inner(v):
        A, b = jnp.tensordot(v[:3], E, 1), v[3:]
        pen = sobolev_inner(Quadratic(A - A0, b - b0), Quadratic(A - A0, b - b0), m, Sx)
        return w2gan.value(W, u, A, b, m, Sx, eta) - lam * pen

    def penalty(v):
        A, b = jnp.tensordot(v[:3], E, 1), v[3:]
        return sobolev_inner(Quadratic(A, b), Quadratic(A, b), m, Sx)

    return (jnp.linalg.eigvalsh(jax.hessian(penalty)(v))[0],
            jnp.linalg.eigvalsh(jax.hessian(inner)(v))[-1])


def _delta_param(sample_low: float, sample_high: float) -> Param:
    """The perturbation δ of D* along the identity, D = D* + δI, |δ| ≤ 0.3."""
    return Real("delta", 0.0, low=-0.3, high=0.3, sample_low=sample_low,
                 sample_high=sample_high, doc="perturbation δ of D* along the identity")


_seed = seed_param("seed of the random instance (data mean/covariance, generator, anchor)",
                   sample_high=10_000)

CLAIMS = [
    Claim(
        id="farnia2020.definition1",
        reference=REF + "Definition 1",
        statement="In the Theorem-1 W2GAN game, (G*, D*) satisfies (12): it is a Nash equilibrium "
        "of V^prox_λ for every 0 < λ ≤ λ_max.",
        params=[sigma_param(), eta_param(), _lam_param(), t_param()],
        checker=_check_definition1,
        requires=_requires_pe_range,
        sampler=_sample_pe_range,
    ),
    Claim(
        id="farnia2020.proposition2",
        reference=REF + "Proposition 2",
        statement="(G, D) is a λ-PE iff D is a best response to G and min_G' V^prox_λ(G', D) "
                  "≥ V(G, D) "
        "(λ > 0): both characterisations agree on (G*, D* + δI).",
        params=[
            sigma_param(),
            eta_param(),
            _lam_param(),
            t_param(),
            _delta_param(-0.2, 0.2),
        ],
        checker=_check_proposition2,
        requires=lambda p: _requires_pe_range(p),
        sampler=lambda rng: dict(_sample_pe_range(rng), delta=float(rng.choice([0.0, 0.1, -0.15]))),
    ),
    Claim(
        id="farnia2020.proposition3",
        reference=REF + "Proposition 3",
        statement="λ ↦ V^prox_λ(G, D) is non-increasing, so PE_λ2 ⊆ PE_λ1 for λ1 ≤ λ2.",
        params=[
            _seed,
            Real("lam1", 0.05, low=0.0, high=1e3, sample_low=0.0, sample_high=0.5),
            Real("lam2", 2.0, low=0.0, high=1e3, sample_low=1.0, sample_high=5.0),
        ],
        checker=_check_proposition3,
        requires=_requires_order,
    ),
    Claim(
        id="farnia2020.corollary1",
        reference=REF + "Corollary 1",
        statement="A λ-PE with λ > 0 is a Stackelberg equilibrium (10). At λ = 0 the PE set is "
        "{(G*, any D)}, strictly larger than the Stackelberg set.",
        params=[
            sigma_param(),
            eta_param(),
            _lam_param(),
            t_param(),
            _delta_param(0.0, 0.0),
        ],
        checker=_check_corollary1,
        requires=_requires_pe_range,
        sampler=lambda rng: dict(_sample_pe_range(rng), delta=0.0),
    ),
    Claim(
        id="farnia2020.proposition4",
        reference=REF + "Proposition 4",
        statement="The inner proximal problem is λη1-strongly concave and ∇_θ V^prox_λ(G_θ, D_w) = "
        "∇_θ V(G_θ, D_{w*}) (eq. 14).",
        params=[_seed, _lam_param(0.5)],
        checker=_check_proposition4,
    ),
]
CLAIMS = with_strategies(CLAIMS)
