"""Farnia & Ozdaglar 2020, §4.1: Definition 1, Propositions 2–4 and Corollary 1, checked in
the Theorem-1 W2GAN game with quadratic discriminators and the Sobolev semi-norm (15).

The W2GAN checks work in units η = 1 (``κ = λη``, scale invariance) through
:mod:`verifiers.proximal.pe`; derivations in ``docs/derivations/farnia2020.md``."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory import gaussian_ot
from theory.gaussian_ot import Quadratic
from theory.proximal import objective, w2gan
from theory.sobolev import sobolev_inner
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.proximal_symbols import (
    SEED,
    D,
    delta_param,
    eta_param,
    kappa_underflow,
    lam_param,
    sample_around_threshold,
    sigma_param,
    strategy_from,
    t_param,
    within_threshold,
)
from verifiers.outcomes import (
    Outcome,
    Route,
    agree,
    all_of,
    bound,
    disagreement,
    equals,
    positive,
    routes_witness,
)
from verifiers.params import Choice, Real
from verifiers.proximal import pe

EPS = float(np.finfo(np.float64).eps)


def _pe_expected(p) -> Verdict:
    """holds for λ ≤ λ_max = σ/(4η(σ − 1)); refuted for λ > λ_max."""
    return Verdict.HOLDS if within_threshold(p["lam"], p["sigma"], p["eta"]) else Verdict.REFUTED


def _sample_pe(rng):
    return sample_around_threshold(rng)


@claim("farnia2020.definition1",
       reference="Farnia & Ozdaglar 2020, Definition 1 (eq. 12)",
       statement="In the Theorem-1 W2GAN game (X ~ N(0, σ²I), σ > 1, k = d = 2, quadratic "
                 "discriminators, Sobolev semi-norm), (G*, D*) satisfies both inequalities of "
                 "(12), i.e. is a λ-proximal equilibrium, exactly when λ ≤ λ_max = "
                 "σ/(4η(σ − 1)).",
       params=[sigma_param(), eta_param(), lam_param(), t_param()],
       expected=_pe_expected, sampler=_sample_pe, strategy_fn=strategy_from(_sample_pe),
       derivation="farnia2020.md#definition-1")
def check_definition1(sigma, eta, lam, t) -> Outcome:
    """(12) at (G*, D*), in units η = 1 (κ = λη): the left inequality holds iff D* is a best
    response to G* (then V^prox_λ(G*, D*) = W* = max_D V^prox_λ(G*, D)); the right one iff
    G* minimises V^prox_λ(·, D*) (certificate c(κ) ≥ 0, refuted by a Newton witness)."""
    return pe.is_pe(lam * eta, sigma, t, D)


# --- Proposition 2: (12) against Proposition 2's conditions on (G*, D_δ) ---------------------

def _anchor(sigma, delta):
    """``D_δ = D* + δ(1/σ)I`` in units η = 1."""
    A_star, b_star, _ = w2gan.theorem1_optimum(sigma, 1.0, D)
    return A_star + delta / sigma * jnp.eye(D), b_star


def _definition1_verdict(kappa, sigma, t, delta) -> tuple[Verdict, dict]:
    """Is (G*, D_δ) a κ-PE by Definition 1's (12)? HOLDS / REFUTED (not a PE) / INCONCLUSIVE.

    Left: ``V^prox(G*, D_δ) = max_D V^prox(G*, D) = W*``; proved for δ = 0 (D* is the
    Theorem-1 best response) and for κ = 0 (V^prox_0 does not depend on D); otherwise a
    Newton gap below minus its error bound disproves it. Right: for δ = 0 the certificate
    of :func:`pe.minimiser`; for κ = 0 it is Theorem 1 (W(G) ≥ W*)."""
    if delta != 0.0 and kappa != 0.0:
        A, b = _anchor(sigma, delta)
        route = pe.gap_route(np.eye(D), np.zeros(D), kappa, sigma, A0=A, b0=b)
        info = {"definition1_left_gap": None if route is None else route.value}
        if route is not None and route.value < -route.error:
            return Verdict.REFUTED, info
        return Verdict.INCONCLUSIVE, info
    if delta != 0.0:
        return Verdict.HOLDS, {"definition1": "κ = 0: every (G*, D) is a 0-PE (Theorem 1)"}
    right = pe.minimiser(kappa, sigma, t, D)
    return right.final_verdict(), dict(right.witness)


def _proposition2_verdict(kappa, sigma, t, delta) -> tuple[Verdict, dict]:
    """Is (G*, D_δ) a κ-PE by Proposition 2? (a) D_δ a best response to G*; (b) for δ = 0,
    ``V(G*, D*) ≤ min_G V^prox(G, D*)`` (the same certificate). A perturbed anchor that
    passes (a) within rounding is undecided."""
    A, b = _anchor(sigma, delta)
    a = pe.best_response(sigma, D, A, b)
    info = {"grad_w_V_norm": a.witness["computed"], "grad_w_V_error": a.witness["error_bound"]}
    if a.final_verdict() == Verdict.REFUTED:
        return Verdict.REFUTED, info
    if delta != 0.0:
        return Verdict.INCONCLUSIVE, info
    return pe.minimiser(kappa, sigma, t, D).final_verdict(), info


def _proposition2_expected(p) -> Verdict:
    """refuted for λ = 0 with δ ≠ 0 (every (G*, D) is then a 0-PE, but only D* is a best
    response); holds otherwise."""
    return Verdict.REFUTED if p["lam"] == 0.0 and p["delta"] != 0.0 else Verdict.HOLDS


def _sample_prop2(rng):
    params = sample_around_threshold(rng, delta=True)
    if rng.uniform() < 0.1:
        params["lam"] = 0.0
    return params


@claim("farnia2020.proposition2",
       reference="Farnia & Ozdaglar 2020, Proposition 2",
       statement="(G*, D) is a λ-proximal equilibrium iff V(G*, D') ≤ V(G*, D) for every D' and "
                 "V(G*, D) ≤ max_D' V(G, D') − λ‖D' − D‖² for every G; checked on the pairs "
                 "(G*, D* + δ(η/σ)I) of the Theorem-1 W2GAN game, λ ≥ 0 as printed.",
       params=[sigma_param(), eta_param(), lam_param(low_open=False), t_param(),
               delta_param()],
       expected=_proposition2_expected, sampler=_sample_prop2,
       strategy_fn=strategy_from(_sample_prop2),
       erratum="At λ = 0 the equivalence fails: V^prox_0(G, D) = max_D' V(G, D') does not depend "
               "on D, so every (G*, D) is a 0-PE while the first condition asks D to be a best "
               "response. The proposition needs λ > 0.",
       derivation="farnia2020.md#proposition-2")
def check_proposition2(sigma, eta, lam, t, delta) -> Outcome:
    """Definition 1's verdict and Proposition 2's verdict on (G*, D_δ), each decided
    independently: holds if both are decided and agree, refuted if they disagree."""
    kappa = lam * eta
    if (unrepresented := kappa_underflow(lam, kappa)) is not None:
        return unrepresented
    v1, info1 = _definition1_verdict(kappa, sigma, t, delta)
    v2, info2 = _proposition2_verdict(kappa, sigma, t, delta)
    witness = {**info1, **info2, "definition1": v1.value, "proposition2": v2.value}
    pair = f"(G*, D* + {delta:g}(η/σ)I), λ = {lam:g}"
    decided = {Verdict.HOLDS, Verdict.REFUTED}
    if v1 in decided and v2 in decided:
        same = v1 == v2
        return Outcome(margin=1.0 if same else -1.0, tolerance=0.0, witness=witness,
                       method="certificate+Newton",
                       verdict=Verdict.HOLDS if same else Verdict.REFUTED,
                       statement=f"Definition 1 says {'' if v1 == Verdict.HOLDS else 'not '}PE "
                                 f"and Proposition 2 says {'' if v2 == Verdict.HOLDS else 'not '}"
                                 f"PE for {pair}")
    return Outcome(margin=float("nan"), tolerance=0.0, witness=witness, method="certificate+Newton",
                   verdict=Verdict.INCONCLUSIVE,
                   statement=f"undecided for {pair}: Definition 1 {v1.value}, Proposition 2 "
                             f"{v2.value}")


# --- Proposition 3 -----------------------------------------------------------------------------

def _random_instance(seed):
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((D, D)))[0]
    Sx = (q * rng.uniform(0.3, 3.0, D)) @ q.T
    W = rng.standard_normal((D, D))
    W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
    A0 = 0.3 * rng.standard_normal((D, D))
    return (rng.standard_normal(D), Sx, W, rng.standard_normal(D), 0.5 * (A0 + A0.T),
            rng.standard_normal(D))


_ETA_RANDOM = 0.7
"""Cost weight of the random instances of Propositions 3 and 4."""


def _instance_problem(seed, lam) -> objective.Problem:
    m, Sx, W, u, A0, b0 = _random_instance(seed)
    return objective.problem(m, Sx, u, W @ W.T, A0, b0, _ETA_RANDOM, lam)


def _proposition3_expected(p) -> Verdict:
    """holds for λ1 ≤ λ2; inapplicable for λ1 > λ2."""
    return Verdict.HOLDS if p["lam1"] <= p["lam2"] else Verdict.INAPPLICABLE


@claim("farnia2020.proposition3",
       reference="Farnia & Ozdaglar 2020, Proposition 3 (eq. 13)",
       statement="For λ1 ≤ λ2, PE_λ2 ⊆ PE_λ1, because λ ↦ V^prox_λ(G, D) is non-increasing; "
                 "checked on a random W2GAN instance along 8 values of λ in [λ1, λ2].",
       params=[SEED,
               Real("lam1", 0.05, low=0.0, high=1e300, sample_low=0.0, sample_high=2.0,
                    doc="smaller proximal weight λ1"),
               Real("lam2", 2.0, low=0.0, high=1e300, sample_low=0.5, sample_high=5.0,
                    doc="larger proximal weight λ2")],
       expected=_proposition3_expected,
       derivation="farnia2020.md#proposition-3")
def check_proposition3(seed, lam1, lam2) -> Outcome:
    """V^prox_λ(G, D) at 8 values λ1 = l_0 < … < l_7 = λ2 (Newton, each with its error bound):
    every drop V(l_i) − V(l_{i+1}) ≥ −(sum of the two bounds). Margin: the smallest drop."""
    if lam1 > lam2:
        return Outcome.inapplicable(f"λ1 ≤ λ2 (λ1 = {lam1:g} > λ2 = {lam2:g})")
    lams = np.linspace(lam1, lam2, 8) if lam2 > lam1 else np.array([lam1])
    routes = [pe.prox_value_route(_instance_problem(seed, lam)) for lam in lams]
    if any(r is None for r in routes):
        return Outcome(margin=float("nan"), tolerance=0.0, method="newton",
                       verdict=Verdict.INCONCLUSIVE, witness={"lams": lams},
                       statement="a Newton solve did not converge (λ out of its float range)")
    values = [r.value for r in routes]
    if len(routes) == 1:
        return Outcome(margin=0.0, tolerance=0.0, method="identity", verdict=Verdict.HOLDS,
                       witness={"value": values[0]},
                       statement="λ1 = λ2: PE_λ2 = PE_λ1 (nothing to compare)")
    pairs = zip(routes[:-1], routes[1:], strict=True)
    drops = [(a.value - b.value, a.error + b.error) for a, b in pairs]
    i = int(np.argmin([d - e for d, e in drops]))
    return bound(values[i + 1], values[i], drops[i][1], method="newton",
                 witness={"values": values, "lams": lams, "drops": [d for d, _ in drops]},
                 statement=f"V^prox_λ(G, D) is non-increasing along λ ∈ [{lam1:g}, {lam2:g}] "
                           "(so PE_λ2 ⊆ PE_λ1)")


# --- Corollary 1 -------------------------------------------------------------------------------

def _corollary1_expected(p) -> Verdict:
    """holds for λ > 0, δ = 0 and λ ≤ λ_max (then (G*, D*) is a λ-PE); inapplicable otherwise
    (λ = 0, or the pair is not a λ-PE)."""
    pe_pair = p["lam"] > 0 and p["delta"] == 0.0 and within_threshold(p["lam"], p["sigma"],
                                                                       p["eta"])
    return Verdict.HOLDS if pe_pair else Verdict.INAPPLICABLE


def _w_route(W, u, sigma) -> Route:
    """``W_η(G) = η W2²``-cost of ``G = (W, u)`` against N(0, σ²I) (η = 1), by the Gaussian OT
    closed form (eigh square roots; error GAUSSIAN_OT relative)."""
    value = float(gaussian_ot.ot_cost(1.0, np.zeros(D), sigma**2 * np.eye(D), np.asarray(u),
                                      np.asarray(W) @ np.asarray(W).T))
    return Route("Gaussian OT closed form", value, tolerances.GAUSSIAN_OT * max(1.0, abs(value)))


def _generators(seed, t, n=16):
    """``n`` admissible generators: σ_max(W) uniform in [0.2, 1], ‖u‖ ≤ t."""
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((n, D, D))
    W = W / np.linalg.norm(W, 2, axis=(1, 2))[:, None, None] * rng.uniform(0.2, 1.0, (n, 1, 1))
    u = rng.standard_normal((n, D))
    u = u * (t * rng.uniform(0.0, 1.0, (n, 1)) / np.linalg.norm(u, axis=1, keepdims=True))
    return W, u


def _stackelberg(sigma, t) -> Outcome:
    """(10) for (G*, D*) (η = 1): G* attains W* (closed form of Theorem 1 against the Gaussian
    OT route), no sampled admissible G does better, and D* is a best response to G*."""
    w_star = float(w2gan.theorem1_optimum(sigma, 1.0, D)[2])
    attained = equals(w_star, _w_route(np.eye(D), np.zeros(D), sigma),
                      "W_η(G*) = W* (G* attains the Theorem-1 optimum)")
    Ws, us = _generators(0, t)
    routes = [_w_route(W, u, sigma) for W, u in zip(Ws, us, strict=True)]
    worst = min(routes, key=lambda r: r.value - r.error)
    better = positive(worst.value - w_star, worst.error + attained.witness["error_bound"],
                      "no sampled admissible G has W_η(G) ≤ W*",
                      witness={"min_W_gap": worst.value - w_star})
    return all_of(attained, better, pe.best_response(sigma, D))


@claim("farnia2020.corollary1",
       reference="Farnia & Ozdaglar 2020, Corollary 1",
       statement="A λ-proximal equilibrium with λ > 0 is a Stackelberg equilibrium (10): checked "
                 "on the pairs (G*, D* + δ(η/σ)I) of the Theorem-1 W2GAN game that are λ-PE.",
       params=[sigma_param(), eta_param(), lam_param(low_open=False), t_param(),
               delta_param(0.0, 0.0)],
       expected=_corollary1_expected,
       sampler=lambda rng: sample_around_threshold(rng, delta=True),
       strategy_fn=strategy_from(lambda rng: sample_around_threshold(rng, delta=True)),
       derivation="farnia2020.md#corollary-1")
def check_corollary1(sigma, eta, lam, t, delta) -> Outcome:
    """Hypothesis: λ > 0 and (G*, D_δ) a λ-PE (Definition 1, decided as in Proposition 2);
    conclusion (10) checked by :func:`_stackelberg` (units η = 1)."""
    if lam == 0.0:
        return Outcome.inapplicable("λ > 0")
    kappa = lam * eta
    if (unrepresented := kappa_underflow(lam, kappa)) is not None:
        return unrepresented
    verdict, info = _definition1_verdict(kappa, sigma, t, delta)
    if verdict == Verdict.REFUTED:
        return Outcome.inapplicable(f"(G*, D* + {delta:g}(η/σ)I) is a λ-PE", info)
    if verdict != Verdict.HOLDS:
        return Outcome(margin=float("nan"), tolerance=0.0, witness=info, method="certificate",
                       verdict=Verdict.INCONCLUSIVE,
                       statement="undecided whether the pair is a λ-PE (the hypothesis)")
    return all_of(_stackelberg(sigma, t),
                  statement=f"the λ = {lam:g} PE (G*, D*) is a Stackelberg equilibrium")


# --- Proposition 4 -----------------------------------------------------------------------------

def _prop4_gradient(W, u, sol, A0, b0, m, Sx, eta):
    """Right side of (14): ∇_θ V(G_θ, D_{w*}) by autodiff at the proximal maximiser w*."""
    return w2gan.grad_theta(W, u, sol.A, sol.b, jnp.asarray(m), jnp.asarray(Sx), eta)


@jax.jit
def _vprox_gradient(W, u, m, Sx, A0, b0, eta, lam):
    """Left side of (14): ∇_θ V^prox_λ(G_θ, D0) by forward-mode autodiff through the Newton
    solve (differentiating the iterations, no envelope argument used)."""
    def value(W, u):
        return objective._solve(objective.Problem(m, Sx, u, W @ W.T, A0, b0, eta, lam)).value

    return jax.jacfwd(value, argnums=(0, 1))(W, u)


@jax.jit
def _hessian_extremes(v, m, Sx, W, u, A0, b0, eta, lam):
    """Smallest eigenvalue η1 of the penalty's Hessian and largest eigenvalue (and norm) of
    the inner objective's Hessian in ``w = (vech A, b)`` (autodiff)."""
    E = objective.vech_basis(D)

    def inner(v):
        A, b = jnp.tensordot(v[:3], E, 1), v[3:]
        pen = sobolev_inner(Quadratic(A - A0, b - b0), Quadratic(A - A0, b - b0), m, Sx)
        return w2gan.value(W, u, A, b, m, Sx, eta) - lam * pen

    def penalty(v):
        A, b = jnp.tensordot(v[:3], E, 1), v[3:]
        return sobolev_inner(Quadratic(A, b), Quadratic(A, b), m, Sx)

    H = jax.hessian(inner)(v)
    return (jnp.linalg.eigvalsh(jax.hessian(penalty)(v))[0], jnp.linalg.eigvalsh(H)[-1],
            jnp.max(jnp.abs(H)))


