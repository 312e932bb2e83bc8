"""λ-proximal-equilibrium checks in the Theorem-1 W2GAN game (Proposition 2).

Game: ``X ~ N(0, σ²I_d)``, ``G(z) = Wz + u`` (W is d × k, σ_max(W) ≤ 1, ‖u‖ ≤ t),
cost η‖x − y‖², quadratic discriminators, Sobolev semi-norm. ``(G*, D*)`` is a
λ-PE iff (a) D* is a best response to G* and (b) ``min_G V^prox_λ(G, D*) ≥ W*``.
Condition (b) is checked two ways: an untrusted batched search (random starts,
projected descent with the Proposition-4 gradient ``∇_θ V(G_θ, D_{w*})``) whose
best point is re-evaluated by a fresh Newton solve, and — for k ≥ d — the
certified convexity bound ``C_U ⪰ 0`` (``docs/derivations/farnia2020.md``,
"the exact threshold"). The certified decisions at the end of this module work in units
η = 1 (scale invariance) and hand their numbers to :mod:`verifiers.outcomes`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.proximal import objective, threshold, w2gan
from verifiers.certificate import Verdict
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


def problem(W, u, lam, sigma, eta, A0=None, b0=None) -> objective.Problem:
    """The proximal problem at generator ``(W, u)`` with anchor ``D*`` (or ``(A0, b0)``)."""
    d = W.shape[0]
    A_star, b_star, _ = w2gan.theorem1_optimum(sigma, eta, d)
    f = jnp.asarray
    return objective.Problem(
        jnp.zeros(d),
        sigma**2 * jnp.eye(d),
        f(u),
        f(W) @ f(W).T,
        A_star if A0 is None else f(A0),
        b_star if b0 is None else f(b0),
        f(eta),
        f(lam),
    )


def prox_gap(W, u, lam, sigma, eta):
    """``V^prox_λ(G_θ, D*) − W*`` and the Proposition-4 gradient ``∇_θ V(G_θ, D_{w*})``
    (the shared compiled Newton kernel of :func:`objective.solve`, then autodiff)."""
    W, u, lam, sigma, eta = (jnp.asarray(x, jnp.float64) for x in (W, u, lam, sigma, eta))
    d = W.shape[0]
    sol = objective.solve(problem(W, u, lam, sigma, eta))
    _, _, w_star = w2gan.theorem1_optimum(sigma, eta, d)
    grads = w2gan.grad_theta(W, u, sol.A, sol.b, jnp.zeros(d), sigma**2 * jnp.eye(d), eta)
    return sol.value - w_star, grads


@jax.jit
def _batched_step(Ws, us, lam, sigma, eta, t, lr):
    """One projected Proposition-4 gradient step for a batch of generators."""
    gaps, (gW, gu) = jax.vmap(lambda W, u: prox_gap(W, u, lam, sigma, eta))(Ws, us)
    Ws, us = jax.vmap(lambda W, u, a, b: w2gan.project(W - lr * a, u - lr * b, t))(Ws, us, gW, gu)
    return Ws, us, gaps


def _batched_search(Ws, us, lam, sigma, eta, t, lr, steps=25):
    """Projected descent; the step is one compiled batched kernel (a Python loop over the
    few steps, not over instances, keeps compilation to one vmapped Newton solve)."""
    for _ in range(steps):
        Ws, us, gaps = _batched_step(Ws, us, lam, sigma, eta, t, lr)
    return Ws, us, gaps


def random_generators(key, n, d, k, t):
    """``n`` admissible generators: half random ``W`` (σ_max uniform in (0, 1]) with random
    ``u`` in the ball, half ``W`` with orthonormal rows and small ``u`` (near G*)."""
    k1, k2, k3, k4 = jax.random.split(key, 4)
    W = jax.random.normal(k1, (n, d, k))
    top = jnp.linalg.norm(W, ord=2, axis=(1, 2))
    W = W * (jax.random.uniform(k2, (n, 1, 1)) / top[:, None, None])
    Q = jnp.linalg.qr(jax.random.normal(k3, (n, k, k)))[0][:, :d, :]
    W = jnp.where((jnp.arange(n) % 2 == 0)[:, None, None], W, Q)
    direction = jax.random.normal(k4, (n, d))
    radius = t * jax.random.uniform(k4, (n, 1)) ** 2
    u = direction / jnp.linalg.norm(direction, axis=1, keepdims=True) * radius
    return W, u


def search_gap(lam, sigma, eta, d, k, t, *, key, n=32, lr=0.05) -> dict:
    """Untrusted search for ``min_G V^prox_λ(G, D*) − W*``; the best point is re-solved."""
    W0, u0 = random_generators(key, n, d, k, t)
    Ws, us, gaps = _batched_search(W0, u0, lam, sigma, eta, t, lr)
    best = int(jnp.argmin(gaps))
    gap, _ = prox_gap(Ws[best], us[best], lam, sigma, eta)
    return {"gap": float(gap), "W": np.asarray(Ws[best]), "u": np.asarray(us[best])}


def certified_coefficient(lam, sigma, eta, d) -> float:
    """``λ_min(C_U)`` (k ≥ d): ≥ 0 certifies ``min_G V^prox_λ(G, D*) = W*``."""
    return float(np.linalg.eigvalsh(threshold.u_coefficient(lam, sigma**2 * np.eye(d), eta))[0])


def curvature_fd(lam, sigma, eta, h=1e-3) -> float:
    """``2[V^prox_λ(G_h, D*) − W*]/h²`` with ``G_h = (I, h e1)``, d = 1 (model-free curvature)."""
    gap, _ = prox_gap(jnp.eye(1), jnp.array([h]), lam, sigma, eta)
    return 2.0 * float(gap) / h**2


def bisect_threshold(sigma, eta, width=1e-9) -> float:
    """λ_max by certified bisection on the sign of the autodiff u-curvature
    (:func:`threshold_bracket` with relative ``width``, scale-free in κ = λη); the midpoint
    of the final bracket."""
    lo_k, hi_k, _ = threshold_bracket(sigma, width)
    return 0.5 * (lo_k + hi_k) / eta


# --- certified decisions in units η = 1 ----------------------------------------------------
#
# Scale invariance: D ↦ D/η maps V(G, D; η) to V(G, D/η; 1)/η and ‖D‖² to η²‖D/η‖², so
# V^prox_λ(G, D; η) = η V^prox_{λη}(G, D/η; 1). Every PE question at (λ, η) is the same
# question at (κ = λη, η = 1); the checks below work there (no under/overflow in η).

EPS = float(np.finfo(np.float64).eps)


def kappa_max(sigma: float) -> float:
    """``λ_max η = σ/(4(σ − 1))`` (+∞ at σ = 1)."""
    return threshold.lam_max_isotropic(sigma, 1.0)


def coefficient_routes(kappa, sigma, d=2) -> tuple[Route, Route]:
    """``c(κ)`` two ways, each with a rounding bound: the closed form
    :func:`threshold.pe_coefficient` and the smallest eigenvalue of ``C_U`` (η = 1, built
    from ``B*`` and ``A*`` by linear algebra). The subtraction ``1 − 4κa*`` loses up to
    ``4κ·eps`` absolutely, which division by ``1 + 4κ/σ`` brings to ``≤ 4σ·eps``."""
    closed = threshold.pe_coefficient(kappa, sigma)
    C = threshold.u_coefficient(kappa, sigma**2 * np.eye(d), 1.0)
    eig = float(np.linalg.eigvalsh(C)[0])
    scale = max(1.0, sigma)
    return (Route("closed form (σ − 4κ(σ−1))/(σ + 4κ)", closed, 32.0 * EPS * scale),
            Route("λ_min(C_U) by eigvalsh", eig, 128.0 * d * EPS * scale))


@jax.jit
def _solve_with_decrement(p: objective.Problem):
    """Newton's solution and the squared Newton decrement re-evaluated at its point."""
    sol = objective._solve(p)
    g, H = objective.derivatives(sol.A, p, jnp.asarray(0.0))
    return sol, -g @ jnp.linalg.solve(H, g)


