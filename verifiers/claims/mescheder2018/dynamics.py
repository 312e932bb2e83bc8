"""Continuous and discrete dynamics of the Dirac-GAN (Mescheder et al. 2018):
Lemma 2.3 (the unregularised flow keeps θ²+ψ²), Lemma C.2 (the
non-saturating flow converges like t·(θ²+ψ²) → 2/|f''(0)|; eq. (90) as
printed is registered separately) and Lemma C.3 (WGAN-GP does not converge).

Each check computes one thing two ways, a closed form of
:mod:`theory.dirac` and an integration or iteration of the fields of
:mod:`theory.dirac.fields`, and hands both to :mod:`verifiers.outcomes`.
Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import dataclasses
import math
from functools import cache

import jax
import jax.numpy as jnp
import numpy as np
from scipy.integrate import solve_ivp

from theory.dirac.activations import f_derivatives, resolve
from theory.quadrature import quad_bounded
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.mescheder2018._dynamics_common import (
    F_CHOICES,
    F_SCALE,
    dirac_field,
    scaled_field,
)
from verifiers.claims.mescheder2018.symbols import GAMMA, N_D, H
from verifiers.dynamics import altgd, altgd_step, simgd, simgd_step
from verifiers.outcomes import Outcome, Route, all_of, equals, positive
from verifiers.params import Choice, Real

EPS = float(np.finfo(float).eps)
RTOL, ATOL = 1e-12, 1e-14
"""DOP853 tolerances of the flows (scaled to radius 1)."""
SOLVER = 1e-9
"""Relative error bound allowed for a DOP853 integral over at most one turn at
``RTOL`` (a few hundred steps of local error ≤ RTOL each)."""
W_LIMIT = 1e-6
"""θ²+ψ² at the start of the half-turn that measures the limit of Lemma C.2."""
NORMAL_RADIUS = 1e-290
"""Smallest start radius whose scaled coordinates stay in the normal float range."""
GP_STEPS = 20_000
"""Iterations of the WGAN-GP trajectory shown in Lemma C.3's witness."""


def _start(r0: float, phi0: float) -> np.ndarray:
    return np.array([r0 * math.cos(phi0), r0 * math.sin(phi0)])


def _scaled(method: str, f: str, scale: float):
    """``y ↦ v(scale·y)/scale`` as a numpy function: the field in coordinates of radius ~1."""
    fn = scaled_field(method, f)
    return lambda y: np.asarray(fn(y, scale))


@cache
def _angle_flow(method: str, f: str, one_over_w: bool):
    """``(z, s) ↦ ż`` jitted for ``z = (θ, ψ[, ζ], φ)`` in coordinates scaled by ``s``: the
    scaled field, with ``one_over_w`` the extra state ``ζ̇ = −2 x·v/(W_LIMIT·w²)`` (w = θ²+ψ²,
    so ζ is the increase of 1/(θ²+ψ²) in unscaled units when s² = W_LIMIT), and the polar
    angle ``φ̇ = (θ v2 − ψ v1)/w``. One compiled call per right-hand side evaluation."""
    v = scaled_field(method, f)

    def full(z, s):
        y = z[:2]
        dy = v(y, s)
        w = y[0] ** 2 + y[1] ** 2
        extra = [-2.0 * (y[0] * dy[0] + y[1] * dy[1]) / (W_LIMIT * w**2)] if one_over_w else []
        return jnp.stack([dy[0], dy[1], *extra, (y[0] * dy[1] - y[1] * dy[0]) / w])

    return jax.jit(full)


def _turn(flow, scale: float, y0: np.ndarray, angle: float):
    """Integrate ``ż = flow(z, scale)`` (:func:`_angle_flow`; ``y0`` without the angle) until
    the polar angle of (θ, ψ) has advanced by ``angle`` (either sense): ``(time, state)``
    without the angle; ``RuntimeError`` if DOP853 fails or the angle is not reached by
    t = 1e4."""

    def reached(_, z):
        return abs(z[-1]) - angle

    reached.terminal = True
    sol = solve_ivp(lambda _, z: np.asarray(flow(z, scale)), (0.0, 1e4), np.append(y0, 0.0),
                    method="DOP853", rtol=RTOL, atol=ATOL, events=reached)
    if not sol.success or not len(sol.t_events[0]):
        raise RuntimeError(f"the flow did not turn by {angle:.4g} rad: {sol.message}")
    return float(sol.t_events[0][0]), sol.y_events[0][0][:-1]


