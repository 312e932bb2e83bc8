"""Theorem 1 of Farnia & Ozdaglar 2020: no Nash equilibrium in the Gaussian linear-generator
games when σ > 1 and t > 0, and the slides' version for a general covariance Σ.

Every check follows one pattern (docs/derivations/farnia2020.md). A Nash equilibrium
must be the pair (G*, D_{G*}) of the divergence minimiser G* and its best-response
discriminator (derived); so it is enough that one generator deviation gains a positive
amount against D_{G*}. The check

1. evaluates the derivation's closed form of that gain (the *claimed* formula),
2. computes the gain by independent routes, each with an a-priori error bound
   (closed-form game values with a rounding bound, adaptive quadrature with its own error
   estimate, Gauss–Hermite with its node-halving estimate),
3. answers ``inconclusive`` when the routes disagree beyond their bounds, else
   ``refuted`` when the claimed formula misses the verified gain, else decides the sign of
   the verified gain.

σ ≤ 1 or t = 0 (where the games still exist) is ``inapplicable``.
"""

from __future__ import annotations

import math
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.gaussian_games import fgan, fgan_star, w2gan, wgan
from theory.gaussian_games.lemma import log_ratio
from theory.small_eigh import eigh
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.symbols import (
    FGAN_NAMES,
    SIGMA,
    SIGMA_MATRIX,
    T_ANY,
    D,
    eigen_enclosure,
    sampler_and_strategy,
)
from verifiers.exact import lambda_max_exceeds
from verifiers.nash import certify, crosscheck
from verifiers.nash.certify import rounding
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
from verifiers.params import Choice

DIVERGENCE = Choice("divergence", "kl", choices=FGAN_NAMES,
                    doc="f-divergence (neyman violates the t^2 f'' condition; the conclusion "
                        "holds)")
GAME = Choice("game", "w2gan", choices=("w2gan", "kl", "rkl", "hellinger", "js"),
              doc="W2GAN (c-concave D) or the f-GAN of this divergence")


def expected_theorem1(params) -> Verdict:
    """holds for sigma > 1 and t > 0; inapplicable for sigma <= 1 or t = 0 (Theorem 1's
    hypotheses sigma > 1, t > 0 unmet)."""
    return Verdict.HOLDS if params["sigma"] > 1 and params["t"] > 0 else Verdict.INAPPLICABLE


def expected_general(params) -> Verdict:
    """holds for lambda_max(Sigma) > 1 and t > 0; inapplicable for lambda_max(Sigma) <= 1
    or t = 0 (λ_max(Σ) > 1 decided exactly: Σ = I is outside the hypothesis)."""
    applies = lambda_max_exceeds(params["Sigma"], 1.0) and params["t"] > 0
    return Verdict.HOLDS if applies else Verdict.INAPPLICABLE


def unmet_hypothesis(sigma: float, t: float) -> Outcome | None:
    """``inapplicable`` naming Theorem 1's first unmet hypothesis, or None."""
    if not sigma > 1:
        return Outcome.inapplicable("sigma > 1", {"sigma": sigma})
    if not t > 0:
        return Outcome.inapplicable("t > 0", {"t": t})
    return None


def decide_gain(claimed: float, claimed_error: float, routes: list[Route], what: str,
                statement: str, witness: dict, method: str) -> Outcome:
    """The claimed closed form of a deviation's gain against verified routes, and its sign.

    ``inconclusive`` if a value is not finite (float64 overflow) or the routes disagree;
    else ``all_of(gain > 0, claimed == verified gain)``."""
    witness = {**witness, "claimed_gain": claimed,
               "routes": routes_witness(routes)}
    if not all(math.isfinite(x) for x in (claimed, *(r.value for r in routes))):
        return Outcome(margin=math.nan, tolerance=0.0, method=method, witness=witness,
                       statement=f"{what} overflows float64 here; nothing decided",
                       verdict=Verdict.INCONCLUSIVE)
    best = agree(*routes)
    if best is None:
        return disagreement(routes, what, witness, method)
    verified = Route(best.name, best.value, best.error + claimed_error)
    return all_of(
        positive(best.value, best.error, statement, witness=witness, method=method),
        equals(claimed, verified, f"the derivation's closed form of {what} is {claimed:.10g}",
               method=method),
        statement=statement, method=method)


def _route(name: str, value, error: float) -> Route:
    return Route(name, float(value), float(error) if math.isfinite(float(error)) else 0.0)