def gap_route(W, u, kappa, sigma, A0=None, b0=None) -> Route | None:
    """``V^prox_κ(G, D0) − W*`` (η = 1) by Newton, with its error bound: the squared
    decrement at the returned point (the value error of a concave program near its optimum is
    half of it; we take all of it) plus a rounding bound of the O(σ²d) terms of ``F``.
    ``None`` if the solve did not converge (non-finite value or decrement > 1e-16)."""
    d = W.shape[0]
    sol, dec = _solve_with_decrement(problem(jnp.asarray(W), jnp.asarray(u), kappa,
                                             sigma, 1.0, A0, b0))
    value, dec = float(sol.value), float(dec)
    if not (np.isfinite(value) and np.isfinite(dec) and abs(dec) <= 1e-16):
        return None
    w_star = float(w2gan.theorem1_optimum(sigma, 1.0, d)[2])
    scale = abs(value) + w_star + d * (sigma**2 + sigma + 1.0) + 4.0 * float(np.sum(u**2))
    return Route("Newton gap", value - w_star, abs(dec) + 512.0 * EPS * scale)


def search_witness(kappa, sigma, t, d=2, n=13) -> dict:
    """Untrusted search for ``G`` with ``V^prox_κ(G, D*) < W*``: shifts ``G = (I, ε e1)``, ε on a
    geometric grid in ``[1e-3 t, t]``, each a Newton gap with its bound. Returns the most
    negative certified gap (``gap + error`` smallest) and the generator."""
    best = {"gap": float("inf"), "error": 0.0, "u": None}
    for eps in t * np.geomspace(1e-3, 1.0, n):
        u = eps * np.eye(d)[0]
        route = gap_route(np.eye(d), u, kappa, sigma)
        if route is not None and route.value + route.error < best["gap"] + best["error"]:
            best = {"gap": route.value, "error": route.error, "u": u}
    return best


