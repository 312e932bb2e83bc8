"""λ-proximal equilibria of any pair (Farnia & Ozdaglar 2020, Definition 1, Propositions 2–3).

The proximal objective (eq. (11)) with the Sobolev semi-norm (15),
``V^prox_λ(G, D) = max_{D̃} V(G, D̃) − λ‖D̃ − D‖²``, ``‖D‖² = E_X‖∇D(X)‖²``. A pair is a
λ-PE iff it is a Nash equilibrium of ``V^prox_λ`` (Definition 1); its Nash gap there is

    prox_gap = [sup_{D'} V^prox_λ(G, D') − V^prox_λ(G, D)]
               + [V^prox_λ(G, D) − inf_{G'} V^prox_λ(G', D)]
             = sup_{D'} V(G, D') − inf_{G'} V^prox_λ(G', D)

(``sup_{D'} V^prox_λ(G, D') = sup V(G, ·)``, take ``D' = D_G``). By Proposition 3 the set of
λ for which a pair is a λ-PE is an interval ``[0, λ_max]``.

Games: ``w2gan`` (cost ½‖x − y‖²) and ``w2gan-quadratic`` (cost η‖x − y‖²), quadratic
critics. ``V^prox_λ(G, D)`` is the Newton solve of :func:`theory.proximal.objective.solve`
(route 1) re-evaluated at its maximiser by the cubature value minus the penalty, with
the strong-concavity bound ``‖∇F‖²/(2μ)``, ``μ = 8λ λ_min(Σ)`` (route 2). The
generator's side is a batched projected search with the Proposition-4 gradient
(a deviation found bounds the infimum above), certified below only where a closed form
exists: for the W2-optimal generator G* and its Kantorovich potential D*, G* minimises
``V^prox_λ(·, D*)`` iff ``λ ≤ λ_max = 1/(4 λ_max(A*))`` (Theorem 2 and the convexity
argument of :mod:`theory.proximal.threshold`; isotropic data: ``σ/(4η(σ − 1))``).
"""

from __future__ import annotations

import math
import time

import jax
import jax.numpy as jnp
import numpy as np

from theory.proximal import objective, threshold
from theory.proximal import w2gan as prox_w2
from verifiers.ask import w2
from verifiers.ask.games import Game, Generator, Quadratic
from verifiers.ask.nash import NUMERIC_FAILURES, certificate, decide_zero, pair_params
from verifiers.certificate import Certificate, Verdict
from verifiers.outcomes import Outcome, Route, agree, disagreement, equals, routes_witness
from verifiers.params import Real

LAM = Real("lam", 0.1, low=0.0, doc="proximal penalty weight lambda")
SEARCH_STARTS = 12
SEARCH_STEPS = 20
SEARCH_LR = 0.05
BISECTION_STEPS = 10
REFERENCE = "Farnia & Ozdaglar 2020, Definition 1, Propositions 2-3, eq. (11), (15)"


def _w2_game(g: Game) -> None:
    if not isinstance(g, Game):
        raise ValueError(f"game must be a Game (verifiers.ask.game(name, ...)), got "
                         f"{type(g).__name__}")
    if g.family not in ("w2gan", "w2gan-quadratic"):
        raise ValueError(f"game={g.name!r}: proximal gaps are implemented for the W2 games "
                         f"(w2gan, w2gan-quadratic: quadratic critics, Sobolev semi-norm)")


def _problem(g: Game, W, u, D: Quadratic, lam) -> objective.Problem:
    W, u = jnp.asarray(W), jnp.asarray(u)
    return objective.problem(jnp.zeros(g.d), jnp.asarray(g.Sigma), u, W @ W.T,
                             jnp.asarray(D.A), jnp.asarray(D.b), g.eta, lam)


