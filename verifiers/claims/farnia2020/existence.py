"""Where a Nash equilibrium does exist (Farnia & Ozdaglar 2020): Proposition 1 (realisable
data, σ ≤ 1), Remark 1 (σ < 1, σ_min(W) ≥ 1) and the t = 0 counter-check (theorem1.md §2.3,
§3, §7). Each check computes the Nash gap of the stated pair in closed form — the
discriminator's and the generator's improvement, each against its exact best response — and
decides "(G*, D*) is an ε-NE with ε = NASH_EPS": margin = ε − gap.
"""

from __future__ import annotations

import math

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
from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.claims.farnia2020.symbols import (
    D12,
    FGAN_NAMES,
    READING,
    REF,
    SIGMA_NARROW,
    SIGMA_REALISABLE,
    SIGMA_WIDE,
    D,
    T,
)
from verifiers.params import Choice, Real


def _outcome(gap: float, d_gain: float, g_gain: float, scale: float, statement: str,
             witness: dict, method: str = "closed-form best responses") -> Outcome:
    return Outcome(margin=tolerances.NASH_EPS - gap, tolerance=tolerances.nash_gap(scale) * 1e-3,
                   method=method, statement=f"{statement}: Nash gap {gap:.3g} <= eps = "
                   f"{tolerances.NASH_EPS:g} (discriminator gains {d_gain:.3g}, generator "
                   f"{g_gain:.3g})",
                   witness={"gap": gap, "discriminator_gain": d_gain, "generator_gain": g_gain,
                            **witness})


def _realiser(sigma: float, d: int) -> LinearGenerator:
    """G* = (min(σ, 1) I, 0): realises P_X when σ ≤ 1."""
    return LinearGenerator.optimal(d, 1.0, scale=min(sigma, 1.0))


def _check_prop1_fgan(sigma: float, d: int, divergence: str) -> Outcome:
    div = get_divergence(divergence)
    G = _realiser(sigma, d)
    nc = fgan_nash_conv(divergence, GaussianData.isotropic(sigma, d), G,
                        FCritic(value=div.constant_discriminator()))
    return _outcome(nc.gap, nc.discriminator_gain, nc.generator_gain, 1.0,
                    f"(G* = ({min(sigma, 1):.3g} I, 0), D_const = f'(1) = "
                    f"{div.constant_discriminator():g})"
                    " is a "
                    "NE", {"f(1)": str(div.f_at_one()), "D_const": div.constant_discriminator()})


def _check_prop1_wgan(sigma: float) -> Outcome:
    G = _realiser(sigma, 1)
    gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, G.W[0, 0], 0.0, 0.0, 1.0, 0.0))
    return _outcome(gap, dg, gg, 1.0, "(G* = (sigma, 0), D = 0) is a "
                                      "NE", {"w1": float(wgan.w1(sigma, G.W[0, 0], 0.0))})


def _check_prop1_w2gan(sigma: float, d: int) -> Outcome:
    G = _realiser(sigma, d)
    nc = w2gan_nash_conv(GaussianData.isotropic(sigma, d), G, np.zeros((d, d)), np.zeros(d))
    return _outcome(nc.gap, nc.discriminator_gain, nc.generator_gain, 1.0,
                    "(G* = (sigma I, 0), D = 0) is a NE", {"generator_best": nc.generator_best})


def _bounds(reading: str) -> tuple[float, float]:
    return (1.0, math.inf) if reading == "replaces" else (1.0, 1.0)


def _check_remark1_wgan(sigma: float, t: float, reading: str) -> Outcome:
    lo, hi = _bounds(reading)
    gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, 1.0, 0.0, 0.0, t, -1.0, lo, hi))
    return _outcome(gap, dg, gg, 1.0, f"(G* = (1, 0), D*(x) = -|x|) is a NE ({reading} reading)",
                    {"value": float(wgan.value(sigma, 1.0, 0.0, 0.0, -1.0)),
                     "w1_closed_form": (1 - sigma) * math.sqrt(2 / math.pi)})


def _check_remark1_w2gan(sigma: float, t: float, d: int, reading: str) -> Outcome:
    lo, hi = _bounds(reading)
    eye, zero, Sig = jnp.eye(d), jnp.zeros(d), sigma**2 * jnp.eye(d)
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    gap, dg, gg = (float(x) for x in w2gan.nash_gap(A, b, eye, zero, Sig, t, lo, hi))
    return _outcome(gap, dg, gg, d, f"(G* = (I, 0), A* = (1 - 1/sigma) I/2, b* = 0) is a NE "
                                    f"({reading} reading)",
                    {"A_star": A, "value": float(w2gan.value(A, b, eye, zero, Sig)),
                     "w2_half_closed_form": d * (1 - sigma) ** 2 / 2})


S_GRID = np.linspace(0.05, 1.0, 12)


def _fgan_t0_gap(name: str, sigma: float, d: int, t: float) -> tuple[float, dict]:
    """max over S' = diag(s) (grid incl. s = 1), u' ∈ {0, t e1} of J_{G*}(S', u') − J_{G*}(I, 0)."""
    Sig, eye = sigma**2 * jnp.eye(d), jnp.eye(d)
    ell = fgan.log_ratio(eye, jnp.zeros(d), Sig)
    grids = np.stack(np.meshgrid(*([S_GRID] * d), indexing="ij"), -1).reshape(-1, d)
    means = jnp.stack([jnp.zeros(d), jnp.zeros(d).at[0].set(t)])
    vals = jax.vmap(lambda s: jax.vmap(lambda m: fgan.J(name, ell, m, jnp.diag(s)))(means))(
        jnp.asarray(grids))
    base = float(fgan.J(name, ell, jnp.zeros(d), eye))
    k = np.unravel_index(int(jnp.argmax(vals)), vals.shape)
    return max(0.0, float(vals[k]) - base), {"S_diag": grids[k[0]], "u": np.asarray(means[k[1]])}