SAMPLE_WGAN = sampler_and_strategy([SIGMA, T_ANY])


@claim("farnia2020.theorem1.wgan", reference="Farnia & Ozdaglar 2020, Theorem 1 (WGAN)",
       statement="The 1-D WGAN with N(0, σ²) data, σ > 1, and generator wz + u, |w| ≤ 1, "
                 "|u| ≤ t, t > 0, has no Nash equilibrium over 1-Lipschitz critics.",
       params=[SIGMA, T_ANY], expected=expected_theorem1,
       derivation="farnia2020.md#theorem-1-wgan",
       sampler=SAMPLE_WGAN[0], strategy_fn=SAMPLE_WGAN[1])
def check_theorem1_wgan(sigma: float, t: float) -> Outcome:
    """At G* = (1, 0), D* = |x| the deviation (1, t) gains ``c_W1(t) = m(t, 1) − m(0, 1)``."""
    unmet = unmet_hypothesis(sigma, t)
    if unmet:
        return unmet
    closed = wgan.value(sigma, 1.0, 0.0, 0.0) - wgan.value(sigma, 1.0, t, 0.0)
    routes = [_route("folded-normal game values", closed, rounding(sigma + t)),
              _route("quadrature", *crosscheck.wgan_gain_quadrature(t))]
    claimed = float(wgan.c_w1(t))
    return decide_gain(
        claimed, rounding(t), routes, "the gain of (1, t) against D* = |x|",
        f"no NE: the deviation (|w'| = 1, u' = t) gains > 0 against D* = |x| at G* = (1, 0), "
        f"and every NE would be (G*, D*); c_W1(t) = {claimed:.10g}",
        {"candidate": {"w": 1.0, "u": 0.0}, "critic": "D*(x) = |x|",
         "deviation": {"w": 1.0, "u": t}, "symbolic_proof": certify.symbolic_cw1_positive()},
        "closed form + quadrature + sympy (c_W1' = erf(t/sqrt 2) > 0)")


SAMPLE_W2 = sampler_and_strategy([SIGMA, T_ANY, D])


@jax.jit
def _w2_closed_gain(A, b, S, dev, Sigma):
    """``(V(G, D) − V((S, dev), D), magnitude)``, ``G = (S, 0)``, ``D = (A, b)``: the closed-form
    gain and the size of the numbers it is computed from (for its rounding bound)."""
    values = jax.vmap(w2gan.value, (None, None, None, 0, None))(
        A, b, S, jnp.stack([jnp.zeros_like(dev), dev]), Sigma)  # one kernel K for both
    magnitude = (jnp.trace(Sigma) + jnp.trace(S) + dev @ dev) * (jnp.max(jnp.abs(A)) + 1)
    return values[0] - values[1], magnitude