def prox_value(g: Game, G: Generator, D: Quadratic, lam: float) -> tuple[list[Route], Quadratic]:
    """``V^prox_λ(G, D)`` by the Newton solve and by the cubature re-evaluation at its
    maximiser (with the strong-concavity suboptimality bound), and the maximiser D̃."""
    p = _problem(g, G.W, G.u, D, lam)
    sol = objective.solve(p) if lam > 0 else objective.solve_barrier(p)
    At, bt = np.asarray(sol.A), np.asarray(sol.b)
    Dt = Quadratic(0.5 * (At + At.T), bt)
    value = float(sol.value)
    grad, _ = objective.derivatives(jnp.asarray(Dt.A), p, jnp.asarray(0.0))
    mu = 8.0 * lam * float(np.linalg.eigvalsh(g.Sigma)[0])
    gap_bound = float(grad @ grad) / (2.0 * mu) if mu > 0 else math.inf
    rounding = w2.value_closed(g, G, Dt)[1]
    dA, db = Dt.A - D.A, Dt.b - D.b
    penalty = 4.0 * float(np.trace(dA @ g.Sigma @ dA)) + float(db @ db)
    cub, cub_err = w2.value_cubature(g, G, Dt)
    routes = [Route("Newton solve of the reduced program", value,
                    min(gap_bound, 1e300) + rounding + float(sol.decrement)),
              Route("cubature value at the maximiser - lam * Sobolev penalty",
                    cub - lam * penalty, min(gap_bound, 1e300) + cub_err + 1e-12 * lam * penalty)]
    return routes, Dt


@jax.jit
def _search_step(Ws, us, Sx, A0, b0, eta, lam, t):
    """One batched projected descent step on ``V^prox_λ(·, D)`` (Proposition-4 gradient):
    the values at ``(Ws, us)`` and the projected next iterates. Module-level and traced in
    every number, so a search (and a bisection on λ) compiles once per dimension."""
    m = jnp.zeros(Sx.shape[0])

    def one(W, u):
        sol = objective.solve(objective.problem(m, Sx, u, W @ W.T, A0, b0, eta, lam))
        gW, gu = prox_w2.grad_theta(W, u, sol.A, sol.b, m, Sx, eta)
        return sol.value, prox_w2.project(W - SEARCH_LR * gW, u - SEARCH_LR * gu, t)

    return jax.vmap(one)(Ws, us)


def _starts(g: Game, G: Generator, seed: int) -> tuple[jnp.ndarray, jnp.ndarray]:
    from verifiers.proximal.pe import random_generators

    W0, u0 = random_generators(jax.random.PRNGKey(seed), SEARCH_STARTS, g.d, g.d, g.t)
    eye = np.eye(g.d)
    Ws = [eye] * (2 * g.d + 1) + [_square(G)]
    us = [g.t * e for e in eye] + [-g.t * e for e in eye] + [np.zeros(g.d), G.u]
    return (jnp.concatenate([W0, jnp.asarray(np.array(Ws))]),
            jnp.concatenate([u0, jnp.asarray(np.array(us))]))


def _square(G: Generator) -> np.ndarray:
    """A d × d root of ``S = WWᵀ`` (the same law as G)."""
    w, V = np.linalg.eigh(G.S)
    return (V * np.sqrt(np.clip(w, 0.0, 1.0))) @ V.T


def generator_search(g: Game, G: Generator, D: Quadratic, lam: float, seed: int = 0) -> Generator:
    """Untrusted batched projected descent on ``V^prox_λ(·, D)`` (Proposition-4 gradient);
    the best admissible generator visited."""
    Ws, us = _starts(g, G, seed)
    fixed = [jnp.asarray(x, jnp.float64) for x in (g.Sigma, D.A, D.b, g.eta, lam, g.t)]
    best_val, best = math.inf, (np.eye(g.d), np.zeros(g.d))
    for _ in range(SEARCH_STEPS):
        vals, (W_next, u_next) = _search_step(Ws, us, *fixed)
        vals = np.nan_to_num(np.asarray(vals), nan=np.inf)
        k = int(np.argmin(vals))
        if vals[k] < best_val:
            best_val, best = float(vals[k]), (np.asarray(Ws[k]), np.asarray(us[k]))
        Ws, us = W_next, u_next
    return g.generator({"W": _clip(best[0]), "u": _shrink(best[1], g.t)})


