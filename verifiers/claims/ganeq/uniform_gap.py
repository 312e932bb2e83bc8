"""Our strengthening of Farnia & Ozdaglar 2020, Theorem 1: in the Gaussian linear-generator
games with σ > 1, t > 0, EVERY pair (G, D) has Nash gap ≥ Δ_lb(σ, t) > 0, so not even an
ε-Nash equilibrium exists for ε < Δ_lb (docs/derivations/farnia2020.md).

For every pair, ``gap(G, D) ≥ v_up − v_mix`` (a mixed generator strategy bounds
``inf_G' V(G', D)`` from above), and explicit upper bounds on ``v_mix`` (a log-cosh
inequality for KL, couplings and Mills-ratio tail bounds for W2/W1;
:mod:`theory.gaussian_games.uniform`) make ``Δ_lb`` explicit. The checker evaluates the
bound at a numerically chosen mixing parameter with mpmath interval arithmetic, and refutes
it if it exceeds the gap of a pair it can compute (G* against D_G*, a random batch of G
against D_G).
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
from mpmath import iv

from theory.gaussian_games import fgan_star, uniform, wgan
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.symbols import SIGMA, T_ANY, sampler_and_strategy
from verifiers.claims.farnia2020.theorem1 import unmet_hypothesis
from verifiers.nash import batched
from verifiers.nash.certify import rounding
from verifiers.outcomes import Outcome, all_of, bound, lower_bound
from verifiers.params import Choice

N_SAMPLES, SAMPLE_KEY, D_SAMPLE = 256, 8, 2
GAME = Choice("game", "w2gan", choices=uniform.GAMES,
             doc="kl (f-GAN, KL), w2gan (c-concave D, ½‖x−y‖² cost), wgan (1-D, 1-Lipschitz D)")
METHOD = {"kl": "log cosh x >= x^2/2 - x^4/12 (two-point mix, s = tau^2)",
          "w2gan": "coupling X=a xi+V, Y=xi+clip(V,-t,t); E(|V|-t)_+^2 <= 2 beta phi(c)/c",
          "wgan": "coupling X=a xi+V, Y=xi+clip(V,-t,t); E(|V|-t)_+ <= 2 sqrt(beta) phi(c)/(1+c^2)"}


def _star_gap(game: str, sigma: float, t: float) -> float:
    """gap(G*, D_{G*}): the pair the uniform bound is compared with (an upper bound on inf gap)."""
    if game == "wgan":
        return float(wgan.c_w1(t))
    if game == "w2gan":
        return (sigma - 1) * t * t / 2
    try:
        return float(fgan_star.gap_star("kl", sigma, D_SAMPLE, t))
    except OverflowError:
        return math.inf


def _sampled_min_gap(game: str, sigma: float, t: float) -> float:
    """min gap(G, D_G) over random admissible G (sanity only: one D per G)."""
    d = 1 if game == "wgan" else D_SAMPLE
    W, u = batched.sample_generators(t, key=jax.random.key(SAMPLE_KEY), n=N_SAMPLES, d=d)
    if game == "wgan":
        return float(jnp.min(batched.wgan_gaps(sigma, W[:, 0, 0], u[:, 0], t)[0]))
    S, Sig = jnp.einsum("nij,nkj->nik", W, W), sigma**2 * jnp.eye(d)
    gaps = (batched.w2gan_gaps(S, u, Sig, t) if game == "w2gan"
            else batched.fgan_gaps("kl", S, u, Sig, t, 64))[0]
    gaps = np.asarray(gaps)
    return float(np.min(np.where(np.isnan(gaps), np.inf, gaps)))


def _not_above(lower: float, err: float, gap: float, what: str) -> list[Outcome]:
    """``lower ≤ gap`` for a computed gap (nothing to compare when it overflowed)."""
    if not math.isfinite(gap):
        return []
    return [bound(lower, gap, err + rounding(gap), f"the bound does not exceed {what}")]


def expected_uniform(params) -> Verdict:
    """holds for sigma > 1 and t > 0; inapplicable for sigma <= 1 or t = 0 (the hypotheses of
    Theorem 1 that the bound strengthens)."""
    return Verdict.HOLDS if params["sigma"] > 1 and params["t"] > 0 else Verdict.INAPPLICABLE


SAMPLE = sampler_and_strategy([GAME, SIGMA, T_ANY])


@claim("ganeq.nash.uniform_gap",
       reference="ours: strengthens Farnia & Ozdaglar 2020, Theorem 1",
       statement="For σ > 1 and t > 0 every pair (G, D) of the KL f-GAN, the W2GAN (c-concave D) "
                 "and the 1-D WGAN has Nash gap ≥ an explicit Δ_lb(σ, t) > 0: no ε-Nash "
                 "equilibrium for ε < Δ_lb.",
       params=[GAME, SIGMA, T_ANY], expected=expected_uniform,
       derivation="farnia2020.md#uniform-nash-gap-bound-ours",
       sampler=SAMPLE[0], strategy_fn=SAMPLE[1])
def check_nash_uniform_gap(game: str, sigma: float, t: float) -> Outcome:
    """The proved bound at a numerically chosen mixing parameter, enclosed by intervals:
    ``lower_bound`` (≤ 0: not informative), and it must not exceed the gap of any pair we
    can compute (``(G*, D_G*)`` and a random batch against ``D_G``): otherwise ``refuted``."""
    unmet = unmet_hypothesis(sigma, t)
    if unmet:
        return unmet
    param = uniform.best_param(game, sigma, t)
    enc = uniform.bound(game, iv.mpf(sigma), iv.mpf(t), iv.mpf(param), backend=iv)
    lower, upper = float(enc.a), float(enc.b)
    err = tolerances.INTERVAL_ENDPOINT * abs(lower)
    star = _star_gap(game, sigma, t)
    sampled = _sampled_min_gap(game, sigma, t)
    witness = {"bound": lower, "bound_enclosure": [lower, upper],
               "mixing_parameter": {"s=tau^2" if game == "kl" else "beta": param},
               "v_up": uniform.v_up(game, sigma), "gap_at_Gstar_DGstar": star,
               "sampled_min_gap_vs_D_G": sampled, "n_sampled": N_SAMPLES}
    if game == "kl":
        delta, tau = uniform.delta_kl_quadrature(sigma, t)
        witness.update({"delta_two_point_quadrature": delta, "tau_star": tau})
    method = (f"mpmath interval arithmetic (30 digits) of a proved bound: {METHOD[game]}; "
              f"the parameter is chosen numerically (any admissible value gives a valid bound); "
              f"{N_SAMPLES} sampled G against D_G")
    statement = (f"every admissible pair (G, D) of the {game} game (sigma={sigma:g}, t={t:g}) "
                 f"has Nash gap >= {lower:.6g} > 0 (proved); (G*, D_G*) has gap {star:.6g}")
    return all_of(
        lower_bound(lower, err, statement, witness=witness, method=method),
        *_not_above(lower, err, star, "gap(G*, D_G*)"),
        *_not_above(lower, err, sampled, "the sampled gaps against D_G"),
        statement=statement, method=method)