@partial(jax.jit, static_argnums=2)
def _w2gan_at_optimum(sigma, t, d: int):
    """``(A, b, u', gain, magnitude)``: the Kantorovich potential ``(A, b)`` of ``G* = (I, 0)``
    for ``N(0, σ²I)`` data, the deviation ``u' = t e1`` and :func:`_w2_closed_gain`, in one
    compiled function (one kernel per d, not one per operation)."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    Sig = sigma**2 * eye
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    dev = zero.at[0].set(t)
    return A, b, dev, *_w2_closed_gain(A, b, eye, dev, Sig)


def _w2_gain_routes(A, b, S, dev, Sigma, closed=None) -> list[Route]:
    """The gain ``V(G, D) − V((S, dev), D)`` in closed form (``(gain, magnitude)`` when the
    caller has it) and by Gauss–Hermite."""
    gain, scale = jax.device_get(closed or _w2_closed_gain(A, b, S, dev, Sigma))
    A, b, S, dev, Sigma = (np.asarray(x, float) for x in (A, b, S, dev, Sigma))
    h0, e0 = crosscheck.w2gan_value_hermite(A, b, S, np.zeros_like(dev), Sigma)
    h1, e1 = crosscheck.w2gan_value_hermite(A, b, S, dev, Sigma)
    return [_route("closed-form values", gain, rounding(scale)),
            _route("Gauss-Hermite with solved c-transform", h0 - h1, e0 + e1)]


@claim("farnia2020.theorem1.w2gan",
       reference="Farnia & Ozdaglar 2020, Theorem 1 (W2GAN, c-concave D)",
       statement="The W2GAN with N(0, σ²I) data, σ > 1, linear generator σ_max(W) ≤ 1, ‖u‖ ≤ t, "
                 "t > 0, has no Nash equilibrium over c-concave discriminators.",
       params=[SIGMA, T_ANY, D], expected=expected_theorem1,
       derivation="farnia2020.md#theorem-1-w2gan-c-concave-discriminators",
       sampler=SAMPLE_W2[0], strategy_fn=SAMPLE_W2[1])
def check_theorem1_w2gan(sigma: float, t: float, d: int) -> Outcome:
    """At G* = (I, 0), D* its Kantorovich potential, the deviation (I, t e1) gains
    ``(σ − 1)t²/2`` (exact rationals)."""
    unmet = unmet_hypothesis(sigma, t)
    if unmet:
        return unmet
    A, b, dev, *closed = jax.device_get(_w2gan_at_optimum(sigma, t, d))
    eye = np.eye(d)
    routes = _w2_gain_routes(A, b, eye, dev, sigma**2 * eye, closed)
    claimed = float(certify.exact_half_sigma_minus_one_t2(sigma, t))
    return decide_gain(
        claimed, rounding(0.0) * abs(claimed), routes,
        "the gain of u' = t e1 against the Kantorovich potential of G*",
        f"no NE over c-concave D: at G* = (I, 0) the deviation u' = t e1 gains > 0 against "
        f"D_G*, and every NE would be (G*, D_G*); (sigma - 1) t^2 / 2 = {claimed:.10g}",
        {"candidate": {"S": np.eye(d), "u": np.zeros(d)}, "critic_A": A, "critic_b": b,
         "deviation_u": dev},
        "closed form + Gauss-Hermite + exact rationals")


@partial(jax.jit, static_argnums=1)
def _w2gan_u_curvature(sigma, d: int):
    """The largest eigenvalue of ``Hess_u V((I, u), D_{G*})`` at ``u = 0`` by autodiff of
    :func:`theory.gaussian_games.w2gan.value` and of its closed form ``I − K``
    (``K = (I − 2A*)⁻¹``), in one compiled function."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    Sig = sigma**2 * eye
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    hess = jax.hessian(lambda v: w2gan.value(A, b, eye, v, Sig))(zero)
    K, _ = w2gan.kernel(A)
    return eigh(hess)[0][-1], eigh(eye - K)[0][-1]


@claim("farnia2020.theorem1.w2gan_quadratic",
       reference="Farnia & Ozdaglar 2020, Theorem 1 (W2GAN, quadratic D)",
       statement="With quadratic discriminators D(x) = xᵀAx + bᵀx the W2GAN (σ > 1, t > 0) has "
                 "no local Nash equilibrium: the generator's second-order condition fails.",
       params=[SIGMA, T_ANY, D], expected=expected_theorem1,
       derivation="farnia2020.md#theorem-1-w2gan-quadratic-discriminators",
       sampler=SAMPLE_W2[0], strategy_fn=SAMPLE_W2[1])
def check_theorem1_w2gan_quadratic(sigma: float, t: float, d: int) -> Outcome:
    """At a local NE, D = D_G and u = 0; then ``Hess_u V(·, D_G) = I − K_G``; at G* every
    eigenvalue is ``1 − σ < 0`` (claimed), computed by autodiff and from ``K``."""
    unmet = unmet_hypothesis(sigma, t)
    if unmet:
        return unmet
    by_autodiff, closed = jax.device_get(_w2gan_u_curvature(sigma, d))
    routes = [_route("autodiff Hessian", by_autodiff, rounding(sigma)),
              _route("closed form I - K", closed, rounding(sigma))]
    claimed = float(w2gan.optimum_u_hessian_eigenvalue(sigma))
    best = agree(*routes)
    witness = {"routes": routes_witness(routes), "claimed_eigenvalue": claimed,
               "descent_direction": np.eye(d)[0]}
    if best is None:
        return disagreement(routes, "the largest eigenvalue of Hess_u V(G*, D_G*)", witness)
    verified = Route(best.name, best.value, best.error + rounding(sigma))
    statement = (f"no local NE with quadratic D: at u = 0 (forced by first order) the u-Hessian "
                 f"of V(., D_G*) has largest eigenvalue {best.value:.10g} < 0, so G* is not a "
                 f"local minimiser")
    return all_of(positive(-best.value, best.error, statement, witness=witness),
                  equals(claimed, verified, f"the claimed eigenvalue 1 - sigma = {claimed:.10g}"),
                  statement=statement, method="autodiff Hessian + closed form I - K_G")