_N_SMOOTH = 3
"""Dimension of w and θ in the smooth game of Proposition 4."""


def _smooth_game(seed):
    """Random smooth game: ``V(θ, w) = tanh(θ)ᵀw + (η2/2) wᵀSw`` with ``S`` symmetric,
    ``‖S‖₂ = 1`` (eigenvalues of both signs), so ∇_w V is exactly η2-Lipschitz and V is not
    concave in w; penalty ``‖D_w − D‖² = (w − w0)ᵀK(w − w0)`` with ``K ≻ 0`` (a Gram matrix
    of features under P_X), so η1 = 2λ_min(K)."""
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((_N_SMOOTH, _N_SMOOTH)))[0]
    S = (q * np.array([1.0, rng.uniform(-1, 1), -1.0])) @ q.T
    q = np.linalg.qr(rng.standard_normal((_N_SMOOTH, _N_SMOOTH)))[0]
    K = (q * rng.uniform(0.5, 2.0, _N_SMOOTH)) @ q.T
    return S, K, rng.standard_normal(_N_SMOOTH), rng.standard_normal(_N_SMOOTH)


def _smooth_value(theta, w, S, eta2):
    return jnp.tanh(theta) @ w + 0.5 * eta2 * w @ S @ w


def _smooth_argmax(theta, S, K, w0, eta2, lam):
    """w* of ``max_w V(θ, w) − λ(w − w0)ᵀK(w − w0)``: the stationarity equation
    ``(2λK − η2 S) w = tanh θ + 2λK w0`` (its matrix is ≻ 0 when η2 < λη1)."""
    return jnp.linalg.solve(2.0 * lam * K - eta2 * S, jnp.tanh(theta) + 2.0 * lam * K @ w0)


