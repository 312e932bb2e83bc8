"""The W2GAN games with quadratic critics (Farnia & Ozdaglar 2020, eq. (9)).

Cost ``η‖x − y‖²`` (``w2gan``: η = ½). Since ``D^{c_η}(y) = sup_x D(x) − η‖x − y‖² =
2η (D/2η)^{c_½}(y)``, ``V_η(G, D) = 2η V_½(G, D/2η)``: every quantity is the ½-cost
closed form of :mod:`theory.gaussian_games.w2gan` scaled by 2η:

* ``V(G, (A, b))`` (``−∞`` unless ``ηI − A ≻ 0``);
* ``sup_D V(G, D) = η W₂²(N(0, Σ), N(u, S))``, attained at the Kantorovich potential
  ``(A_G, b_G) = (η(I − T_G), −2ηu)`` (T_G the Brenier matrix, ``T_G Σ T_G = S``);
* ``inf_{G'} V(G', D)``: S' the projector on the eigenvectors of ``(I − 2A/2η)⁻¹`` with
  eigenvalue > 1, u' the trust-region solution (exact). The latent dimension k of a
  generator is free; best responses use ``W' = S'^{1/2}`` (k = d).

Independent routes: the value by a degree-3 cubature (``μ ± √d L e_i``, exact for
the quadratic integrands) with the c-transform's maximiser solved point by point,
``W₂`` by POT's Bures–Wasserstein distance.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
import ot

from theory.gaussian_games import w2gan
from verifiers.ask.games import Game, Generator, Quadratic

ROUNDING = 1e-12
"""Relative rounding bound of a closed form of a few matrix operations, per unit condition
number."""


def _half(g: Game, D: Quadratic) -> tuple[jnp.ndarray, jnp.ndarray]:
    return jnp.asarray(D.A / (2.0 * g.eta)), jnp.asarray(D.b / (2.0 * g.eta))


def _scale(g: Game, G: Generator, D: Quadratic) -> float:
    """Size of the terms of V times the condition number of ``I − A/η`` (rounding scale)."""
    M = np.eye(g.d) - D.A / g.eta
    ev = np.linalg.eigvalsh(M)
    cond = ev[-1] / ev[0] if ev[0] > 0 else math.inf
    size = (np.trace(g.Sigma) + np.trace(G.S) + G.u @ G.u + D.b @ D.b / g.eta**2
            + np.abs(D.A).sum() / g.eta * np.trace(g.Sigma) + 1.0)
    return 2.0 * g.eta * size * min(cond, 1e16) * g.d


def value_closed(g: Game, G: Generator, D: Quadratic) -> tuple[float, float]:
    """``(V(G, D), rounding bound)`` from the closed form."""
    A, b = _half(g, D)
    v = 2.0 * g.eta * float(w2gan.value(A, b, jnp.asarray(G.S), jnp.asarray(G.u),
                                        jnp.asarray(g.Sigma)))
    return v, ROUNDING * _scale(g, G, D)


def cubature(fn, mu, C) -> float:
    """``E fn(Y)``, ``Y ~ N(μ, C)``, by the 2d-point rule ``μ ± √d L e_i`` (weights 1/2d;
    exact for polynomials of degree ≤ 3). ``fn`` maps rows to values."""
    d = len(mu)
    L = np.linalg.cholesky(C) if np.linalg.eigvalsh(C)[0] > 0 else _psd_root(C)
    pts = np.concatenate([mu + math.sqrt(d) * L.T, mu - math.sqrt(d) * L.T])
    return float(np.mean(fn(pts)))


def _psd_root(C) -> np.ndarray:
    w, V = np.linalg.eigh(C)
    return V * np.sqrt(np.maximum(w, 0.0))


def value_cubature(g: Game, G: Generator, D: Quadratic) -> tuple[float, float]:
    """``V(G, D) = E D(X) − E D^c(Y)``: the c-transform's maximiser
    ``x*(y) = (2ηI − 2A)⁻¹(b + 2ηy)`` solved at each node (``np.linalg.solve``), no kernel."""
    M = 2.0 * g.eta * np.eye(g.d) - 2.0 * D.A
    if np.linalg.eigvalsh(M)[0] <= 0:
        return -math.inf, 0.0

    def critic(x):
        return np.einsum("ni,ij,nj->n", x, D.A, x) + x @ D.b

    def ctransform(y):
        x = np.linalg.solve(M, (D.b + 2.0 * g.eta * y).T).T
        return critic(x) - g.eta * np.sum((x - y) ** 2, axis=1)

    v = cubature(critic, np.zeros(g.d), g.Sigma) - cubature(ctransform, G.u, G.S)
    return v, ROUNDING * _scale(g, G, D)


def sup_closed(g: Game, G: Generator) -> tuple[float, float]:
    """``sup_D V(G, D) = η W₂²`` (Bures–Wasserstein closed form)."""
    v = 2.0 * g.eta * float(w2gan.half_w2_squared(jnp.asarray(G.S), jnp.asarray(G.u),
                                                  jnp.asarray(g.Sigma)))
    return v, 1e-10 * 2.0 * g.eta * (np.trace(g.Sigma) + np.trace(G.S) + G.u @ G.u + 1.0)


def sup_pot(g: Game, G: Generator) -> tuple[float, float]:
    """``η W₂²`` from POT's ``bures_wasserstein_distance`` (its own matrix square roots)."""
    w = float(ot.gaussian.bures_wasserstein_distance(np.zeros(g.d), G.u, g.Sigma, G.S))
    return g.eta * w * w, 1e-7 * 2.0 * g.eta * (np.trace(g.Sigma) + np.trace(G.S) + G.u @ G.u + 1.0)


def discriminator_best(g: Game, G: Generator) -> Quadratic:
    """The Kantorovich potential ``D_G`` of G, scaled to cost η."""
    A, b = w2gan.discriminator_best_response(jnp.asarray(G.S), jnp.asarray(G.u),
                                             jnp.asarray(g.Sigma))
    A = np.asarray(A) * 2.0 * g.eta
    return Quadratic(0.5 * (A + A.T), np.asarray(b) * 2.0 * g.eta)


def generator_best(g: Game, D: Quadratic) -> tuple[float, Generator | None]:
    """``(min_{G'} V(G', D), G')`` (``−∞, None`` when unbounded below or D off the domain)."""
    A, b = _half(g, D)
    val, S, u = w2gan.generator_best_response(A, b, jnp.asarray(g.Sigma), g.t)
    val = 2.0 * g.eta * float(val)
    if not math.isfinite(val):
        return val, None
    w, V = np.linalg.eigh(np.asarray(S))
    W = (V * np.sqrt(np.clip(w, 0.0, 1.0))) @ V.T
    u = np.asarray(u)
    norm = float(np.linalg.norm(u))
    if norm > g.t:
        u = u * (g.t / norm)
    return val, Generator(W, u)