FGAN_PARAMS = [SIGMA, T_ANY, D, DIVERGENCE]


def _fgan_sampler(rng: np.random.Generator) -> dict:
    """Draws over the whole domain; Pearson mostly at σ² < 2, where its gap is finite."""
    values = sampler_and_strategy(FGAN_PARAMS)[0](rng)
    if values["divergence"] == "pearson" and rng.uniform() < 0.8:
        values["sigma"] = float(rng.uniform(0.2, 1.4))
    return values


def _fgan_strategy():
    from hypothesis import strategies as st

    return st.integers(0, 2**32 - 1).map(lambda s: _fgan_sampler(np.random.default_rng(s)))


def _lemma_gain(name: str, sigma: float, d: int, t: float) -> Route:
    """Route 1: ``J_{G*}(I, t e1) − J_{G*}(I, 0)`` from the Gaussian expectation lemma
    (JS: Gauss–Hermite, error = distance between the 80- and 40-node rules)."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    ell = log_ratio(eye, zero, sigma**2 * eye)
    dev = zero.at[0].set(t)
    gain = float(fgan.J(name, ell, dev, eye) - fgan.J(name, ell, zero, eye))
    size = abs(float(fgan.J(name, ell, dev, eye))) + abs(float(fgan.J(name, ell, zero, eye)))
    err = rounding(size * (1 + abs(math.log(max(size, 1e-300)))))
    if name == "js":
        coarse = float(fgan.J(name, ell, dev, eye, 40) - fgan.J(name, ell, zero, eye, 40))
        err += abs(gain - coarse)
    return _route("Gaussian lemma", gain, err)


def _claimed_gap_star(name: str, sigma: float, d: int, t: float) -> tuple[float, float]:
    """The derivation's gain ``gap*`` and its own error (rounding; JS: quadrature estimate)."""
    if name == "js":
        value = float(fgan_star.gap_star(name, sigma, d, t))
        return value, fgan_star.js_gap_star_with_error(sigma, d, t)[1]
    try:
        value = float(fgan_star.gap_star(name, sigma, d, t))
    except OverflowError:
        return math.inf, 0.0
    return value, rounding(value * (1 + sigma * sigma * (1 + t * t)))


@claim("farnia2020.theorem1.fgan", reference="Farnia & Ozdaglar 2020, Theorem 1 (f-GAN)",
       statement="The f-GAN with N(0, σ²I) data, σ > 1, linear generator (dim X = dim Z), "
                 "t > 0, and an unconstrained discriminator has no Nash equilibrium (for f with "
                 "t²f'' non-decreasing, and also for Neyman χ², which violates it).",
       params=FGAN_PARAMS, expected=expected_theorem1,
       derivation="farnia2020.md#theorem-1-f-gan",
       sampler=_fgan_sampler, strategy_fn=_fgan_strategy)
def check_theorem1_fgan(sigma: float, t: float, d: int, divergence: str) -> Outcome:
    """At G* = (I, 0) the deviation (I, t e1) gains ``gap*`` against D* = f'(p_X/p_G*)."""
    unmet = unmet_hypothesis(sigma, t)
    if unmet:
        return unmet
    if divergence == "pearson" and sigma**2 >= 2:
        return positive(math.inf, 0.0, "no NE: chi^2(P_X||P_G) = +inf for every admissible G "
                        "(sigma^2 >= 2), so no discriminator attains sup_D V",
                        witness={"sigma_squared": sigma**2})
    claimed, claimed_err = _claimed_gap_star(divergence, sigma, d, t)
    routes = [_lemma_gain(divergence, sigma, d, t)]
    if d == 1:
        routes.append(_route("adaptive quadrature", *crosscheck.fgan_gain_quadrature(
            divergence, sigma, t)))
    return decide_gain(
        claimed, claimed_err, routes, f"the gain of (I, t e1) against D* ({divergence})",
        f"no NE for {divergence}: at G* = (I, 0) the deviation (I, t e1) gains > 0 against "
        f"D* = f'(p_X/p_G*), and every NE would be (G*, D*); gap* = {claimed:.10g}",
        {"candidate": {"W": np.eye(d), "u": np.zeros(d)}, "deviation_u": np.eye(d)[0] * t},
        "closed form + Gaussian lemma" + (" + adaptive quadrature" if d == 1 else ""))


