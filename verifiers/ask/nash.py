"""``nash_gap(game, G, D)``: is the pair (G, D) a Nash equilibrium of the game?

The Nash gap (OpenSpiel's NashConv) of a pair is

    gap(G, D) = [sup_{D'} V(G, D') − V(G, D)] + [V(G, D) − inf_{G'} V(G', D)]
              = discriminator_gain + generator_gain ≥ 0,

zero exactly at a Nash equilibrium. Each of the three numbers ``sup_{D'} V(G, ·)``,
``V(G, D)`` and ``inf_{G'} V(G', D)`` is computed by a closed form (or the game's
own route) and re-evaluated by an independent route (quadrature, Gauss–Hermite,
cubature, POT, Monte Carlo), each with an a-priori error bound; routes that
disagree beyond the sum of their bounds make the answer ``inconclusive``
(:func:`verifiers.outcomes.disagreement`).

Verdict convention. The certificate's claim is "(G, D) is a Nash equilibrium of
GAME". It is ``refuted`` when a certified lower bound on the gap exceeds the error
bound of its computation, ``holds`` when a certified upper bound on the gap is
within that error bound (equality to zero can only be confirmed up to the error
bound), and ``inconclusive`` in between (for instance when the generator's best
response is only searched, not certified). ``+inf`` is a valid gap: an infinitely
profitable deviation (the statement says which).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from verifiers.ask import fgan, w2, wgan1d
from verifiers.ask.games import BestResponseTo, CallableCritic, Constant, Game, Generator
from verifiers.certificate import Certificate, Verdict
from verifiers.outcomes import Outcome, Route, agree, disagreement, routes_witness

REFERENCE = {"wgan1d": "Farnia & Ozdaglar 2020, eq. (8) (WGAN, d = 1)",
             "w2gan": "Farnia & Ozdaglar 2020, eq. (9) (W2GAN, c-concave critics)",
             "w2gan-quadratic": "Farnia & Ozdaglar 2020, eq. (9) (W2GAN, quadratic critics)",
             "fgan": "Farnia & Ozdaglar 2020, eq. (7) (f-GAN)"}


@dataclass
class Sides:
    """What a game contributes: routes to ``sup V(G, ·)``, ``V(G, D)`` and
    ``inf V(·, D)``, the slack of the latter (true inf ≥ value − slack; 0 when exact,
    ``inf`` when only searched), both best responses and notes explaining infinities."""

    sup: list[Route]
    value: list[Route]
    inf: list[Route]
    slack: float
    discriminator_best: object
    generator_best: object
    notes: list[str] = field(default_factory=list)
    method: str = ""


def _routes(items) -> list[Route]:
    return [Route(name, float(v), float(e) if math.isfinite(e) else 1e300) for name, v, e in items]


def _spec(x):
    if x is None or isinstance(x, str):
        return x
    return x.spec()


# ----------------------------------------------------------------- per family


def _wgan1d(g: Game, G: Generator, D) -> Sides:
    D = D if D is not None else wgan1d.discriminator_best(g, G)
    pl, extra = wgan1d.as_pl(g, D)
    sup = [("closed form m(u, |sigma - |w||)", *wgan1d.w1_closed(g, G)),
           ("quadrature of |F_X - F_G|", *wgan1d.w1_quadrature(g, G))]
    value = [("closed form (normal call prices)"
              + (", interpolant" if extra else ""), *wgan1d.value_closed(g, G, pl, extra)),
             ("quadrature", *wgan1d.value_quadrature(g, G, D))]
    grid = wgan1d.GRID_CALLABLE if isinstance(D, CallableCritic) else wgan1d.GRID
    best = wgan1d.generator_best(g, pl, extra, grid)
    Gb = Generator(np.array([[best["w"]]]), np.array([best["u"]]))
    ex = float(wgan1d.expect_pl(pl, 0.0, g.sigma))
    inf = [(f"E D(X) - max g ({best['method']})", ex - best["value"], best["error"] + extra),
           ("quadrature at the best response", *wgan1d.value_quadrature(g, Gb, D))]
    slack = best["upper"] - best["value"] + 2.0 * extra
    return Sides(_routes(sup), _routes(value), _routes(inf), slack,
                 wgan1d.discriminator_best(g, G), Gb,
                 method="closed form (folded normal, call prices) + adaptive quadrature")


def _w2(g: Game, G: Generator, D) -> Sides:
    D = D if D is not None else w2.discriminator_best(g, G)
    sup = [("closed form eta W2^2 (Bures)", *w2.sup_closed(g, G)),
           ("POT bures_wasserstein_distance", *w2.sup_pot(g, G))]
    value = [("closed form", *w2.value_closed(g, G, D)),
             ("cubature, c-transform solved per node", *w2.value_cubature(g, G, D))]
    low, Gb = w2.generator_best(g, D)
    notes = []
    if not math.isfinite(value[0][1]):
        notes.append("V(G, D) = -inf: eta I - A is not positive definite, so D^c = +inf and "
                     "every generator gives -inf; the discriminator gains +inf")
        inf = [("closed form", -math.inf, 0.0)]
    elif Gb is None:
        notes.append("inf_G' V(G', D) = -inf")
        inf = [("closed form", -math.inf, 0.0)]
    else:
        inf = [("closed form (projector + trust region)", low, w2.value_closed(g, Gb, D)[1]),
               ("cubature at the best response", *w2.value_cubature(g, Gb, D))]
    return Sides(_routes(sup), _routes(value), _routes(inf), 0.0, w2.discriminator_best(g, G),
                 Gb, notes, "closed form (Bures-Wasserstein, trust region) + cubature + POT")


def _constant_if_data(g: Game, D):
    """``D_{G''}`` with ``P_{G''} = P_X`` is the constant ``f'(1)``."""
    if isinstance(D, BestResponseTo) and np.allclose(D.of.S, g.Sigma, rtol=0, atol=1e-15) \
            and not np.any(D.of.u):
        return Constant(g.divergence.constant_discriminator())
    return D


