"""Farnia & Ozdaglar 2020, Theorem 2 for a general data covariance: ``X ~ N(0, Σ)`` with Σ SPD
of any dimension d, linear generators of rank k; derivation in
``docs/derivations/farnia2020.md#theorem-2-for-a-general-covariance``.

Decided in units η = 1 (κ = λη = 1/4) by Proposition 2's conditions at (G*, D*):
the optimal value is attained, D* is a best response, and G* minimises V^prox_κ(·, D*),
the last by the convexity certificate (first-order condition in SY, ``C_U ⪰ 0``) with each
of its quantities computed by a closed form and by autodiff of the reduced objective at
the maximiser (Danskin), the value by Newton and by the Gaussian OT closed form.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from theory import gaussian_ot
from theory.proximal import general, objective, threshold, w2gan
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.proximal_symbols import eta_param, kappa_at
from verifiers.outcomes import (
    Outcome,
    Route,
    agree,
    all_of,
    disagreement,
    equals,
    positive,
    routes_witness,
)
from verifiers.params import Integer, Real, seed_param
from verifiers.proximal import pe

EPS = float(np.finfo(np.float64).eps)


def spectrum(d: int, s_max: float, ratio: float) -> np.ndarray:
    """Variances ``s_i = s_max·ratio^{i/(d−1)}`` (geometric from ``s_max`` down to
    ``ratio·s_max``; ``s_max`` alone for d = 1)."""
    return s_max * ratio ** (np.arange(d) / max(d - 1, 1))


def rotation(d: int, seed: int) -> np.ndarray:
    """A random orthogonal ``Q`` (QR of a Gaussian matrix, numpy PRNG ``seed``)."""
    return np.linalg.qr(np.random.default_rng(seed).standard_normal((d, d)))[0]


def _scale(s) -> float:
    """Size of the program's terms: ``(1 + s_max)²`` (traces of Sx, M⁻¹ and their products)."""
    return (1.0 + float(np.max(s))) ** 2


def _prox_value(Sx, pair, u, kappa) -> Route | None:
    """``V^prox_κ((SY*, u), D*)`` by Newton (:func:`pe.prox_value_route`: squared decrement plus
    rounding); None if the solve did not converge."""
    d = len(u)
    return pe.prox_value_route(objective.problem(np.zeros(d), Sx, u, pair["SY"], pair["A"],
                                                 np.zeros(d), 1.0, kappa))


def _attained(s, Sx, pair) -> Outcome:
    """W* (closed form) against the Newton value V^prox_κ(G*, D*) and the Gaussian OT cost of
    G* (two independent routes; the first bounded by its decrement and rounding, the second by
    the eigh square roots' rounding)."""
    d = len(s)
    newton = _prox_value(Sx, pair, np.zeros(d), 0.25)
    ot = float(gaussian_ot.ot_cost(1.0, np.zeros(d), Sx, np.zeros(d), pair["SY"]))
    ot_route = Route("Gaussian OT cost of G*", ot, 64.0 * d * np.sqrt(EPS) * _scale(s))
    if newton is None:
        return Outcome(margin=float("nan"), tolerance=0.0, method="newton",
                       verdict=Verdict.INCONCLUSIVE, statement="the Newton solve did not converge")
    routes = (newton, ot_route)
    best = agree(*routes)
    if best is None:
        return disagreement(routes, "the optimal value W*")
    return equals(general.w_star(s), best, "V^prox_λ(G*, D*) = W_η(G*) = W* = Σ(√s_i − 1)₊²",
                  witness={"W_star_routes": routes_witness(routes)})


def _best_response(s, Sx, pair) -> Outcome:
    """‖∇_w V(G*, D*)‖ = 0 (V concave in w = (A, b)), by autodiff of the W2GAN value."""
    d = len(s)
    gA, gb = w2gan.grad_w(jnp.asarray(pair["W"]), jnp.zeros(d), jnp.asarray(pair["A"]),
                          jnp.zeros(d), jnp.zeros(d), jnp.asarray(Sx), 1.0)
    norm = float(jnp.sqrt(jnp.sum(gA**2) + jnp.sum(gb**2)))
    return equals(0.0, Route("‖∇_w V(G*, D*)‖ by autodiff", norm,
                             256.0 * d * EPS * _scale(s) * float(np.max(1.0 / general.slopes(s)))
                             ** 2),
                  "D* is a best response to G* (∇_w V(G*, D*) = 0)")


