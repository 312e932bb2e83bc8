"""Where a Nash equilibrium does exist (Farnia & Ozdaglar 2020): Proposition 1 (realisable
data, σ ≤ 1), Remark 1 (σ < 1, σ_min(W) ≥ 1) and the case t = 0 that Theorem 1 excludes.

Each check computes the Nash gap of the stated pair in closed form (the discriminator's and
the generator's improvement, each against its exact best response) and decides the
statement "the pair is a Nash equilibrium", i.e. "its Nash gap is 0", with
:func:`~verifiers.outcomes.equals` against a rounding bound (docs/derivations/
farnia2020.md): a gap beyond the bound is a profitable deviation, so ``refuted``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import jax
import jax.numpy as jnp
import numpy as np

from theory.fdiv import get as get_divergence
from theory.gaussian_games import (
    FCritic,
    GaussianData,
    LinearGenerator,
    fgan,
    fgan_nash_conv,
    w2gan,
    w2gan_nash_conv,
    wgan,
)
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.farnia2020.symbols import (
    FGAN_NAMES,
    READING,
    SIGMA,
    T_ANY,
    D,
    sampler_and_strategy,
)
from verifiers.nash.certify import rounding
from verifiers.outcomes import Outcome, Route, equals
from verifiers.params import Choice

DIVERGENCE = Choice("divergence", "kl", choices=FGAN_NAMES, doc="f-divergence")
T0_GAMES = ("wgan", "w2gan", "kl", "rkl", "hellinger", "js", "neyman")
PROP1_SIGMA_DEFAULT = 0.7


def nash_gap_is_zero(gap: float, d_gain: float, g_gain: float, scale: float, pair: str,
                     witness: dict, method: str = "closed-form best responses") -> Outcome:
    """``gap(pair) = 0`` within the rounding bound of a difference of closed forms of size
    ``scale``; beyond it a player has a profitable deviation (``refuted``). A non-finite
    gap where every term is finite (an overflow of the closed forms, e.g. 1/σ² at
    σ = 1e-12) decides nothing: ``inconclusive``."""
    if not math.isfinite(gap):
        return Outcome(margin=math.nan, tolerance=0.0, method=method, verdict=Verdict.INCONCLUSIVE,
                       statement=f"{pair}: the closed-form Nash gap overflowed ({gap}); "
                                 "the check cannot decide at this scale",
                       witness={"gap": gap, "discriminator_gain": d_gain,
                                "generator_gain": g_gain, **witness})
    route = Route("Nash gap (closed-form best responses)", float(gap), rounding(scale))
    return equals(0.0, route, f"{pair} is a NE: Nash gap {gap:.3g} (discriminator gains "
                              f"{d_gain:.3g}, generator {g_gain:.3g})",
                  witness={"gap": gap, "discriminator_gain": d_gain, "generator_gain": g_gain,
                           **witness}, method=method)


def realising_scale(sigma: float) -> float:
    """``s`` with ``G* = (s I, 0)`` realising ``P_X = N(0, σ²I)``: ``s = σ`` (needs σ ≤ 1)."""
    return sigma


def expected_realisable(params) -> Verdict:
    """holds for sigma <= 1; inapplicable for sigma > 1 (P_X is not realisable with
    sigma_max(W) <= 1)."""
    return Verdict.HOLDS if params["sigma"] <= 1 else Verdict.INAPPLICABLE


def _unrealisable(sigma: float) -> Outcome | None:
    if sigma > 1:
        return Outcome.inapplicable("sigma <= 1 (a generator with sigma_max(W) <= 1 realises "
                                    "P_X)", {"sigma": sigma})
    return None


PROP1_SIGMA = replace(SIGMA, default=PROP1_SIGMA_DEFAULT)


@claim("farnia2020.proposition1.fgan", reference="Farnia & Ozdaglar 2020, Proposition 1 (f-GAN)",
       statement="If a generator realises P_X (σ ≤ 1), it and the constant discriminator f'(1) "
                 "form a Nash equilibrium of the f-GAN.",
       params=[PROP1_SIGMA, D, DIVERGENCE], expected=expected_realisable,
       derivation="farnia2020.md#proposition-1")
def check_proposition1_fgan(sigma: float, d: int, divergence: str) -> Outcome:
    unmet = _unrealisable(sigma)
    if unmet:
        return unmet
    div = get_divergence(divergence)
    G = LinearGenerator.optimal(d, 1.0, scale=realising_scale(sigma))
    const = div.constant_discriminator()
    nc = fgan_nash_conv(divergence, GaussianData.isotropic(sigma, d), G, FCritic(value=const))
    return nash_gap_is_zero(nc.gap, nc.discriminator_gain, nc.generator_gain, d * (1 + abs(const)),
                            f"(G* = ({sigma:.6g} I, 0), D = f'(1) = {const:g})",
                            {"f(1)": str(div.f_at_one()), "D_const": const})


@claim("farnia2020.proposition1.wgan", reference="Farnia & Ozdaglar 2020, Proposition 1 (WGAN)",
       statement="If a generator realises P_X (σ ≤ 1), it and the constant critic 0 form a Nash "
                 "equilibrium of the 1-D WGAN.",
       params=[PROP1_SIGMA], expected=expected_realisable,
       derivation="farnia2020.md#proposition-1")
def check_proposition1_wgan(sigma: float) -> Outcome:
    unmet = _unrealisable(sigma)
    if unmet:
        return unmet
    w = realising_scale(sigma)
    gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, w, 0.0, 0.0, 1.0, 0.0))
    return nash_gap_is_zero(gap, dg, gg, 1 + sigma, f"(G* = ({w:.6g}, 0), D = 0)",
                            {"w1": float(wgan.w1(sigma, w, 0.0))})


@claim("farnia2020.proposition1.w2gan", reference="Farnia & Ozdaglar 2020, Proposition 1 (W2GAN)",
       statement="If a generator realises P_X (σ ≤ 1), it and the constant discriminator 0 form "
                 "a Nash equilibrium of the W2GAN.",
       params=[PROP1_SIGMA, D], expected=expected_realisable,
       derivation="farnia2020.md#proposition-1")
def check_proposition1_w2gan(sigma: float, d: int) -> Outcome:
    unmet = _unrealisable(sigma)
    if unmet:
        return unmet
    G = LinearGenerator.optimal(d, 1.0, scale=realising_scale(sigma))
    nc = w2gan_nash_conv(GaussianData.isotropic(sigma, d), G, np.zeros((d, d)), np.zeros(d))
    return nash_gap_is_zero(nc.gap, nc.discriminator_gain, nc.generator_gain, d * (1 + sigma**2),
                            f"(G* = ({sigma:.6g} I, 0), D = 0)",
                            {"generator_best": nc.generator_best})


def expected_remark1(params) -> Verdict:
    """holds for sigma < 1 and t > 0; inapplicable for sigma >= 1 or t = 0 (Remark 1's
    hypotheses)."""
    return Verdict.HOLDS if params["sigma"] < 1 and params["t"] > 0 else Verdict.INAPPLICABLE


def _remark1_unmet(sigma: float, t: float) -> Outcome | None:
    if not sigma < 1:
        return Outcome.inapplicable("sigma < 1", {"sigma": sigma})
    if not t > 0:
        return Outcome.inapplicable("t > 0", {"t": t})
    return None


def _bounds(reading: str) -> tuple[float, float]:
    """Singular-value bounds of W: σ_min(W) ≥ 1 replaces σ_max(W) ≤ 1, or is added to it."""
    return (1.0, math.inf) if reading == "replaces" else (1.0, 1.0)


REMARK1_SIGMA = replace(SIGMA, default=0.5)
SAMPLE_R1_WGAN = sampler_and_strategy([REMARK1_SIGMA, T_ANY, READING])
SAMPLE_R1_W2GAN = sampler_and_strategy([REMARK1_SIGMA, T_ANY, D, READING])


@claim("farnia2020.remark1.wgan", reference="Farnia & Ozdaglar 2020, Remark 1 (WGAN)",
       statement="With σ < 1, t > 0 and σ_min(W) ≥ 1 the W1-minimising generator (1, 0) and the "
                 "critic −|x| form a Nash equilibrium of the 1-D WGAN (both readings of Remark 1).",
       params=[REMARK1_SIGMA, T_ANY, READING], expected=expected_remark1,
       derivation="farnia2020.md#remark-1-wgan",
       sampler=SAMPLE_R1_WGAN[0], strategy_fn=SAMPLE_R1_WGAN[1])
def check_remark1_wgan(sigma: float, t: float, reading: str) -> Outcome:
    unmet = _remark1_unmet(sigma, t)
    if unmet:
        return unmet
    lo, hi = _bounds(reading)
    gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, 1.0, 0.0, 0.0, t, -1.0, lo, hi))
    return nash_gap_is_zero(gap, dg, gg, 1 + sigma + t,
                            f"(G* = (1, 0), D*(x) = -|x|) ({reading} reading)",
                            {"value": float(wgan.value(sigma, 1.0, 0.0, 0.0, -1.0))})


@claim("farnia2020.remark1.w2gan", reference="Farnia & Ozdaglar 2020, Remark 1 (W2GAN)",
       statement="With σ < 1, t > 0 and σ_min(W) ≥ 1 the W2-minimising generator (I, 0) and its "
                 "Kantorovich potential form a Nash equilibrium of the W2GAN.",
       params=[REMARK1_SIGMA, T_ANY, D, READING], expected=expected_remark1,
       derivation="farnia2020.md#remark-1-w2gan",
       sampler=SAMPLE_R1_W2GAN[0], strategy_fn=SAMPLE_R1_W2GAN[1])
def check_remark1_w2gan(sigma: float, t: float, d: int, reading: str) -> Outcome:
    unmet = _remark1_unmet(sigma, t)
    if unmet:
        return unmet
    lo, hi = _bounds(reading)
    eye, zero, Sig = np.eye(d), np.zeros(d), sigma**2 * np.eye(d)
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    gap, dg, gg = (float(x) for x in w2gan.nash_gap(A, b, eye, zero, Sig, t, lo, hi))
    return nash_gap_is_zero(gap, dg, gg, d * (1 + sigma**2 + t * t),
                            f"(G* = (I, 0), A* = (1 - 1/sigma) I/2, b* = 0) ({reading} reading)",
                            {"A_star": A})


S_GRID = np.linspace(0.05, 1.0, 12)
T0_GRID_BATCH = 8
"""Grid points evaluated together by :func:`_fgan_t0_gap`. The JS reward at d = 3 is an
80³-node quadrature, tens of MB of intermediates per point: the whole 12³ grid at once asked
XLA for 21 GB and the process was killed."""


def _fgan_t0_gap(name: str, sigma: float, d: int) -> tuple[float, dict]:
    """max over ``S' = diag(s)`` (grid incl. s = 1) of ``J_{G*}(S', 0) − J_{G*}(I, 0)``.

    The data law N(0, σ²I) and G* = (I, 0) are isotropic, so the reward does not change when
    the entries of ``s`` are permuted: the grid holds each sorted ``s`` once."""
    Sig, eye = sigma**2 * jnp.eye(d), jnp.eye(d)
    ell = fgan.log_ratio(eye, jnp.zeros(d), Sig)
    grids = np.array(list(itertools.combinations_with_replacement(S_GRID, d)))
    vals = jax.lax.map(lambda s: fgan.J(name, ell, jnp.zeros(d), jnp.diag(s)),
                       jnp.asarray(grids), batch_size=T0_GRID_BATCH)
    base = float(fgan.J(name, ell, jnp.zeros(d), eye))
    k = int(jnp.argmax(vals))
    return float(vals[k]) - base, {"S_diag": grids[k], "reward_at_G*": base}


def expected_t0(params) -> Verdict:
    """holds for t = 0 and sigma > 1; inapplicable for t > 0 or sigma <= 1."""
    return Verdict.HOLDS if params["t"] == 0 and params["sigma"] > 1 else Verdict.INAPPLICABLE


def _t0_requires(p: dict) -> None:
    if p["game"] == "wgan" and p["d"] != 1:
        raise ValueError(f"d={p['d']} with game='wgan'; admissible: d = 1 (the WGAN is 1-D)")


T0_GAME = Choice("game", "w2gan", choices=T0_GAMES, doc="the game (an f name for an f-GAN)")
T0_T = replace(T_ANY, default=0.0)
T0_PARAMS = [SIGMA, D, T0_GAME, T0_T]


def _t0_sampler(rng: np.random.Generator) -> dict:
    values = sampler_and_strategy(T0_PARAMS, t_zero_share=0.6)[0](rng)
    if values["game"] == "wgan":
        values["d"] = 1
    return values


def _t0_strategy():
    from hypothesis import strategies as st

    return st.integers(0, 2**32 - 1).map(lambda s: _t0_sampler(np.random.default_rng(s)))


@claim("farnia2020.t0", reference="Farnia & Ozdaglar 2020, Theorem 1 (the hypothesis t > 0)",
       statement="With σ > 1 and t = 0 (u fixed at 0) the pair (G*, D_{G*}) is a Nash "
                 "equilibrium of the f-GAN, W2GAN and WGAN games: Theorem 1 needs t > 0.",
       params=T0_PARAMS, expected=expected_t0, requires=_t0_requires,
       derivation="farnia2020.md#theorem-1-at-t-equal-to-zero",
       sampler=_t0_sampler, strategy_fn=_t0_strategy)
def check_t0(sigma: float, d: int, game: str, t: float) -> Outcome:
    if t != 0:
        return Outcome.inapplicable("t = 0", {"t": t})
    if not sigma > 1:
        return Outcome.inapplicable("sigma > 1", {"sigma": sigma})
    if game == "wgan":
        gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, 1.0, 0.0, 0.0, t))
        return nash_gap_is_zero(gap, dg, gg, 1 + sigma, "t = 0: (G* = (1, 0), D* = |x|)", {})
    if game == "w2gan":
        eye, zero, Sig = np.eye(d), np.zeros(d), sigma**2 * np.eye(d)
        A, b = w2gan.discriminator_best_response(eye, zero, Sig)
        gap, dg, gg = (float(x) for x in w2gan.nash_gap(A, b, eye, zero, Sig, t))
        return nash_gap_is_zero(gap, dg, gg, d * (1 + sigma**2),
                                "t = 0: (G* = (I, 0), D_G*)", {})
    gap, best = _fgan_t0_gap(game, sigma, d)
    return nash_gap_is_zero(gap, 0.0, gap, d * (1 + abs(best["reward_at_G*"])),
                            f"t = 0: (G* = (I, 0), D_G*) for {game}",
                            {"generator_best_on_grid": best},
                            method="closed form; generator reward on a grid over S' (incl. I), "
                                   "maximal at S' = I by the derivation")