def _fgan(g: Game, G: Generator, D) -> Sides:
    notes = []
    if D is None:
        if G.singular:
            raise ValueError("critic: the discriminator's best response to a generator without "
                             "density (W W^T singular) is not attained; give a critic")
        D = BestResponseTo(G)
    D = _constant_if_data(g, D)
    sup = _routes(fgan.sup_routes(g, G))
    if G.singular:
        notes.append("P_G has no density (W W^T singular): sup_D V(G, D) = f(0) + f'(inf) is "
                     "not attained by any critic")
    if isinstance(D, Constant):
        value = _routes(fgan.constant_routes(g, D.value))
        if not math.isfinite(value[0].value):
            notes.append(f"the constant {D.value} is outside dom f* (f* = +inf): V(G', D) = -inf "
                         f"for every G'; the discriminator gains +inf")
        return Sides(sup, value, [value[0]], 0.0, fgan.discriminator_best(g, G),
                     "every generator (V(G', constant) does not depend on G')", notes,
                     "closed form + quadrature")
    ex = _routes(fgan.critic_routes(g, G, D))
    if not math.isfinite(ex[0].value) and ex[0].value > 0:
        raise ValueError("critic.best_response_to: E_X D(X) = +inf (the critic is not "
                         "P_X-integrable in this game)")
    search = fgan.generator_search(g, G, D)
    here = _routes(fgan.reward_routes(g, G, D))
    # V(G', D) = E_X f'(r'') − J(G'): inf V(·, D) ≤ V(G', D) for every deviation G' found;
    # the best one whose reward both routes confirm is reported (extreme rewards may defeat
    # the quadrature route: then the next best improvement is tried)
    tries = [search["history"][k] for k in (0, 1, 2, 4, 8, 16, 32, 64, 128)
             if k < len(search["history"])] or [G]
    for Gb in tries:
        there = _routes(fgan.reward_routes(g, Gb, D))
        if agree(*there) is not None:
            break
    offset = ex[0].value + here[0].value
    inf = [Route(f"{r.name} at the best deviation found", offset - r.value, r.error + ex[0].error
                 + here[0].error) for r in there]
    if math.isinf(search["J_best"]):
        notes.append("the deviation found makes E_{P_G'} f*(D(Y)) = +inf, so V(G', D) = -inf: "
                     "the generator gains +inf")
    notes.append("the generator's best response is searched (structured starts + projected "
                 "local search): its gain is a certified lower bound, not the maximum")
    return Sides(sup, ex, inf, math.inf, fgan.discriminator_best(g, G), Gb, notes,
                 "closed form (Gaussian lemma) / Gauss-Hermite + quadrature / Monte Carlo")


FAMILIES = {"wgan1d": _wgan1d, "w2gan": _w2, "w2gan-quadratic": _w2, "fgan": _fgan}


# ----------------------------------------------------------------- the certificate


def players(g: Game, G, D) -> tuple[Game, Generator, object]:
    """Validate the game and both players (``ValueError`` naming the argument)."""
    if not isinstance(g, Game):
        raise ValueError(f"game must be a Game (verifiers.ask.game(name, ...)), got "
                         f"{type(g).__name__}")
    return g, g.generator(G), g.critic(D)


NUMERIC_FAILURES = (ArithmeticError, FloatingPointError, np.linalg.LinAlgError)
"""Failures of the arithmetic at admissible but extreme inputs: ``inconclusive``, never a crash."""