def _sy_condition(s, Q, Sx, pair, kappa) -> Outcome:
    """First-order condition in SY over ``{0 ⪯ SY ⪯ I}``: ``g_SY`` by its closed form and by
    autodiff must agree (entrywise, rounding ``256·d·eps·scale``; decided on the entry where
    they differ most); then the residual ``tr(g S*) − Σ min(0, λ_i(g))`` (≥ 0 always, 0 iff
    S* minimises ⟨g, ·⟩) must vanish. The witness shows both routes at the largest entry of
    the closed form (the entry of the largest difference is chosen by rounding) and that
    largest difference."""
    closed = (Q * general.sy_gradient(s)) @ Q.T
    auto = general.sy_gradient_autodiff(Sx, pair["SY"], pair["A"], kappa)
    err = 256.0 * len(s) * EPS * _scale(s)
    gap = np.abs(closed - auto)
    worst = _entry_routes(closed, auto, np.argmax(gap), err)
    if agree(*worst) is None:
        return disagreement(worst, "the SY-gradient g_SY of V^prox(·, D*) at G*")
    residual = float(np.trace(auto @ pair["SY"]) - np.sum(np.minimum(0.0, np.linalg.eigvalsh(
        0.5 * (auto + auto.T)))))
    shown = _entry_routes(closed, auto, np.argmax(np.abs(closed)), err)
    return equals(0.0, Route("first-order residual in SY", residual, 4.0 * len(s) * err),
                  "SY* minimises ⟨g_SY, SY⟩ over 0 ⪯ SY ⪯ I (g_SY ⪯ 0 where SY* = I, "
                  "0 elsewhere)", witness={"g_SY_routes": routes_witness(shown),
                                          "g_SY_max_route_difference": float(np.max(gap))})


def _entry_routes(closed, auto, flat: int, err: float) -> tuple[Route, Route]:
    """The two routes to ``g_SY`` at one entry (``flat`` in row-major order)."""
    i = np.unravel_index(int(flat), closed.shape)
    return (Route("closed-form g_SY", float(closed[i]), err),
            Route("autodiff g_SY", float(auto[i]), err))


def _witness(s, Q, Sx, pair, kappa, c_min, n=9) -> tuple[float, float, float]:
    """Most negative certified gap ``V^prox_κ((SY*, εv), D*) − W*`` along the eigenvector v
    of the smallest ``C_U`` eigenvalue, ε on a geometric grid; (gap, error, ε)."""
    v = Q[:, int(np.argmin(general.u_coefficients(s, kappa)))]
    best = (np.inf, 0.0, 0.0)
    for eps in np.geomspace(1e-3, 1.0, n):
        route = _prox_value(Sx, pair, eps * v, kappa)
        if route is None:
            continue
        gap = route.value - general.w_star(s)
        if gap + route.error < best[0] + best[1]:
            best = (gap, route.error, eps)
    return best


