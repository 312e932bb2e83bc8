"""The Nash gap (OpenSpiel's NashConv) of one pair ``(G, D)`` in each Gaussian game.

    nash_conv(G, D) = [sup_{D'} V(G, D') − V(G, D)] + [V(G, D) − inf_{G'} V(G', D)]

reported with each player's improvement and best response, for the f-GAN and the
W2GAN (the 1-D WGAN's gap is :func:`theory.gaussian_games.wgan.nash_gap`).
A gap of ``+inf`` is a valid answer (an unbounded or infinitely profitable
deviation). Critics are given in a family the game's
best responses live in: f-GAN ``D_{G''} = f'(r_{G''})`` or a constant;
W2GAN a quadratic ``(A, b)``.

Singular ``S = WWᵀ`` (f-GAN): ``sup_D V(G, ·) = f(0) + f'(∞)`` — ``+inf`` for
KL, reverse KL, Pearson and Neyman, ``2 log 2`` (JS) and ``2`` (Hellinger), not
attained by any D; ``attained`` is then False.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.fdiv import get as get_divergence
from theory.gaussian_games import fgan, w2gan
from theory.gaussian_games._model import GaussianData, LinearGenerator
from theory.gaussian_games.lemma import log_ratio

SINGULAR_SUP = {"kl": math.inf, "rkl": math.inf, "pearson": math.inf, "neyman": math.inf,
                "js": 2 * math.log(2.0), "hellinger": 2.0}
"""``f(0) + f'(∞)``: the f-GAN discriminator's sup against a singular generator."""


@dataclass(frozen=True)
class NashConv:
    """``gap = discriminator_gain + generator_gain`` (each ≥ 0, possibly +inf)."""

    gap: float
    discriminator_gain: float
    generator_gain: float
    generator_best: dict
    attained: bool = True


@dataclass(frozen=True)
class FCritic:
    """f-GAN critic ``D_{G''} = f'(r_{G''})`` if ``of`` is a generator, else constant ``value``."""

    of: LinearGenerator | None = None
    value: float = 0.0


def _f(x) -> float:
    return float(np.asarray(x))


def fgan_nash_conv(name: str, data: GaussianData, G: LinearGenerator, D: FCritic,
                   n_directions: int = 256) -> NashConv:
    """NashConv of the f-GAN pair ``(G, D)``. The generator's best response has
    (W' orthogonal, ‖u'‖ = t): exact under Theorem 1's condition; for Neyman it is a
    deviation (a lower bound on its gain)."""
    Sigma = jnp.asarray(data.Sigma)
    if D.of is None:
        div = get_divergence(name)
        v = D.value - float(div.numeric("fstar")(D.value))
        sup = SINGULAR_SUP[name] if G.singular else _f(fgan.divergence(name, G.S, G.u, Sigma))
        best = {"any": "V(G', constant) = f'(1) - f*(f'(1)) for every G'"}
        return NashConv(sup - v, sup - v, 0.0, best,
                        attained=not G.singular)
    ell = log_ratio(jnp.asarray(D.of.S), jnp.asarray(D.of.u), Sigma)
    v = _f(fgan.ex_fprime(name, ell, Sigma) - fgan.J(name, ell, jnp.asarray(G.u), jnp.asarray(G.S)))
    sup = SINGULAR_SUP[name] if G.singular else _f(fgan.divergence(name, G.S, G.u, Sigma))
    best, u_best = fgan.generator_best_response(name, ell, G.t, fgan.sphere(G.d, n_directions))
    g_gain = _f(best) - _f(fgan.ex_fprime(name, ell, Sigma)) + v
    d_gain = sup - v if math.isfinite(sup) or math.isfinite(v) else math.inf
    return NashConv(d_gain + g_gain, d_gain, g_gain,
                    {"W": np.eye(G.d), "u": np.asarray(u_best)}, attained=not G.singular)


def w2gan_nash_conv(data: GaussianData, G: LinearGenerator, A, b) -> NashConv:
    """NashConv of the W2GAN pair ``(G, D(x) = xᵀAx + bᵀx)`` (c-concave D: I − 2A ⪰ 0)."""
    A, b = jnp.asarray(A, dtype=float), jnp.asarray(b, dtype=float)
    args = (jnp.asarray(data.Sigma), float(G.t), float(G.sv_min), float(G.sv_max))
    gap, d_gain, g_gain = w2gan.nash_gap(A, b, jnp.asarray(G.S), jnp.asarray(G.u), *args)
    _, S_best, u_best = w2gan.generator_best_response(A, b, *args)
    best = {"S": np.asarray(S_best), "u": np.asarray(u_best)}
    return NashConv(_f(gap), _f(d_gain), _f(g_gain), best)