def _clip(W) -> np.ndarray:
    U, s, Vt = np.linalg.svd(np.asarray(W))
    return (U * np.minimum(s, 1.0)) @ Vt


def _shrink(u, t) -> np.ndarray:
    n = float(np.linalg.norm(u))
    return np.asarray(u) * (min(1.0, t / n) if n > 0 else 1.0)


def optimal_pair(g: Game) -> tuple[Generator, Quadratic, float]:
    """The W2-optimal generator ``G* = (B*ΣB*)^{1/2}, 0)`` of centred data, its Kantorovich
    potential ``D*`` and ``W* = η Σ_i (σ_i − 1)₊²`` (σ_i² the eigenvalues of Σ)."""
    B = threshold.optimal_b_star(g.Sigma)
    S = B @ g.Sigma @ B
    w, V = np.linalg.eigh(S)
    Gs = Generator((V * np.sqrt(np.clip(w, 0.0, 1.0))) @ V.T, np.zeros(g.d))
    sig = np.sqrt(np.linalg.eigvalsh(g.Sigma))
    return Gs, w2.discriminator_best(g, Gs), g.eta * float(np.sum(np.maximum(sig - 1.0, 0.0) ** 2))


def _is_optimal(g: Game, G: Generator, D: Quadratic, err: float) -> bool:
    """``(G, D) = (G*, D*)`` up to the error bound: same law as G* and the same critic."""
    Gs, Ds, _ = optimal_pair(g)
    scale = 1e-9 * (1.0 + float(np.max(np.abs(g.Sigma))))
    return bool(np.max(np.abs(G.S - Gs.S)) <= scale and np.max(np.abs(G.u)) <= scale
                and np.max(np.abs(D.A - Ds.A)) <= scale + err
                and np.max(np.abs(D.b - Ds.b)) <= scale + err)


def lam_max_closed(g: Game) -> float:
    """``λ_max = 1/(4 λ_max(A*))`` (+∞ when A* ⪯ 0, e.g. σ ≤ 1)."""
    return threshold.lam_max_centred(g.Sigma, g.eta)


def _sides(g: Game, G, D, lam: float, seed: int):
    _w2_game(g)
    G = g.generator(G)
    D = g.critic(D)
    D = D if D is not None else w2.discriminator_best(g, G)
    sup = [Route("closed form eta W2^2 (Bures)", *w2.sup_closed(g, G)),
           Route("POT bures_wasserstein_distance", *w2.sup_pot(g, G))]
    here, Dt = prox_value(g, G, D, lam)
    Gb = generator_search(g, G, D, lam, seed)
    there, _ = prox_value(g, Gb, D, lam)
    return G, D, sup, here, Gb, there, Dt