def _u_condition(s, Q, Sx, pair, kappa) -> Outcome:
    """``C_U ⪰ 0``: its smallest eigenvalue by the closed form and by half the smallest
    eigenvalue of the autodiff u-Hessian of the reduced objective at A* (Danskin; bound
    ``256·d·eps·scale``).
    Certified > 0: holds (with the SY condition, G* minimises V^prox(·, D*) by convexity).
    Certified < 0: refuted only by a certified witness generator, else inconclusive."""
    closed = float(np.min(general.u_coefficients(s, kappa)))
    hess = general.u_hessian(Sx, pair["SY"], pair["A"], kappa)
    auto = 0.5 * float(np.linalg.eigvalsh(0.5 * (hess + hess.T))[0])
    routes = (Route("closed-form λ_min(C_U)", closed, 32.0 * EPS * (1.0 + 4.0 * kappa)),
              Route("½λ_min(∇²_u F(A*)) by autodiff", auto, 256.0 * len(s) * EPS * _scale(s)))
    best = agree(*routes)
    if best is None:
        return disagreement(routes, "the smallest eigenvalue of C_U")
    stmt = "G* minimises V^prox_λ(·, D*) (C_U ⪰ 0)"
    if best.value >= -best.error:
        return positive(best.value, best.error, stmt, method="certificate",
                        witness={"C_U_min_eig": best.value,
                                 "C_U_routes": routes_witness(routes)})
    gap, err, eps = _witness(s, Q, Sx, pair, kappa, best.value)
    witness = {"C_U_min_eig": best.value, "C_U_routes": routes_witness(routes),
               "witness_gap": gap, "witness_gap_error": err,
               "witness_shift": eps}
    if gap < -err:
        return positive(gap, err, stmt + f" fails: a shift of size {eps:.3g} lowers it by "
                        f"{-gap:.3g}", witness=witness, method="certificate+Newton witness")
    return Outcome(margin=best.value, tolerance=best.error, witness=witness,
                   method="certificate+Newton witness", verdict=Verdict.INCONCLUSIVE,
                   statement="undecided: C_U has a negative eigenvalue but no certified "
                             "witness: " + stmt)


def _expected(p) -> Verdict:
    """holds for k ≥ d; inapplicable for k < d ({D^θ} is then not convex)."""
    return Verdict.HOLDS if p["k"] >= p["d"] else Verdict.INAPPLICABLE


@claim("farnia2020.theorem2.general",
       reference="Farnia & Ozdaglar 2020, Theorem 2",
       statement="In the W2GAN with cost η‖x − y‖² and convex {D^θ} (data N(0, Σ), Σ SPD of any "
                 "dimension d, generators G(z) = Wz + u of rank k ≥ d with σ_max(W) ≤ 1), the "
                 "W2-optimal pair (G_θ*, D^θ*) is a 1/(4η)-proximal equilibrium with respect "
                 "to the Sobolev semi-norm (15).",
       params=[Integer("d", 3, low=1, high=6, sample_low=1, sample_high=4,
                       doc="dimension d of the data"),
               Integer("k", 4, low=1, high=8, sample_low=1, sample_high=6,
                       doc="latent dimension k (rank of W); Theorem 2 needs k ≥ d"),
               Real("s_max", 4.0, low=1e-4, high=1e4, sample_low=0.2, sample_high=20.0,
                    doc="largest eigenvalue (variance) of Σ"),
               Real("ratio", 0.25, low=1e-6, high=1.0, sample_low=0.01, sample_high=1.0,
                    doc="smallest/largest eigenvalue of Σ (spectrum geometric in between)"),
               seed_param("seed of Σ's eigenvectors", sample_high=10_000),
               eta_param(1.0)],
       expected=_expected,
       derivation="farnia2020.md#theorem-2-for-a-general-covariance")
def check_theorem2_general(d, k, s_max, ratio, seed, eta) -> Outcome:
    """Hypothesis k ≥ d (inapplicable otherwise); then, at κ = λη with λ =
    :func:`threshold.theorem2_constant`: W* attained, D* a best response, and the convexity
    certificate (SY first-order condition, C_U ⪰ 0)."""
    if k < d:
        return Outcome.inapplicable(f"{{D^θ}} convex (needs k ≥ d; here k = {k} < d = {d}: "
                                    "SY has rank < d)")
    kappa = kappa_at(threshold.theorem2_constant, eta)
    s, Q = spectrum(d, s_max, ratio), rotation(d, seed)
    Sx = general.covariance(s, Q)
    pair = general.optimal_pair(s, Q, k)
    return all_of(_attained(s, Sx, pair), _best_response(s, Sx, pair),
                  _sy_condition(s, Q, Sx, pair, kappa), _u_condition(s, Q, Sx, pair, kappa),
                  statement=f"(G*, D*) is a 1/(4η)-proximal equilibrium (d = {d}, k = {k}, "
                            f"spectrum {np.array2string(s, precision=3)})")