# ---------------------------------------------------------------- Lemma 2.3
def period_integral(f_name: str, r: float) -> tuple[float, float]:
    """``T(r) = ∫_0^{2π} dφ / f'(r² sin 2φ / 2)``, the period on the circle of
    radius r (φ̇ = f'(θψ) there), and quad's error estimate."""
    df = _f_prime(f_name)
    value, err = quad_bounded(lambda p: 1.0 / float(df(0.5 * r**2 * math.sin(2 * p))),
                              0.0, 2 * math.pi, epsabs=1e-13, epsrel=1e-13, limit=200)
    return value, err


@cache
def _f_prime(f_name: str):
    """``f'`` jitted, once per named f (a jit made per call would trace and compile
    again every check)."""
    return jax.jit(jax.grad(resolve(F_CHOICES[f_name])))


@claim(
    "mescheder2018.lemma2.3",
    reference="Mescheder et al. 2018, Lemma 2.3, eq. (55)",
    statement="The integral curves of the unregularised Dirac-GAN field keep θ²+ψ² constant "
              "(θv1 + ψv2 = 0): they circle (0, 0) with period ∫_0^{2π} dφ/f'(r² sin2φ/2) "
              "and never converge to it.",
    params=[Choice("f", "standard", choices=tuple(F_CHOICES), doc="the function f"),
            Real("r0", 1.0, low=0.0, high=2.0, low_open=True, sample_low=0.1,
                 doc="radius of the starting point"),
            Real("phi0", 0.7, low=0.0, high=2 * math.pi, high_open=True,
                 doc="angle of the starting point")],
    derivation="mescheder2018.md#lemma-23-eq-55",
)
def check_lemma2_3(f: str, r0: float, phi0: float) -> Outcome:
    """Integrate one turn (DOP853, coordinates scaled by r0): θv1 + ψv2 = 0 at the
    start and at the end of the turn (rounding bound 4 eps·(|θv1| + |ψv2|)), the
    radius after the turn equals r0 (solver bound), and the time of the turn equals
    the period integral (solver + quad error)."""
    if r0 < NORMAL_RADIUS:
        return _subnormal(r0)
    v = _scaled("gan", f, r0)
    y0 = _start(1.0, phi0)
    t_turn, y1 = _turn(_angle_flow("gan", f, False), r0, y0, 2 * math.pi)
    period, quad_err = period_integral(f, r0)
    parts = [_conserved(y, v(y), name) for y, name in ((y0, "start"), (y1, "after one turn"))]
    ratio = float(y1 @ y1)
    parts.append(equals(1.0, Route("flow", ratio, SOLVER), f"after one turn (θ²+ψ²)/r0² = "
                        f"{ratio:.12f}", method="dop853"))
    parts.append(equals(period, Route("flow", t_turn, SOLVER * t_turn + quad_err),
                        f"one turn takes {t_turn:.10g} = ∫dφ/f'(r² sin2φ/2) = {period:.10g}",
                        method="dop853 + quadrature"))
    return all_of(*parts, method="dop853 + quadrature",
                  statement=f"θ²+ψ² is conserved and one turn of radius {r0:g} takes "
                            f"{t_turn:.10g} (period integral {period:.10g})")


def _conserved(y, dy, where: str) -> Outcome:
    """``θv1 + ψv2 = 0`` at ``y`` within the rounding of the two products; not decided
    where a coordinate is subnormal (JAX on the CPU flushes it to 0 inside v)."""
    subnormal = _subnormal_point(y, where, "θv1 + ψv2 = 0")
    if subnormal is not None:
        return subnormal
    dot = float(y[0] * dy[0] + y[1] * dy[1])
    err = 4 * EPS * float(abs(y[0] * dy[0]) + abs(y[1] * dy[1])) + _flushed(y)
    return equals(0.0, Route("x·v(x)", dot, err), f"θv1 + ψv2 = {dot:.2e} at the {where}",
                  witness={f"x_dot_v_{where.replace(' ', '_')}": dot})