@jax.jit
def _smooth_gradients(theta, S, K, w0, eta2, lam):
    """Left side of (14) by forward-mode autodiff of V^prox through the solve; right side
    ∇_θ V(θ, w*) by autodiff at the fixed maximiser."""
    def vprox(theta):
        w = _smooth_argmax(theta, S, K, w0, eta2, lam)
        return _smooth_value(theta, w, S, eta2) - lam * (w - w0) @ K @ (w - w0)

    w_star = _smooth_argmax(theta, S, K, w0, eta2, lam)
    return jax.jacfwd(vprox)(theta), jax.grad(_smooth_value)(theta, w_star, S, eta2)


def _vprox_complex(theta, S, K, w0, eta2, lam):
    """``V^prox_λ(θ)`` of the smooth game in complex arithmetic (analytic in θ: tanh, a
    linear solve and bilinear forms without conjugation), for the complex-step derivative."""
    w = np.linalg.solve(2.0 * lam * K - eta2 * S, np.tanh(theta) + 2.0 * lam * K @ w0)
    return np.tanh(theta) @ w + 0.5 * eta2 * w @ S @ w - lam * (w - w0) @ K @ (w - w0)


COMPLEX_STEP = 1e-30
"""Step h of the complex-step derivative ``Im V(θ + ih e_j)/h``: no cancellation, and the
truncation error ``h²·|third derivative|/6`` is below 1e-59 wherever that derivative is
below 1."""


