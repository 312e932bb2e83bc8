"""Independent routes that re-evaluate a witness deviation before it is trusted
(the checker half of a certifying pair): adaptive quadrature in d ≤ 2, Gauss–Hermite
(exact for the W2GAN's quadratics), POT, scipy."""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, stats

from theory.fdiv import get as get_divergence

SPAN = 14.0
"""Half-width, in standard deviations, of the quadrature box (Gaussian mass outside < 1e-40)."""


def gaussian_expectation(fn, mu, C, n: int = 120) -> float:
    """``E fn(Y)``, ``Y ~ N(μ, C)``: adaptive quadrature in whitened coordinates for d = 1,
    a vectorised ``n``-node tensor Gauss–Hermite rule for d = 2 (fn maps rows to values)."""
    mu, C = np.asarray(mu, float), np.asarray(C, float)
    R = np.linalg.cholesky(C)
    if len(mu) == 1:
        val, _ = integrate.quad(lambda z: np.atleast_1d(fn(mu + R @ [z]))[0] * stats.norm.pdf(z),
                                -SPAN, SPAN,
                                epsabs=1e-13, epsrel=1e-12, limit=400)
        return val
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2 * math.pi)
    z = np.stack([g.ravel() for g in np.meshgrid(x, x, indexing="ij")], axis=1)
    wts = np.outer(w, w).ravel()
    return float(wts @ np.atleast_1d(fn(mu + z @ R.T)))


def log_ratio_numeric(S, u, Sigma):
    """``y ↦ log p_X(y) − log p_G(y)`` from scipy's densities (no closed-form coefficients)."""
    px = stats.multivariate_normal(np.zeros(len(u)), Sigma)
    pg = stats.multivariate_normal(u, S)
    return lambda y: px.logpdf(y) - pg.logpdf(y)


def fgan_reward_quadrature(name: str, S, u, Sigma, S2, u2) -> float:
    """``J_G(G') = E_{N(u', S')} h(r_G)`` with h from the sympy f-divergence object."""
    h = get_divergence(name).numeric("h")
    ell = log_ratio_numeric(S, u, Sigma)
    return gaussian_expectation(lambda y: h(np.exp(ell(np.atleast_2d(y)))), u2, S2)


def wgan_value_quadrature(sigma: float, w: float, u: float, critic) -> float:
    """``V(G, D) = E D(X) − E D(wZ + u)`` by quadrature (critic: a scalar function)."""
    ex = gaussian_expectation(lambda x: [critic(x[0])], [0.0], [[sigma**2]])
    if w == 0:
        return ex - critic(u)
    return ex - gaussian_expectation(lambda x: [critic(x[0])], [u], [[w * w]])


def w2gan_value_hermite(A, b, S, u, Sigma, n: int = 12) -> float:
    """``V(G, (A, b)) = E D(X) − E D^c(Y)``: c-transform by solving ``∇_x[D(x) − ½‖x−y‖²] = 0``
    at each node (no closed-form kernel); tensor Gauss–Hermite (exact for quadratics)."""
    A, b, S, u, Sigma = (np.asarray(v, float) for v in (A, b, S, u, Sigma))
    d = len(u)
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2 * math.pi)
    grid = np.stack([g.ravel() for g in np.meshgrid(*([x] * d), indexing="ij")], axis=1)
    wts = np.prod(np.meshgrid(*([w] * d), indexing="ij"), axis=0).ravel()
    X = grid @ np.linalg.cholesky(Sigma).T
    Y = u + grid @ np.linalg.cholesky(S + 1e-300 * np.eye(d)).T
    M = np.eye(d) - 2 * A
    xs = np.linalg.solve(M, (Y + b).T).T
    dc = np.einsum("ni,ij,nj->n", xs, A, xs) + xs @ b - 0.5 * np.sum((xs - Y) ** 2, axis=1)
    dx = np.einsum("ni,ij,nj->n", X, A, X) + X @ b
    return float(wts @ dx - wts @ dc)