def _flushed(x) -> float:
    """Absolute error allowance for JAX's flush-to-zero on the CPU: an intermediate of the
    field below 2.2e-308 becomes 0, an error under TINY per operation; four per component,
    each multiplied by a coordinate or by a coefficient of modulus ≤ 1."""
    return 4 * tolerances.TINY * float(1.0 + np.abs(np.asarray(x, float)).sum())


def _subnormal_point(x, where: str, what: str) -> Outcome | None:
    """``inconclusive`` where a coordinate of ``x`` is nonzero and subnormal (JAX on the CPU
    flushes it to 0 inside the field, so the field is not evaluated at ``x``), else None."""
    if not tolerances.subnormal(x).any():
        return None
    return Outcome(margin=math.nan, tolerance=0.0, method="none",
                   statement=f"a coordinate of the {where} point is subnormal; JAX flushes it "
                             f"to 0 inside the field, so {what} is not decided",
                   witness={f"point_{where.replace(' ', '_')}": [float(c) for c in x]})


def _subnormal(r0: float) -> Outcome:
    return Outcome(margin=math.nan, tolerance=0.0, method="none",
                   statement=f"r0 = {r0:g} is below {NORMAL_RADIUS:g}: the scaled flow would "
                             "leave the normal float range; not decided",
                   witness={"r0": r0})


# ---------------------------------------------------------------- Lemma C.2
def limit_tw(f2: float) -> float:
    """The corrected limit of t·(θ²+ψ²) along the non-saturating flow: 2/|f''(0)|."""
    return 2.0 / abs(f2)


def limit_tw_printed(f2: float) -> float:
    """The limit eq. (90) implies as printed (1/w = −f''(0) t + …): 1/|f''(0)|."""
    return 1.0 / abs(f2)


def half_turn_ratio(f: str, phi0: float) -> Route:
    """``Δt / Δ(1/w)`` over half a turn of the non-saturating flow started at
    w = W_LIMIT, angle φ0: the time of the half-turn over the increase of 1/w
    (an extra state ż = −2 x·v / w² integrated with the flow), with error bound
    SOLVER plus the enclosure of :func:`ratio_enclosure` around the limit 2/|f''(0)|."""
    flow = _angle_flow("nonsaturating", f, True)
    t_half, end = _turn(flow, math.sqrt(W_LIMIT), np.append(_start(1.0, phi0), 0.0), math.pi)
    ratio = t_half / float(end[2])
    return Route("half-turn ratio", ratio, SOLVER * ratio + ratio_enclosure(f, W_LIMIT))


def ratio_enclosure(f: str, w: float) -> float:
    """Largest distance from 2/|f''(0)| of the ratio Δt/Δ(1/w) over a half-turn
    started at θ²+ψ² = w, for f(t) = log σ(at)/a (a = F_SCALE[f]): with
    u = θψ, |u| ≤ w/2, the angular speed p = f'(u)cos²φ + f'(−u)sin²φ is within
    ε = a·w/8 of f'(0) = 1/2, and g(u) = tanh(au/2)/(2u) (d(1/w)/dt = sin²2φ·g(u))
    lies in [g0(1 − (aw/4)²/3), g0], g0 = a/4. So the ratio lies in [lo, hi] with
    lo = 2(f1 − ε)/(g0(f1 + ε)) and hi = 2(f1 + ε)/((g0 − η)(f1 − ε)); the upper side is the
    farther one: hi − 2/g0 ≥ (2/g0)·2ε/(f1 − ε) ≥ (2/g0)·2ε/(f1 + ε) = 2/g0 − lo."""
    a = F_SCALE[f]
    f1, g0 = 0.5, a / 4.0
    eps, eta = a * w / 8.0, g0 * (a * w / 4.0) ** 2 / 3.0
    return 2.0 * (f1 + eps) / ((g0 - eta) * (f1 - eps)) - 2.0 / g0