def _complex_step_gradient(theta, S, K, w0, eta2, lam) -> np.ndarray:
    """``∇_θ V^prox_λ`` by the complex step (an independent route: no autodiff, no envelope)."""
    eye = np.eye(theta.size)
    return np.array([_vprox_complex(theta + 1j * COMPLEX_STEP * e, S, K, w0, eta2, lam).imag
                     for e in eye]) / COMPLEX_STEP


@jax.jit
def _inner_hessian(theta, w, S, K, w0, eta2, lam):
    """Autodiff Hessian in w of the inner objective ``V(θ, w) − λ(w − w0)ᵀK(w − w0)``."""
    return jax.hessian(lambda w: _smooth_value(theta, w, S, eta2)
                       - lam * (w - w0) @ K @ (w - w0))(w)


def _smooth_concavity(theta, S, K, w0, eta2, lam, eta1, scale) -> Outcome:
    """The inner problem's largest Hessian eigenvalue by the closed form ``η2S − 2λK`` and by
    the autodiff Hessian at w* (each eigvalsh, error 1e3·eps·scale; they must agree), ≤
    −(λη1 − η2)."""
    w_star = np.asarray(_smooth_argmax(theta, S, K, w0, eta2, lam))
    closed = float(np.linalg.eigvalsh(eta2 * S - 2.0 * lam * K)[-1])
    auto = float(np.linalg.eigvalsh(np.asarray(
        _inner_hessian(theta, w_star, S, K, w0, eta2, lam)))[-1])
    routes = (Route("eigvalsh of η2S − 2λK", closed, 1e3 * EPS * scale),
              Route("eigvalsh of the autodiff Hessian", auto, 1e3 * EPS * scale))
    top = agree(*routes)
    if top is None:
        return disagreement(routes, "the inner Hessian's largest eigenvalue")
    return bound(top.value, -(lam * eta1 - eta2), top.error,
                 f"inner problem (λη1 − η2)-strongly concave: max eig ≤ "
                 f"{-(lam * eta1 - eta2):.4g}", witness={"eta1": eta1, "max_eig": top.value,
                                                     "routes": routes_witness(routes)},
                 method="eigvalsh+autodiff")