def best_response_route(sigma, d=2, A=None, b=None) -> Route:
    """``‖∇_w V(G*, D)‖`` (η = 1) by autodiff at ``D = (A, b)`` (default ``D*`` of
    :func:`w2gan.theorem1_optimum`): zero iff D is a best response to G* (V is concave in w).
    Rounding: the gradient's terms are of size σ² and ``1/(1 − a)²`` with ``1 − a`` known to
    ``eps`` absolutely, i.e. relative error ``eps·σ``: bound ``64·d·eps·σ³``."""
    A_star, b_star, _ = w2gan.theorem1_optimum(sigma, 1.0, d)
    A = A_star if A is None else jnp.asarray(A)
    b = b_star if b is None else jnp.asarray(b)
    gA, gb = w2gan.grad_w(jnp.eye(d), jnp.zeros(d), A, b, jnp.zeros(d), sigma**2 * jnp.eye(d),
                          1.0)
    norm = float(jnp.sqrt(jnp.sum(gA**2) + jnp.sum(gb**2)))
    return Route("‖∇_w V(G*, D)‖ by autodiff", norm, 64.0 * d * EPS * max(1.0, sigma) ** 3)


def best_response(sigma, d=2, A=None, b=None) -> Outcome:
    """D (default D*) is a best response to G*: the gradient norm is 0 within its bound."""
    return equals(0.0, best_response_route(sigma, d, A, b),
                  "D is a best response to G* (∇_w V(G*, D) = 0, V concave in w)")


def minimiser(kappa, sigma, t, d=2) -> Outcome:
    """``min_G V^prox_κ(G, D*) ≥ W*`` (η = 1), decided by the convexity certificate
    ``c(κ) ≥ 0`` (two routes) and the untrusted witness search:

    * ``c > err`` and no certified witness: holds (margin c);
    * ``c < −err`` and a certified witness (gap < −its bound): refuted (margin the gap); a
      witness is searched at ``κ_w = min(κ, 2κ_max)`` (Proposition 3: a witness at κ_w ≤ κ is
      one at κ);
    * anything else (c within its error, certificate and search disagreeing, no witness
      resolved): inconclusive."""
    routes = coefficient_routes(kappa, sigma, d)
    best = agree(*routes)
    if best is None:
        return disagreement(routes, "the coefficient c(κ) of C_U")
    c, err = best.value, best.error
    k_w = min(kappa, 2.0 * kappa_max(sigma))
    found = search_witness(k_w, sigma, t, d)
    witness = {"coefficient": c, "coefficient_error": err, "kappa": kappa,
               "coefficient_routes": routes_witness(routes),
               "kappa_max": kappa_max(sigma), "witness_gap": found["gap"],
               "witness_gap_error": found["error"],
               "witness_generator": {"W": np.eye(d), "u": found["u"]}}
    certified_witness = found["gap"] < -found["error"]
    stmt = "G* minimises V^prox_λ(·, D*): min_G V^prox_λ(G, D*) ≥ W*"
    if c > err and not certified_witness:
        return positive(c, err, stmt + " (C_U ⪰ 0)", witness=witness, method="certificate")
    if c < -err and certified_witness:
        return positive(found["gap"], found["error"],
                        stmt + f" fails: G = (I, u) with ‖u‖ = {np.linalg.norm(found['u']):.3g}"
                        f" has V^prox_λ(G, D*) − W* = {found['gap']:.3g}",
                        witness=witness, method="certificate+Newton witness")
    return Outcome(margin=c, tolerance=err, witness=witness, method="certificate+Newton witness",
                   statement=f"undecided: c(κ) = {c:.3g} ± {err:.2g}, best witness gap "
                             f"{found['gap']:.3g} ± {found['error']:.2g}: " + stmt,
                   verdict=Verdict.INCONCLUSIVE)