def dw_dt_eq80(f: str, u: float) -> float:
    """Eq. (80): d/dt(θ²+ψ²) = 2[f'(θψ) − f'(−θψ)]θψ at θψ = u."""
    df = jax.grad(resolve(F_CHOICES[f]))
    return 2.0 * (float(df(u)) - float(df(-u))) * u


def _identity_80(f: str, r0: float, phi0: float) -> Outcome:
    """Eq. (80) at the start: the field's 2x·v(x) against the closed form (both
    rounded at the scale |θv1| + |ψv2| ~ r²f'(0))."""
    x = _start(r0, phi0)
    subnormal = _subnormal_point(x, "start", "eq. (80)")
    if subnormal is not None:
        return subnormal
    dv = np.asarray(dirac_field("nonsaturating", f)(jnp.asarray(x), {}))
    closed = dw_dt_eq80(f, float(x[0] * x[1]))
    field_route = 2.0 * float(x @ dv)
    err = 32 * EPS * float(np.abs(x) @ np.abs(dv)) + 2 * _flushed(x)
    return equals(closed, Route("2x·v(x)", field_route, err),
                  f"eq. (80) at the start: d/dt(θ²+ψ²) = {field_route:.4g} = "
                  f"2[f'(θψ) − f'(−θψ)]θψ = {closed:.4g}", witness={"dw_dt": field_route})


def _limit(f: str, phi0: float, printed: bool) -> Outcome:
    f2 = f_derivatives(F_CHOICES[f])[2]
    claimed = limit_tw_printed(f2) if printed else limit_tw(f2)
    route = half_turn_ratio(f, phi0)
    form = "1/|f''(0)| (eq. (90) as printed)" if printed else "2/|f''(0)|"
    return equals(claimed, route, f"t·(θ²+ψ²) → {route.value:.8g} (half-turn ratio at "
                  f"w = {W_LIMIT:g}); the statement says {form} = {claimed:.8g}",
                  witness={"f2": f2, "ratio_error_bound": route.error}, method="dop853")


_NS_F = Choice("f", "standard", choices=tuple(F_CHOICES),
               doc="f: standard, scaled2 (f''(0) = −1/2) or wgan (f''(0) = 0: hypothesis unmet)")
_R0 = Real("r0", 0.1, low=0.0, high=0.5, low_open=True, sample_low=0.02,
           doc="radius of the point where eq. (80) is evaluated")
_PHI0 = Real("phi0", 0.7, low=0.0, high=2 * math.pi, high_open=True,
             doc="angle of that point and of the measured half-turn")
G0 = Real("g0", 1.0, low=0.0, high=1e3, low_open=True, sample_low=0.5, sample_high=2.0,
          doc="WGAN-GP target gradient norm g0 > 0")
_C2_ERRATUM = (
    "Eq. (90) drops the 1/2 of identity (88): the solution of (87) is 1/w = −f''(0)(t−t0)/2 "
    "+ f''(0)/(8f'(0)) sin(4f'(0)(t−t0)) + c, so t·(θ²+ψ²) → 2/|f''(0)| (8 for the "
    "standard f), not 1/|f''(0)|. Eq. (82) also drops the factor 2 of d/dt(θ²+ψ²) = "
    "2(θv1 + ψv2); eq. (80) is right.")


def _unmet_c2(f: str) -> Outcome | None:
    f2 = f_derivatives(F_CHOICES[f])[2]
    return None if f2 < 0 else Outcome.inapplicable("f''(0) < 0", {"f2": f2})


def c2_expected(params) -> Verdict:
    """holds where f''(0) < 0 (standard, scaled2); inapplicable for f = wgan (f''(0) = 0)."""
    return Verdict.INAPPLICABLE if params["f"] == "wgan" else Verdict.HOLDS


def _printed_c2_expected(params) -> Verdict:
    """refuted wherever f''(0) < 0 (the true limit is 2/|f''(0)|); inapplicable for
    f = wgan (f''(0) = 0)."""
    return Verdict.INAPPLICABLE if params["f"] == "wgan" else Verdict.REFUTED