def _identity_14(claimed, computed, err: float, witness: dict) -> Outcome:
    """(14) entrywise: the largest |∇_θ V(G_θ, D_{w*}) − ∇_θ V^prox_λ| over the entries of θ
    against the error bound ``err`` of ∇_θ V^prox_λ."""
    diff = float(np.max(np.abs(claimed - computed)))
    return equals(0.0, Route("max entrywise |(14) right side − ∇θ V^prox|", diff, err),
                  "∇_θ V^prox_λ(G_θ, D_w) = ∇_θ V(G_θ, D_{w*}) (14)",
                  witness={**witness, "gradient_14": claimed, "gradient_autodiff": computed,
                           "gradient_disagreement": diff})


def _smooth_identity(theta, S, K, w0, eta2, lam, cond) -> Outcome:
    """(14): its right side ∇_θ V(θ, w*) against ∇_θ V^prox_λ computed two ways — forward-mode
    autodiff through the solve and the complex step — which must agree in every entry (each
    error 1e3·eps·cond·(1 + |∇|)). The witness shows both routes at the largest entry of the
    gradient and their largest difference; a disagreement shows them where they differ most."""
    computed, claimed = (np.asarray(g) for g in _smooth_gradients(theta, S, K, w0, eta2, lam))
    stepped = _complex_step_gradient(np.asarray(theta), S, K, w0, eta2, lam)
    err = 1e3 * EPS * cond * (1.0 + float(np.max(np.abs(computed))))
    gap = np.abs(computed - stepped)
    worst = _gradient_routes(computed, stepped, err, int(np.argmax(gap)))
    if agree(*worst) is None:
        return disagreement(worst, "∇_θ V^prox_λ")
    shown = _gradient_routes(computed, stepped, err, int(np.argmax(np.abs(computed))))
    return _identity_14(claimed, computed, err, {"gradient_complex_step": stepped,
                                                 "route_disagreement": float(np.max(gap)),
                                                 "routes": routes_witness(shown)})