def is_pe(kappa, sigma, t, d=2) -> Outcome:
    """(G*, D*) is a κ-PE (η = 1), by Proposition 2's two conditions: D* is a best response to
    G* (:func:`best_response`) and G* minimises V^prox_κ(·, D*) (:func:`minimiser`)."""
    return all_of(minimiser(kappa, sigma, t, d), best_response(sigma, d),
                  statement=f"(G*, D*) is a λ-proximal equilibrium (λη = {kappa:.6g}, "
                            f"λ_max η = {kappa_max(sigma):.6g})")


# --- the threshold by certified bisection ---------------------------------------------------

def _shift_value(u1, kappa, sigma):
    d = 2
    return objective._solve(problem(jnp.eye(d), jnp.array([u1, 0.0]), kappa, sigma, 1.0)).value


_curvature = jax.jit(jax.jacfwd(jax.jacfwd(_shift_value)))


def curvature_route(kappa, sigma) -> Route:
    """``∂²/∂u1² V^prox_κ(G_u, D*)`` at u = 0 (η = 1) by forward-mode autodiff through the
    Newton solve (no closed form used). Rounding bound ``256·eps·(1 + σ)²`` (the terms are
    O(σ) and O(1); ``4κa*`` is divided by ``σ + 4κ``)."""
    return Route("autodiff u-curvature", float(_curvature(0.0, float(kappa), float(sigma))),
                 256.0 * EPS * (1.0 + sigma) ** 2)


def _side(kappa, sigma) -> int:
    """+1 if the curvature is certified > 0, −1 if certified < 0, 0 if undecided."""
    r = curvature_route(kappa, sigma)
    if not np.isfinite(r.value):
        return 0
    return 1 if r.value > r.error else (-1 if r.value < -r.error else 0)


def _around(mid, lo, hi, sigma, width) -> tuple[float, float]:
    """The curvature is undecided at ``mid``: shrink the bracket to ``[mid − w, mid + w]``
    while both ends stay decided (+ on the left, − on the right), halving ``w``."""
    w = 0.25 * (hi - lo)
    while w > width * hi and _side(mid - w, sigma) > 0 and _side(mid + w, sigma) < 0:
        lo, hi = mid - w, mid + w
        w *= 0.5
    return lo, hi


def threshold_bracket(sigma, width=1e-10, max_steps=200) -> tuple[float, float, bool]:
    """A certified bracket ``[lo, hi] ∋ κ_max`` from the sign of :func:`curvature_route`,
    which is non-increasing in κ (Proposition 3: the gap V^prox_κ(G_u, D*) − W* is
    non-increasing in κ for every u and vanishes to first order at u = 0). Starts at
    ``lo = 0`` (curvature 2 > 0) and doubles ``hi`` from 1 until the curvature is certified
    negative; bisects until ``hi − lo ≤ width·hi`` or the sign at the midpoint is undecided.
    Returns ``(lo, hi, resolved)``; ``resolved`` is False if no negative side was found
    (an undecided ``hi`` is skipped: ``lo`` only moves to certified-positive points)."""
    lo, hi = 0.0, 1.0
    while (side := _side(hi, sigma)) >= 0:
        if hi > 1e300:
            return lo, hi, False
        lo = hi if side > 0 else lo
        hi *= 2.0
    for _ in range(max_steps):
        if hi - lo <= width * hi:
            break
        mid = 0.5 * (lo + hi)
        side = _side(mid, sigma)
        if side == 0:
            return (*_around(mid, lo, hi, sigma, width), True)
        lo, hi = (mid, hi) if side > 0 else (lo, mid)
    return lo, hi, True


def prox_value_route(p: objective.Problem) -> Route | None:
    """``V^prox_λ(G, D0)`` of a general problem by Newton with its error bound (squared
    decrement at the returned point plus a rounding bound of the objective's terms);
    ``None`` if the solve did not converge."""
    solved = prox_solution(p)
    return None if solved is None else solved[0]


def prox_solution(p: objective.Problem) -> tuple[Route, objective.Solution] | None:
    """:func:`prox_value_route` and the Newton maximiser it comes from, from one solve
    (``objective.solve(p)`` would solve again); ``None`` if the solve did not converge."""
    p = objective.problem(*p)
    sol, dec = _solve_with_decrement(p)
    value, dec = float(sol.value), float(dec)
    if not (np.isfinite(value) and np.isfinite(dec) and abs(dec) <= 1e-16):
        return None
    eta, lam = float(p.eta), float(p.lam)
    size = sum(float(np.sum(np.abs(np.asarray(x)))) for x in (p.m, p.Sx, p.u, p.SY, p.A0, p.b0))
    scale = 1.0 + abs(value) + (1.0 + eta + lam) ** 2 * (1.0 + size) ** 2
    return Route("Newton V^prox", value, abs(dec) + 512.0 * EPS * scale), sol