def _check_t0(sigma: float, d: int, game: str, t: float) -> Outcome:
    """With ‖u‖ ≤ t = 0 the pair (G*, D_{G*}) is a NE in every game (theorem1.md §2.3)."""
    if game == "wgan":
        gap, dg, gg = (float(x) for x in wgan.nash_gap(sigma, 1.0, 0.0, 0.0, t))
        return _outcome(gap, dg, gg, 1.0, "t = 0: (G* = (1, 0), D* = |x|) is a NE", {})
    if game == "w2gan":
        eye, zero, Sig = jnp.eye(d), jnp.zeros(d), sigma**2 * jnp.eye(d)
        A, b = w2gan.discriminator_best_response(eye, zero, Sig)
        gap, dg, gg = (float(x) for x in w2gan.nash_gap(A, b, eye, zero, Sig, t))
        return _outcome(gap, dg, gg, d, "t = 0: (G* = (I, 0), D_{G*}) is a NE", {})
    gap, best = _fgan_t0_gap(game, sigma, d, t)
    return _outcome(gap, 0.0, gap, 1.0, f"t = 0: (G* = (I, 0), D_{{G*}}) is a NE for {game}",
                    {"generator_best_on_grid": best},
                    method="closed-form + grid over S' (incl. S' = I)")


def _t0_sampler(rng: np.random.Generator) -> dict:
    game = T0_GAMES[rng.integers(len(T0_GAMES))]
    return {"sigma": float(rng.uniform(1.05, 2.5)), "game": game,
            "d": 1 if game == "wgan" else int(rng.integers(1, 3)), "t": 0.0}


def _t0_strategy():
    from hypothesis import strategies as st

    return st.integers(0, 2**32 - 1).map(lambda s: _t0_sampler(np.random.default_rng(s)))


T0_GAMES = ("wgan", "w2gan", "kl", "rkl", "hellinger", "js", "neyman")
T_ZERO = Real("t", 0.0, low=0.0, high=0.0, doc="the mean bound, fixed at t = 0 (the claim's case)")


def _t0_requires(p: dict) -> None:
    if p["game"] == "wgan" and p["d"] != 1:
        raise ValueError(f"d={p['d']} with game='wgan'; admissible: d = 1 (the WGAN is 1-D)")


DIVERGENCE = Choice("divergence", "kl", choices=FGAN_NAMES, doc="f-divergence")

CLAIMS = [
    Claim(id="farnia2020.proposition1.fgan", reference=f"{REF}, Proposition 1 (f-GAN)",
          statement="If a generator realises P_X (σ ≤ 1), it and the constant discriminator "
                    "f'(1) form "
                    "a Nash equilibrium of the f-GAN.",
          params=[SIGMA_REALISABLE, D, DIVERGENCE], checker=_check_prop1_fgan),
    Claim(id="farnia2020.proposition1.wgan", reference=f"{REF}, Proposition 1 (WGAN)",
          statement="If a generator realises P_X (σ ≤ 1), it and the constant critic 0 form a Nash "
                    "equilibrium of the 1-D WGAN.",
          params=[SIGMA_REALISABLE], checker=_check_prop1_wgan),
    Claim(id="farnia2020.proposition1.w2gan", reference=f"{REF}, Proposition 1 (W2GAN)",
          statement="If a generator realises P_X (σ ≤ 1), it and the constant discriminator 0 "
                    "form a "
                    "Nash equilibrium of the W2GAN.",
          params=[SIGMA_REALISABLE, D], checker=_check_prop1_w2gan),
    Claim(id="farnia2020.remark1.wgan", reference=f"{REF}, Remark 1 (WGAN)",
          statement="With σ < 1 and σ_min(W) ≥ 1 the W1-minimising generator (1, 0) and the critic "
                    "−|x| form a Nash equilibrium of the 1-D WGAN (both readings of Remark 1).",
          params=[SIGMA_NARROW, T, READING], checker=_check_remark1_wgan),
    Claim(id="farnia2020.remark1.w2gan", reference=f"{REF}, Remark 1 (W2GAN)",
          statement="With σ < 1 and σ_min(W) ≥ 1 the W2-minimising generator (I, 0) and its "
                    "Kantorovich potential form a Nash equilibrium of the W2GAN.",
          params=[SIGMA_NARROW, T, D, READING], checker=_check_remark1_w2gan),
    Claim(id="farnia2020.t0", reference=f"{REF}, Theorem 1 (the hypothesis t > 0)",
          statement="With t = 0 (u fixed at 0) the pair (G*, D_{G*}) is a Nash equilibrium in the "
                    "f-GAN, W2GAN and WGAN games: Theorem 1 needs t > 0.",
          params=[SIGMA_WIDE, D12, Choice("game", "w2gan", choices=T0_GAMES), T_ZERO],
          checker=_check_t0, requires=_t0_requires, strategy_fn=_t0_strategy,
          sampler=_t0_sampler),
]