def _general_routes(game: str, Sigma: np.ndarray, S_star: np.ndarray, v: np.ndarray,
                    t: float) -> list[Route]:
    """The gain of ``u' = t v`` at ``(S*, 0)`` against ``D_{(S*, 0)}`` by independent routes."""
    d = Sigma.shape[0]
    Sj, Sig, zero, dev = (jnp.asarray(S_star), jnp.asarray(Sigma), jnp.zeros(d),
                          jnp.asarray(t * v))
    if game == "w2gan":
        A, b = w2gan.discriminator_best_response(Sj, zero, Sig)
        return _w2_gain_routes(A, b, Sj, dev, Sig)
    ell = log_ratio(Sj, zero, Sig)
    j1, j0 = float(fgan.J(game, ell, dev, Sj)), float(fgan.J(game, ell, zero, Sj))
    err = rounding((abs(j1) + abs(j0)) * (1 + float(jnp.max(jnp.abs(Sig)))))
    if game == "js":
        err += abs((j1 - j0) - float(fgan.J(game, ell, dev, Sj, 40) - fgan.J(game, ell, zero, Sj,
                                                                              40)))
    routes = [_route("Gaussian lemma", j1 - j0, err)]
    if d <= 2:
        quad = crosscheck.fgan_reward_quadrature_with_error
        q1, e1 = quad(game, S_star, np.zeros(d), Sigma, S_star, t * v)
        q0, e0 = quad(game, S_star, np.zeros(d), Sigma, S_star, np.zeros(d))
        routes.append(_route("quadrature", q1 - q0, e1 + e0))
    return routes


@claim("farnia2020.theorem1.general_sigma",
       reference="Farnia & Ozdaglar 2020, slides: Theorem (general covariance)",
       statement="With X ~ N(0, Σ), λ_max(Σ) > 1, and t > 0, the W2GAN and the f-GANs (KL, "
                 "reverse KL, Hellinger; JS on numerics for the candidate) have no Nash "
                 "equilibrium.",
       params=[SIGMA_MATRIX, T_ANY, GAME], expected=expected_general,
       derivation="farnia2020.md#theorem-1-general-covariance-slides",
       sampler=sampler_and_strategy([SIGMA_MATRIX, T_ANY, GAME])[0],
       strategy_fn=sampler_and_strategy([SIGMA_MATRIX, T_ANY, GAME])[1])
def check_theorem1_general_sigma(Sigma: np.ndarray, t: float, game: str) -> Outcome:
    """Candidate ``(S*, 0)``, ``S* = Q min(Λ, 1) Qᵀ``; deviation ``u' = t v_max``."""
    lam_lo, lam_hi, v = eigen_enclosure(Sigma)
    if not lambda_max_exceeds(Sigma, 1.0):
        return Outcome.inapplicable("lambda_max(Sigma) > 1", {"lambda_max_enclosure":
                                                              [lam_lo, lam_hi]})
    if not t > 0:
        return Outcome.inapplicable("t > 0", {"t": t})
    lam, Q = np.linalg.eigh(Sigma)
    S_star = (Q * np.minimum(lam, 1.0)) @ Q.T
    routes = _general_routes(game, Sigma, S_star, v, t)
    witness = {"candidate_S": S_star, "deviation_u": t * v, "lambda_max_enclosure":
               [lam_lo, lam_hi]}
    statement = (f"no NE ({game}): at the divergence minimiser (S*, 0) the deviation "
                 f"u' = t v_max gains > 0 against D_(S*, 0)")
    if game == "js":
        best = agree(*routes)
        if best is None:
            return disagreement(routes, "the JS gain", witness)
        return positive(best.value, best.error, statement + " (JS: the candidate is the "
                        "numerical divergence minimiser, not a proved one)",
                        witness={**witness, "routes": routes_witness(routes)},
                        method="Gaussian lemma + quadrature")
    try:
        claimed = float(fgan_star.gap_general(game, list(lam), t))
    except OverflowError:
        claimed = math.inf
    lam_err = (lam_hi - lam_lo) * t * t * (1 + abs(claimed))
    return decide_gain(claimed, rounding(claimed) + lam_err, routes,
                       f"the gain of u' = t v_max ({game})", statement, witness,
                       "closed form + independent routes + eigenvalue residual enclosure")
