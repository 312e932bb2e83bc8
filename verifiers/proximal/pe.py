"""λ-proximal-equilibrium checks in the Theorem-1 W2GAN game (Proposition 2).

Game: ``X ~ N(0, σ²I_d)``, ``G(z) = Wz + u`` (W is d × k, σ_max(W) ≤ 1, ‖u‖ ≤ t),
cost η‖x − y‖², quadratic discriminators, Sobolev semi-norm. ``(G*, D*)`` is a
λ-PE iff (a) D* is a best response to G* and (b) ``min_G V^prox_λ(G, D*) ≥ W*``.
Condition (b) is checked two ways: an untrusted batched search (random starts,
projected descent with the Proposition-4 gradient ``∇_θ V(G_θ, D_{w*})``) whose
best point is re-evaluated by a fresh Newton solve, and — for k ≥ d — the
certified convexity bound of proximal.md §6.4 (``C_U ⪰ 0``).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.proximal import objective, threshold, w2gan


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
    """``λ_min(C_U)`` (proximal.md §6.4, k ≥ d): ≥ 0 certifies ``min_G V^prox_λ(G, D*) = W*``."""
    return float(np.linalg.eigvalsh(threshold.u_coefficient(lam, sigma**2 * np.eye(d), eta))[0])


def witness_shift(lam, sigma, eta, d, t, n=12) -> dict:
    """The deviation ``G = (I, ε e1)`` minimising the gap along u (ε on a geometric grid
    in (0, t]), each point a fresh Newton solve (a certifying witness when the gap < 0)."""
    best = {"gap": float("inf")}
    for eps in t * np.geomspace(1e-2, 1.0, n):
        u = eps * np.eye(d)[0]
        gap, _ = prox_gap(jnp.eye(d), jnp.asarray(u), lam, sigma, eta)
        if float(gap) < best["gap"]:
            best = {"gap": float(gap), "W": np.eye(d), "u": u}
    return best


def best_response_residual(sigma, eta, d) -> float:
    """``‖∇_w V(G*, D*)‖``: zero iff D* is a best response to G* (V concave in w)."""
    A, b, _ = w2gan.theorem1_optimum(sigma, eta, d)
    gA, gb = w2gan.grad_w(jnp.eye(d), jnp.zeros(d), A, b, jnp.zeros(d), sigma**2 * jnp.eye(d), eta)
    return float(jnp.sqrt(jnp.sum(gA**2) + jnp.sum(gb**2)))


def curvature_fd(lam, sigma, eta, h=1e-3) -> float:
    """``2[V^prox_λ(G_h, D*) − W*]/h²`` with ``G_h = (I, h e1)``, d = 1 (model-free curvature)."""
    gap, _ = prox_gap(jnp.eye(1), jnp.array([h]), lam, sigma, eta)
    return 2.0 * float(gap) / h**2


def bisect_threshold(sigma, eta, lo=1e-6, hi=None, width=1e-9) -> float:
    """λ_max by bisection on the sign of the finite-difference u-curvature of V^prox_λ(·, D*)."""
    hi = hi or 1e3
    for _ in range(200):
        if hi - lo <= width * hi:
            break
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if curvature_fd(mid, sigma, eta) > 0 else (lo, mid)
    return 0.5 * (lo + hi)
