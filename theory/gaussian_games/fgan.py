"""f-GAN on Gaussian data with a linear generator (Farnia & Ozdaglar 2020, eq. (7), Theorem 1).

``V(G, D) = E_X[D(X)] − E_Z[f*(D(G(Z)))]``; ``sup_D V(G, ·) = d_f(G) = D_f(P_X‖P_G)``,
attained at ``D_G = f'(r_G)``, ``r_G = p_X/p_G = e^{ell_G}``.
Against ``D = D_G``: ``f*(D_G) = h(r_G)``, so

    V(G', D_G) = E_X[f'(r_G(X))] − J_G(G'),   J_G(G') = E_{Y~N(u',S')} h(r_G(Y)),

with, from the lemma (``M_a = E e^{a ell}``): KL ``M_1``, Pearson ``M_2 − 1``,
Hellinger ``M_{1/2} − 1``, Neyman ``2 − 2M_{−1}``, reverse KL ``E ell − 1``,
JS ``E softplus(ell) − log 2`` (Gauss–Hermite). The generator *maximises* J.
Gaps against ``D_G``: ``gap(G, D_G) = max_{G'} J_G(G') − J_G(G)``.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.gaussian_games.lemma import LogRatio, gauss_hermite, log_mgf, log_ratio, mean

NAMES = ("kl", "rkl", "pearson", "hellinger", "js", "neyman")
LOG2 = math.log(2.0)
JS_NODES = 80
"""Gauss–Hermite nodes per dimension for the JS expectations."""


def J(name: str, ell: LogRatio, mu, C, nodes: int = JS_NODES):
    """``J_G(G') = E_{N(μ, C)} h(r_G)`` (the generator's reward against ``D_G``; JS by
    ``nodes``-point tensor Gauss–Hermite)."""
    if name == "kl":
        return jnp.exp(log_mgf(1.0, ell, mu, C))
    if name == "pearson":
        return jnp.exp(log_mgf(2.0, ell, mu, C)) - 1.0
    if name == "hellinger":
        return jnp.exp(log_mgf(0.5, ell, mu, C)) - 1.0
    if name == "neyman":
        return 2.0 - 2.0 * jnp.exp(log_mgf(-1.0, ell, mu, C))
    if name == "rkl":
        return mean(ell, mu, C) - 1.0
    if name == "js":
        return gauss_hermite(_softplus, ell, mu, C, nodes) - LOG2
    raise ValueError(f"divergence={name!r} is not one of {NAMES}")


def _softplus(v):
    """``softplus(v) = log(1 + e^v)``: the JS reward is ``E softplus(ell) − log 2``."""
    return jnp.logaddexp(0.0, v)


def ex_fprime(name: str, ell: LogRatio, Sigma):
    """``E_X[D_G(X)] = E_X[f'(r_G(X))]``, ``X ~ N(0, Σ)``."""
    zero = jnp.zeros(Sigma.shape[0])
    if name == "kl":
        return 1.0 + mean(ell, zero, Sigma)
    if name == "rkl":
        return -jnp.exp(log_mgf(-1.0, ell, zero, Sigma))
    if name == "pearson":
        return 2.0 * (jnp.exp(log_mgf(1.0, ell, zero, Sigma)) - 1.0)
    if name == "hellinger":
        return 1.0 - jnp.exp(log_mgf(-0.5, ell, zero, Sigma))
    if name == "neyman":
        return 1.0 - jnp.exp(log_mgf(-2.0, ell, zero, Sigma))
    if name == "js":
        return LOG2 - gauss_hermite(lambda v: _softplus(-v), ell, zero, Sigma, JS_NODES)
    raise ValueError(f"divergence={name!r} is not one of {NAMES}")


def divergence(name: str, S, u, Sigma):
    """``d_f(G) = sup_D V(G, D) = E_X f'(r_G) − J_G(G)`` for nonsingular S (``+inf`` when
    ``E_X f'(r_G)`` is: then the divergence is infinite)."""
    ell = log_ratio(S, u, Sigma)
    ex = ex_fprime(name, ell, Sigma)
    return jnp.where(jnp.isposinf(ex), jnp.inf, ex - J(name, ell, u, S))


def value_vs_best_response(name: str, S, u, S2, u2, Sigma):
    """``V(G', D_G)`` for ``G = (S, u)`` (defining the critic) and ``G' = (S2, u2)``."""
    ell = log_ratio(S, u, Sigma)
    return ex_fprime(name, ell, Sigma) - J(name, ell, u2, S2)


def sphere(d: int, n: int):
    """``n`` unit directions in R^d (d = 1: ±1; d = 2: equally spaced angles; d ≥ 3: Fibonacci)."""
    if d == 1:
        return jnp.array([[1.0], [-1.0]])
    if d == 2:
        a = 2 * jnp.pi * jnp.arange(n) / n
        return jnp.stack([jnp.cos(a), jnp.sin(a)], axis=1)
    i = jnp.arange(n) + 0.5
    z = 1 - 2 * i / n
    phi = jnp.pi * (1 + 5**0.5) * i
    r = jnp.sqrt(1 - z**2)
    head = jnp.stack([r * jnp.cos(phi), r * jnp.sin(phi), z], axis=1)
    return jnp.concatenate([head, jnp.zeros((n, d - 3))], axis=1)


def generator_best_response(name: str, ell: LogRatio, t, directions):
    """``max_{‖u'‖=t} J_G(I, u')`` over ``t · directions`` and the maximiser (under
    the condition ``t²f''`` non-decreasing the best response has W' orthogonal and ‖u'‖ = t;
    for d = 1 the two points ±t are exact, otherwise the grid maximum is a valid deviation)."""
    d = directions.shape[1]
    eye = jnp.eye(d)
    vals = jax.vmap(lambda e: J(name, ell, t * e, eye))(directions)
    k = jnp.argmax(vals)
    return vals[k], t * directions[k]


def gap_vs_best_response(name: str, S, u, Sigma, t, directions):
    """``gap(G, D_G) = max_{G'} J_G(G') − J_G(G)`` and the best deviation's mean ``u'``."""
    ell = log_ratio(S, u, Sigma)
    best, u_best = generator_best_response(name, ell, t, directions)
    return best - J(name, ell, u, S), u_best