def _gradient_routes(computed, stepped, err: float, j: int) -> tuple[Route, Route]:
    """The two routes to ∇_θ V^prox_λ at entry ``j``."""
    return (Route("forward-mode ∇θ V^prox", float(computed[j]), err),
            Route("complex-step ∇θ V^prox", float(stepped[j]), err))


def _proposition4_smooth(seed, lam, eta2) -> Outcome:
    """Hypothesis η2 < λη1 (inapplicable otherwise); conclusions: the strong-concavity
    constant (:func:`_smooth_concavity`) and (14) (:func:`_smooth_identity`)."""
    S, K, theta, w0 = _smooth_game(seed)
    eta1 = 2.0 * float(np.linalg.eigvalsh(K)[0])
    if not eta2 < lam * eta1:
        return Outcome.inapplicable(f"η2 < λη1 (η2 = {eta2:g}, λη1 = {lam * eta1:.4g})")
    scale = 1.0 + eta2 + 4.0 * lam
    return all_of(_smooth_concavity(theta, S, K, w0, eta2, lam, eta1, scale),
                  _smooth_identity(theta, S, K, w0, eta2, lam, scale / (lam * eta1 - eta2)),
                  method="autodiff+complex-step")


def _proposition4_expected(p) -> Verdict:
    """w2gan game: holds for every λ > 0 (V concave in w); smooth game: holds for
    η2 < λη1 (η1 = 2λ_min(K) of the seed's instance), inapplicable otherwise."""
    if p["game"] == "w2gan":
        return Verdict.HOLDS
    eta1 = 2.0 * float(np.linalg.eigvalsh(_smooth_game(p["seed"])[1])[0])
    return Verdict.HOLDS if p["eta2"] < p["lam"] * eta1 else Verdict.INAPPLICABLE