def proximal_gap(game: Game, G, D, lam: float, *, seed: int = 0) -> Certificate:
    """Certificate of "(G, D) is a λ-proximal equilibrium of ``game``" (the Nash-gap
    convention of :func:`verifiers.ask.nash_gap` applied to ``V^prox_λ``). The witness has
    ``gap``, ``discriminator_gain`` (``sup V(G, ·) − V^prox_λ(G, D)``), ``generator_gain``
    (``V^prox_λ(G, D) − inf V^prox_λ(·, D)``, a lower bound from the deviation found),
    ``discriminator_best``, ``generator_best``, ``lam``."""
    start = time.perf_counter()
    lam = LAM.check(lam)
    _w2_game(game)
    g = game
    G, D0 = g.generator(G), g.critic(D)
    params = {**pair_params(g, G, D0), "lam": lam}
    try:
        G, D, sup, here, Gb, there, Dt = _sides(game, G, D0, lam, seed)
    except NUMERIC_FAILURES as exc:
        return certificate("ask.proximal_gap", REFERENCE, params, Outcome.failed(exc),
                           time.perf_counter() - start)
    chosen = []
    for what, routes in (("sup_D V(G, D)", sup), ("V^prox(G, D)", here),
                         ("V^prox(G', D)", there)):
        best = agree(*routes)
        if best is None:
            out = disagreement(routes, what, method="Newton + cubature + POT")
            return certificate("ask.proximal_gap", REFERENCE, params, out,
                               time.perf_counter() - start)
        chosen.append(best)
    s, v, low = chosen
    err = s.error + 2.0 * v.error + low.error
    d_gain, g_gain = s.value - v.value, v.value - low.value
    lower = d_gain + max(g_gain, 0.0)
    exact = _is_optimal(g, G, D, err) and lam <= lam_max_closed(g)
    upper = d_gain if exact else math.inf
    verdict = decide_zero(lower, upper, err)
    how = ("G* minimises V^prox(., D*) for lam <= lam_max (closed form): the generator gains 0"
           if exact else "the generator's gain is a lower bound (the deviation found by a "
                         "batched projected search)")
    statement = (f"(G, D) is a {lam:g}-proximal equilibrium of {g.name}: gap = sup V(G, .) - "
                 f"inf V^prox(., D) >= {lower:.6g} (discriminator gain {d_gain:.6g}, generator "
                 f"gain {g_gain:.6g}); {how}; equality to 0 is only confirmed up to the error "
                 f"bound {err:.2g}")
    witness = {"gap": lower, "gap_upper": upper, "lam": lam, "proximal_gap": lower,
               "discriminator_gain": d_gain, "generator_gain": g_gain,
               "discriminator_best": w2.discriminator_best(g, G).spec(),
               "generator_best": Gb.spec(), "proximal_maximiser": Dt.spec(),
               "value_prox": v.value, "sup_value": s.value, "inf_prox_value": low.value,
               "error_bound": err,
               "routes": {"sup": routes_witness(sup), "prox": routes_witness(here),
                          "prox_at_deviation": routes_witness(there)}}
    margin = err - (upper if verdict is Verdict.HOLDS else lower)
    out = Outcome(margin=margin, tolerance=err, statement=statement, witness=witness,
                  method="Newton (reduced program) + cubature + POT + projected search",
                  verdict=verdict)
    return certificate("ask.proximal_gap", REFERENCE, params, out, time.perf_counter() - start)


def _violation(g: Game, G: Generator, D: Quadratic, lam: float, seed: int) -> dict:
    """Proposition 2 at λ: a certified deviation with ``V^prox_λ(G', D) < V(G, D)``?"""
    Gb = generator_search(g, G, D, lam, seed)
    there, _ = prox_value(g, Gb, D, lam)
    best = agree(*there)
    v, v_err = w2.value_closed(g, G, D)
    if best is None:
        return {"violated": False, "G": Gb, "amount": math.nan}
    amount = v - best.value
    return {"violated": amount > v_err + best.error, "G": Gb, "amount": amount}