@claim(
    "mescheder2018.lemmaC.2",
    reference="Mescheder et al. 2018, Lemma C.2, eqs. (80), (87), (90) corrected",
    statement="Along the non-saturating Dirac-GAN flow with concave f and f''(0) < 0, "
              "d/dt(θ²+ψ²) = 2[f'(θψ) − f'(−θψ)]θψ ≤ 0 and t·(θ²+ψ²) → 2/|f''(0)| "
              "(rate O(t^{-1/2}) for ‖(θ, ψ)‖).",
    params=[_NS_F, _R0, _PHI0],
    expected=c2_expected,
    erratum=_C2_ERRATUM,
    derivation="mescheder2018.md#lemma-c2-eqs-80-and-90",
)
def check_lemmaC_2(f: str, r0: float, phi0: float) -> Outcome:
    """Eq. (80) at the start point, and the limit as the half-turn ratio (the
    limit of t·w equals the limit of Δt/Δ(1/w) over half-turns as w → 0)."""
    unmet = _unmet_c2(f)
    if unmet is not None:
        return unmet
    return all_of(_identity_80(f, r0, phi0), _limit(f, phi0, printed=False))


@claim(
    "mescheder2018.lemmaC.2.printed",
    reference="Mescheder et al. 2018, Lemma C.2, eq. (90) as printed",
    statement="Along the non-saturating Dirac-GAN flow, 1/(θ²+ψ²) = −f''(0)t + "
              "f''(0)/(4f'(0)) sin(4f'(0)(t−t0)) + c, so t·(θ²+ψ²) → 1/|f''(0)| (eq. (90)).",
    params=[_NS_F, _PHI0],
    expected=_printed_c2_expected,
    erratum=_C2_ERRATUM,
    derivation="mescheder2018.md#erratum-eq-90",
)
def check_lemmaC_2_printed(f: str, phi0: float) -> Outcome:
    """The printed limit 1/|f''(0)| against the half-turn ratio."""
    unmet = _unmet_c2(f)
    return unmet if unmet is not None else _limit(f, phi0, printed=True)


# ---------------------------------------------------------------- Lemma C.3
def jump(h: float, gamma: float, g0: float, algorithm: str, n_d: int) -> float:
    """The ψ-displacement of one update started at ψ = 0± as θ, ψ → 0: SimGD
    h·γ·g0 (the field's ψ-part θ − γψ + γg0 sign ψ tends to ±γg0); AltGD(1, n_d)
    g0·(1 − (1 − hγ)^{n_d}) (n_d discriminator steps ψ ← (1 − hγ)ψ + hγg0 from 0+,
    for hγ < 2)."""
    if algorithm == "simgd":
        return h * gamma * g0
    if h * gamma < 1.0:  # (1 − hγ)^{n_d} without cancellation for small hγ
        return -g0 * math.expm1(n_d * math.log1p(-h * gamma))
    return g0 * (1.0 - (1.0 - h * gamma) ** n_d)


SIDE = 1e-300
"""|ψ| of the points ψ = 0± where the update map is evaluated (normal: XLA flushes
subnormal numbers to zero)."""


def _displacement(gamma, g0, h, algorithm, n_d) -> Route:
    """The same displacement from the implemented update map at (0, ±SIDE):
    the smaller |ψ_{k+1} − ψ_k| of the two sides; error: 8(n_d + 1) roundings
    of the move plus the shift h(1 + γ)SIDE per discriminator step from ψ = ±SIDE."""
    v, hyper = dirac_field("wgan_gp"), {"gamma": gamma, "g0": g0}
    moves = []
    for side in (1.0, -1.0):
        x = jnp.array([0.0, side * SIDE])
        y = simgd_step(v, x, hyper, h) if algorithm == "simgd" else altgd_step(v, x, hyper, h,
                                                                              1, n_d)
        moves.append(abs(float(y[1] - x[1])))
    value = min(moves)
    err = 8 * (n_d + 1) * EPS * value + 2 * n_d * h * (1 + gamma) * SIDE
    return Route("update map at ψ = 0±", value, err)