def _diff(a: float, b: float) -> float:
    """``a − b`` with ``(−inf) − (−inf) = 0`` (both players stuck at −∞) and ``inf − inf = 0``."""
    if math.isinf(a) and a == b:
        return 0.0
    return a - b


def gains(s: Sides) -> dict | Outcome:
    """Both gains with their bounds, or ``inconclusive`` when routes disagree."""
    chosen = {}
    for what, routes in (("sup_D V(G, D)", s.sup), ("V(G, D)", s.value),
                         ("inf_G V(G, D)", s.inf)):
        best = agree(*routes)
        if best is None:
            return disagreement(routes, what, method=s.method)
        chosen[what] = best
    sup, val, low = chosen.values()
    d_gain = _diff(sup.value, val.value)
    g_gain = _diff(val.value, low.value)
    error = sup.error + 2.0 * val.error + low.error
    return {"discriminator_gain": d_gain, "generator_gain": g_gain,
            "generator_gain_upper": g_gain + s.slack, "error": error,
            "sup": sup, "value": val, "inf": low}


def decide_zero(lower: float, upper: float, error: float) -> Verdict:
    """``refuted`` if ``lower > error``, ``holds`` if ``upper ≤ error``, else ``inconclusive``."""
    if lower > error:
        return Verdict.REFUTED
    if upper <= error:
        return Verdict.HOLDS
    return Verdict.INCONCLUSIVE


def certificate(claim: str, reference: str, params: dict, outcome: Outcome,
                seconds: float) -> Certificate:
    return Certificate(claim=claim, params=params, verdict=outcome.final_verdict(),
                       margin=outcome.margin, tolerance=outcome.tolerance,
                       witness=dict(outcome.witness), method=outcome.method, seconds=seconds,
                       statement=outcome.statement, reference=reference)


def pair_params(g: Game, G: Generator, D) -> dict:
    return {"game": g.name, **g.params, "generator": G.spec(),
            "critic": _spec(D) if D is not None else "best response"}


def nash_gap(game: Game, G, D=None) -> Certificate:
    """Certificate of "(G, D) is a Nash equilibrium of ``game``" (see the module docstring).

    ``G``: ``{"w", "u"}`` (1-D), ``{"W", "u"}`` or a :class:`~verifiers.ask.games.Generator`;
    ``D``: a critic spec of the game (``None``: the discriminator's best response to G).
    The witness has ``gap``, ``discriminator_gain``, ``generator_gain``,
    ``discriminator_best``, ``generator_best``, the routes and the error bound."""
    start = time.perf_counter()
    g, G, D = players(game, G, D)
    params = pair_params(g, G, D)
    ref = REFERENCE[g.family]
    try:
        s = FAMILIES[g.family](g, G, D)
        found = gains(s)
    except NUMERIC_FAILURES as exc:
        return certificate("ask.nash", ref, params, Outcome.failed(exc),
                           time.perf_counter() - start)
    if isinstance(found, Outcome):
        return certificate("ask.nash", ref, params, found, time.perf_counter() - start)
    d_gain, g_gain, err = found["discriminator_gain"], found["generator_gain"], found["error"]
    lower, upper = d_gain + g_gain, d_gain + found["generator_gain_upper"]
    verdict = decide_zero(lower, upper, err)
    bound = ("" if s.slack == 0 else " (a lower bound)" if math.isinf(s.slack)
             else f" (at most {upper:.6g})")
    statement = (f"(G, D) is a Nash equilibrium of {g.name}: gap = {lower:.6g}{bound} = "
                 f"discriminator gain {d_gain:.6g} + generator gain {g_gain:.6g}; equality to 0 "
                 f"is only confirmed up to the error bound {err:.2g}")
    if s.notes:
        statement += "; " + "; ".join(s.notes)
    witness = {"gap": lower, "gap_upper": upper, "discriminator_gain": d_gain,
               "generator_gain": g_gain, "generator_gain_upper": found["generator_gain_upper"],
               "discriminator_best": _spec(s.discriminator_best),
               "generator_best": _spec(s.generator_best), "value": found["value"].value,
               "sup_value": found["sup"].value, "inf_value": found["inf"].value,
               "error_bound": err, "notes": s.notes,
               "routes": {"sup": routes_witness(s.sup), "value": routes_witness(s.value),
                          "inf": routes_witness(s.inf)}}
    margin = err - (upper if verdict is Verdict.HOLDS else lower)
    outcome = Outcome(margin=margin if math.isfinite(margin) else -math.inf, tolerance=err,
                      statement=statement, witness=witness, method=s.method, verdict=verdict)
    return certificate("ask.nash", ref, params, outcome, time.perf_counter() - start)