def lambda_max(game: Game, G, D=None, *, lam_hi: float | None = None, seed: int = 0,
               steps: int = BISECTION_STEPS) -> Certificate:
    """Certificate of "(G, D) is a λ-PE of ``game`` exactly for λ ≤ λ_max".

    By Proposition 2, a pair is a λ-PE iff D is a best response to G and
    ``inf_{G'} V^prox_λ(G', D) ≥ V(G, D)``; at λ = 0 the latter says G minimises the W2
    distance. A pair failing either at λ = 0 is a λ-PE for no λ (``witness["lambda_max"]``
    is ``None``). Otherwise the pair is (G*, D*) and ``λ_max = 1/(4λ_max(A*))`` in closed
    form, held against a bisection on λ whose upper end carries a certified breaking
    deviation (``witness["breaking_deviation"]``); ``steps`` bisection steps."""
    start = time.perf_counter()
    _w2_game(game)
    g = game
    G = g.generator(G)
    D = g.critic(D)
    D = D if D is not None else w2.discriminator_best(g, G)
    params = pair_params(g, G, D)
    sup = [Route("closed form eta W2^2 (Bures)", *w2.sup_closed(g, G)),
           Route("POT bures_wasserstein_distance", *w2.sup_pot(g, G))]
    value = [Route("closed form", *w2.value_closed(g, G, D)),
             Route("cubature", *w2.value_cubature(g, G, D))]
    s, v = agree(*sup), agree(*value)
    if s is None or v is None:
        out = disagreement(sup if s is None else value, "sup V(G, .) or V(G, D)")
        return certificate("ask.lambda_max", REFERENCE, params, out, time.perf_counter() - start)
    _, _, w_star = optimal_pair(g)
    err = s.error + v.error
    d_gain, excess = s.value - v.value, v.value - w_star
    if d_gain > err or excess > err + v.error:
        why = (f"D is not a best response to G (the discriminator gains {d_gain:.6g})"
               if d_gain > err else
               f"G does not minimise the W2 distance (V(G, D) - W* = {excess:.6g} > 0): it is "
               f"not a Stackelberg solution, so not a 0-PE")
        out = Outcome(margin=max(d_gain, excess) - err, tolerance=err, verdict=Verdict.HOLDS,
                      statement=f"(G, D) is a lambda-PE of {g.name} for no lambda >= 0: {why} "
                                f"(Proposition 2; nested in lambda by Proposition 3)",
                      witness={"lambda_max": None, "discriminator_gain": d_gain,
                               "value_minus_w_star": excess, "error_bound": err},
                      method="closed form + cubature + POT")
        return certificate("ask.lambda_max", REFERENCE, params, out, time.perf_counter() - start)
    closed = lam_max_closed(g)
    try:
        outcome = _lambda_outcome(g, closed, _bisect(g, G, D, closed, lam_hi, seed, steps))
    except NUMERIC_FAILURES as exc:
        outcome = Outcome.failed(exc)
    return certificate("ask.lambda_max", REFERENCE, params, outcome, time.perf_counter() - start)


def _bisect(g: Game, G: Generator, D: Quadratic, closed: float, lam_hi, seed: int,
            steps: int) -> dict:
    """Bisection on λ over ``[0, hi]`` with the search's certified violations: ``hi`` always
    carries a verified breaking deviation (if any was found)."""
    hi = lam_hi if lam_hi is not None else (4.0 * closed if math.isfinite(closed) else 1e3)
    top = _violation(g, G, D, hi, seed)
    if not top["violated"]:
        return {"lo": hi, "hi": math.inf, "breaking": None, "amount": top["amount"]}
    lo, brk = 0.0, top
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        res = _violation(g, G, D, mid, seed)
        if res["violated"]:
            hi, brk = mid, res
        else:
            lo = mid
    return {"lo": lo, "hi": hi, "breaking": brk["G"], "amount": brk["amount"]}


def _lambda_outcome(g: Game, closed: float, bis: dict) -> Outcome:
    witness = {"lambda_max": closed, "lambda_max_closed_form": closed,
               "bisection_lower": bis["lo"], "bisection_upper": bis["hi"],
               "breaking_deviation": bis["breaking"].spec() if bis["breaking"] else None,
               "breaking_amount": bis["amount"]}
    statement = (f"(G*, D*) is a lambda-PE of {g.name} exactly for lambda <= lambda_max = "
                 f"1/(4 lambda_max(A*)) = {closed:.10g}; bisection with certified breaking "
                 f"deviations brackets the threshold in [{bis['lo']:.10g}, {bis['hi']:.10g}]")
    if math.isinf(closed) or math.isinf(bis["hi"]):
        agree_inf = math.isinf(closed) and math.isinf(bis["hi"])
        return Outcome(margin=math.inf if agree_inf else -math.inf, tolerance=0.0,
                       statement=statement, witness=witness, method="closed form + bisection",
                       verdict=Verdict.HOLDS if agree_inf else Verdict.INCONCLUSIVE)
    mid, half = 0.5 * (bis["lo"] + bis["hi"]), 0.5 * (bis["hi"] - bis["lo"])
    if closed > bis["hi"]:
        return equals(closed, Route("bisection", mid, half), statement, witness=witness,
                      method="closed form + bisection (certified breaking deviation)")
    return Outcome(margin=bis["hi"] - closed, tolerance=0.0, statement=statement,
                   witness=witness, method="closed form + bisection (certified breaking "
                                           "deviation)", verdict=Verdict.HOLDS)