def c3_expected(params) -> Verdict:
    """holds for SimGD, and for AltGD with hγ < 2; inapplicable for AltGD with hγ ≥ 2."""
    if params["algorithm"] == "altgd" and not params["h"] * params["gamma"] < 2.0:
        return Verdict.INAPPLICABLE
    return Verdict.HOLDS


@claim(
    "mescheder2018.lemmaC.3",
    reference="Mescheder et al. 2018, Lemma C.3, eq. (100) corrected",
    statement="WGAN-GP on the Dirac-GAN (f(t) = t, penalty γ/2(|ψ| − g0)²) trained with SimGD, "
              "or AltGD with one generator and n_d discriminator steps and hγ < 2, does not "
              "converge to (0, 0): near it each update moves ψ by h·γ·g0 (SimGD), resp. "
              "g0(1 − (1 − hγ)^{n_d}) (AltGD), which is > 0.",
    params=[GAMMA, G0, dataclasses.replace(H, default=0.05),
            Choice("algorithm", "simgd", choices=("simgd", "altgd")), N_D,
            _R0, _PHI0],
    expected=c3_expected,
    erratum="Eq. (100) prints |ψ_{k+1} − ψ_k| = h|θ_k − γψ_k − sign(ψ_k)g0| with limit h|g0|; "
            "the field gives ψ_{k+1} − ψ_k = h(θ_k − γψ_k + γg0 sign ψ_k), limit hγg0 (the "
            "argument stands). The iterates need not oscillate: the one-sided stationary "
            "points (∓γg0/f'(0), 0±) can attract them (claim ganeq.dirac.wgan_gp_spurious).",
    derivation="mescheder2018.md#lemma-c3-eq-100",
)
def check_lemmaC_3(gamma, g0, h, algorithm, n_d, r0, phi0) -> Outcome:
    """The closed-form displacement against the update map at ψ = 0±, and its
    sign; a trajectory from (r0, φ0) goes in the witness."""
    if algorithm == "altgd" and not h * gamma < 2.0:
        return Outcome.inapplicable("hγ < 2 (AltGD)", {"h_gamma": h * gamma})
    closed = jump(h, gamma, g0, algorithm, n_d)
    if closed < NORMAL_RADIUS:
        return Outcome(margin=math.nan, tolerance=0.0, method="none", witness={"jump": closed},
                       statement=f"the move {closed:.3g} is below the normal float range, "
                                 "where XLA flushes to zero; not decided")
    route = _displacement(gamma, g0, h, algorithm, n_d)
    return all_of(
        equals(closed, route, f"near (0, 0) one {algorithm} update moves ψ by "
               f"{route.value:.6g} = {closed:.6g}", method="jax-step"),
        positive(closed, route.error, f"that move {closed:.3g} is > 0, so the iterates are "
                 "not a Cauchy sequence near (0, 0)", witness=_trajectory(gamma, g0, h,
                                                                         algorithm, n_d, r0, phi0)),
        method="closed-form + jax-step")


def _trajectory(gamma, g0, h, algorithm, n_d, r0, phi0) -> dict:
    """The last iterate and the smallest distance to (0, 0) over the last 10% of a run (a run
    that leaves every bound overflows: its radii are +inf or NaN, dropped, not warned)."""
    v, hyper, x0 = dirac_field("wgan_gp"), {"gamma": gamma, "g0": g0}, _start(r0, phi0)
    xs = simgd(v, x0, hyper, h, GP_STEPS) if algorithm == "simgd" else \
        altgd(v, x0, hyper, h, GP_STEPS, 1, n_d)
    with np.errstate(over="ignore", invalid="ignore"):
        late = np.linalg.norm(np.asarray(xs[-GP_STEPS // 10:]), axis=1)
    late = late[np.isfinite(late)]
    return {"final_iterate": np.asarray(xs[-1]), "jump_printed_eq100": h * g0,
            "min_late_radius": float(late.min()) if len(late) else math.inf}