@claim("farnia2020.proposition4",
       reference="Farnia & Ozdaglar 2020, Proposition 4 (eq. 14)",
       statement="If ‖D_w − D‖² is η1-strongly convex in w and V(G_θ, D_w) is η2-smooth in w "
                 "with η2 < λη1, the inner problem of (11) is (λη1 − η2)-strongly concave and "
                 "∇_θ V^prox_λ(G_θ, D_w) = ∇_θ V(G_θ, D_{w*}) (14); checked on a smooth "
                 "non-concave game (η2 > 0) and on the W2GAN with quadratic discriminators "
                 "(V concave in w in place of smoothness: λη1-strongly concave).",
       params=[SEED, lam_param(0.5),
               Choice("game", "smooth", choices=("smooth", "w2gan"),
                      doc="w2gan: random linear-Gaussian W2GAN instance; smooth: "
                          "V = tanh(θ)ᵀw + (η2/2)wᵀSw, ‖S‖ = 1"),
               Real("eta2", 0.5, low=0.0, high=1e3, sample_low=0.0, sample_high=3.0,
                    doc="smoothness constant η2 of the smooth game (ignored by w2gan)")],
       expected=_proposition4_expected,
       derivation="farnia2020.md#proposition-4")
def check_proposition4(seed, lam, game, eta2) -> Outcome:
    """Smooth game: :func:`_proposition4_smooth`. W2GAN: (i) the largest eigenvalue of the
    inner Hessian at w* is ≤ −λη1 (eigvalsh, error 1e3·eps·‖H‖); (ii) (14): the right side at
    w* against the forward-mode derivative of the Newton value (error: the Newton solution
    error times the mixed derivatives, bounded by 1e3·eps·scale + √(value error)·scale)."""
    if game == "smooth":
        return _proposition4_smooth(seed, lam, eta2)
    m, Sx, W, u, A0, b0 = (jnp.asarray(x) for x in _random_instance(seed))
    p = objective.problem(m, Sx, u, W @ W.T, A0, b0, _ETA_RANDOM, lam)
    solved = pe.prox_solution(p)
    if solved is None:
        return Outcome(margin=float("nan"), tolerance=0.0, method="newton",
                       verdict=Verdict.INCONCLUSIVE,
                       statement="the Newton solve did not converge (λ out of its float range)")
    route, sol = solved
    claimed = np.concatenate([np.ravel(g) for g in _prop4_gradient(
        W, u, sol, A0, b0, m, Sx, _ETA_RANDOM)])
    computed = np.concatenate([np.ravel(g) for g in _vprox_gradient(
        W, u, p.m, p.Sx, p.A0, p.b0, p.eta, p.lam)])
    scale = 1.0 + float(np.max(np.abs(computed)))
    err = (1e3 * EPS + np.sqrt(route.error)) * scale
    identity = _identity_14(claimed, computed, err, {})
    v = jnp.concatenate([objective.vech(sol.A), sol.b])
    eta1, top, size = (float(x) for x in _hessian_extremes(v, m, Sx, W, u, A0, b0,
                                                           p.eta, p.lam))
    concave = bound(top, -lam * eta1, 1e3 * EPS * D * 3 * max(1.0, size),
                    f"inner problem λη1-strongly concave: max eig ≤ −λη1 = {-lam * eta1:.4g}",
                    witness={"eta1": eta1, "max_eig_hessian": top})
    return all_of(concave, identity, method="autodiff")
