"""Dynamic claims of the Dirac-GAN (Mescheder et al. 2018): Lemma 2.3
(the flow conserves θ²+ψ²), Lemma C.2 (the non-saturating flow converges
like 2/(|f''(0)| t), erratum E6; the printed eq. (90) registered as refuted)
and Lemma C.3 (WGAN-GP does not converge to (0, 0); errata E7, E10).

Every check integrates or iterates the fields of :mod:`theory.dirac.fields`
with the jitted scans of :mod:`verifiers.dynamics` and compares with an
independent closed form (a quadrature, a derived slope, a jump size).
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
from scipy.integrate import quad

from theory.dirac.activations import f_derivatives
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import Claim, Outcome
from verifiers.claims.mescheder2018._dynamics_common import F_CHOICES, combine, dirac_field
from verifiers.dynamics import altgd, flow, flow_times, simgd, turn_times
from verifiers.params import Choice, Integer, Real

FLOW_STEPS = 2**15
"""RK4 steps of the Lemma 2.3 flow (2.2 periods)."""
NS_STEPS, NS_T_END = 40_000, 4000.0
"""RK4 steps and horizon of the non-saturating flow (Δt = 0.1, ωΔt = 0.05)."""
GP_STEPS = 20_000
"""SimGD/AltGD iterations of the WGAN-GP claim."""


def _start(r0, phi0):
    return jnp.array([r0 * math.cos(phi0), r0 * math.sin(phi0)])


def period_integral(f_name: str, r: float) -> float:
    """``T(r) = ∫_0^{2π} dφ / f'(r² sin 2φ / 2)``: the period of the flow on the
    circle of radius r (note A.2; φ̇ = f'(θψ) there)."""
    df = jax.jit(jax.grad(_resolve_f(f_name)))
    value, _ = quad(lambda p: 1.0 / float(df(0.5 * r**2 * math.sin(2 * p))), 0.0, 2 * math.pi,
                    epsabs=1e-13, epsrel=1e-13, limit=200)
    return value


def _resolve_f(f_name):
    from theory.dirac.activations import resolve
    return resolve(F_CHOICES[f_name])


# ---------------------------------------------------------------- Lemma 2.3
def _check_lemma23(f: str, r0: float, phi0: float) -> Outcome:
    """Integrate the unregularised flow (RK4, 2^15 steps over 2.2 periods);
    parts: the relative drift of θ²+ψ² (≤ FLOW_INVARIANT) and the measured
    period against :func:`period_integral` (≤ PERIOD)."""
    period = period_integral(f, r0)
    t_end = 2.2 * period
    xs = np.asarray(flow(dirac_field("gan", f), _start(r0, phi0), {}, t_end, FLOW_STEPS))
    w = np.sum(xs**2, axis=1)
    drift = float(np.max(np.abs(w / w[0] - 1.0)))
    try:
        turns = turn_times(flow_times(t_end, FLOW_STEPS), xs, 2)
        measured = float(turns[1] - turns[0])
    except ValueError:  # fewer than two turns: no period at all
        measured = math.inf
    period_err = abs(measured / period - 1.0)
    margin, tol, wit = combine({
        "radius": (tolerances.FLOW_INVARIANT - drift, 4 * tolerances.EPS * FLOW_STEPS),
        "period": (tolerances.PERIOD - period_err, tolerances.QUADRATURE)})
    return Outcome(margin=margin, tolerance=tol, method="jax-rk4 + quadrature",
                   statement=f"θ²+ψ² drifts by {drift:.1e} (relative) and the period "
                             f"{measured:.8g} matches ∫dφ/f'(r² sin2φ/2) = {period:.8g}",
                   witness=wit | {"relative_drift": drift, "period_measured": measured,
                                  "period_integral": period, "t_end": t_end})


# ---------------------------------------------------------------- Lemma C.2
def _ns_slope(f: str, r0: float, phi0: float):
    """RK4 flow of the non-saturating field to t = 4000; the max relative
    one-step increase of w = θ²+ψ² and the slope of 1/w on [2000, 4000]."""
    xs = np.asarray(flow(dirac_field("nonsaturating", f), _start(r0, phi0), {}, NS_T_END,
                         NS_STEPS))
    ts, w = flow_times(NS_T_END, NS_STEPS), np.sum(xs**2, axis=1)
    late = ts >= NS_T_END / 2
    slope = float(np.polyfit(ts[late], 1.0 / w[late], 1)[0])
    halves = np.array_split(np.flatnonzero(late), 2)
    half_slopes = [float(np.polyfit(ts[i], 1.0 / w[i], 1)[0]) for i in halves]
    return float(np.max(np.diff(w) / w[1:])), slope, abs(half_slopes[0] - half_slopes[1])


def _check_c2(f: str, r0: float, phi0: float, printed: bool) -> Outcome:
    _, f1, f2 = f_derivatives(F_CHOICES[f])
    if not f2 < 0:
        return Outcome.inapplicable("f''(0) < 0", {"f2": f2})
    increase, slope, spread = _ns_slope(f, r0, phi0)
    predicted = abs(f2) if printed else abs(f2) / 2.0
    rel = abs(slope / predicted - 1.0)
    parts = {"slope": (tolerances.ASYMPTOTIC_SLOPE - rel, max(spread / predicted, 1e-9))}
    if not printed:
        step_bound = tolerances.rk4_radius_drift(abs(f1) * NS_T_END / NS_STEPS, 1)
        parts["monotone"] = (-increase, step_bound)
    margin, tol, wit = combine(parts)
    limit = 1.0 / slope
    form = "1/|f''(0)| (printed eq. (90))" if printed else "2/|f''(0)|"
    return Outcome(margin=margin, tolerance=tol, method="jax-rk4 + least squares",
                   statement=f"t·(θ²+ψ²) → {limit:.6g} (slope of 1/w {slope:.6g}); "
                             f"predicted {form} = {1.0 / predicted:.6g}",
                   witness=wit | {"slope": slope, "predicted_slope": predicted,
                                  "t_w_limit": limit, "max_relative_increase": increase,
                                  "f1": f1, "f2": f2})


def _check_c2_corrected(f: str, r0: float, phi0: float) -> Outcome:
    """w = θ²+ψ² never increases (RK4 step bound) and 1/w grows at |f''(0)|/2."""
    return _check_c2(f, r0, phi0, printed=False)


def _check_c2_printed(f: str, r0: float, phi0: float) -> Outcome:
    """Eq. (90) as printed: 1/w grows at |f''(0)|, i.e. t·w → 1/|f''(0)|."""
    return _check_c2(f, r0, phi0, printed=True)


# ---------------------------------------------------------------- Lemma C.3
def _check_c3(gamma, g0, h, algorithm, n_d, r0, phi0) -> Outcome:
    """Iterate WGAN-GP 2·10⁴ times from radius r0; margin = smallest radius over
    the last 10% minus hγg0/2 (half the jump E7 forces near (0, 0))."""
    v, hyper = dirac_field("wgan_gp"), {"gamma": gamma, "g0": g0}
    x0 = _start(r0, phi0)
    xs = simgd(v, x0, hyper, h, GP_STEPS) if algorithm == "simgd" else \
        altgd(v, x0, hyper, h, GP_STEPS, 1, n_d)
    r = np.linalg.norm(np.asarray(xs), axis=1)
    late = np.where(np.isfinite(r), r, np.inf)[-GP_STEPS // 10:]
    r_min = float(min(late.min(), 1e300))
    jump = h * abs(float(v(jnp.array([1e-12, 1e-12]), hyper)[1]))
    f1 = f_derivatives("wgan")[1]
    return Outcome(
        margin=r_min - h * gamma * g0 / 2.0, tolerance=tolerances.CLOSED_FORM * (1.0 + r_min),
        method="jax-scan", statement=f"over the last {GP_STEPS // 10} {algorithm} iterates the "
        f"distance to (0, 0) stays ≥ {r_min:.4g} > hγg0/2 = {h * gamma * g0 / 2:.3g}",
        witness={"min_late_radius": r_min, "final_iterate": np.asarray(xs[-1]),
                 "jump_near_origin": jump, "jump_near_origin_E7": h * gamma * g0,
                 "jump_near_origin_printed_eq100": h * g0,
                 "one_sided_points": [[-gamma * g0 / f1, 0.0], [gamma * g0 / f1, 0.0]]})


_START = [Real("r0", 0.1, low=0.0, high=0.5, low_open=True, sample_low=0.02,
                doc="radius of the starting point"),
          Real("phi0", 0.7, low=0.0, high=2 * math.pi, high_open=True, doc="angle of the start")]
_NS_F = Choice("f", "standard", choices=("standard", "scaled2"),
              doc="a concave f: standard, or scaled2 (f''(0) = −1/2)")
_C3_ERRATUM = (
    "E7: eq. (100) prints |ψ_{k+1} − ψ_k| = h|θ_k − γψ_k − sign(ψ_k)g0| with limit h|g0|; the "
    "field gives ψ_{k+1} − ψ_k = h(θ_k − γψ_k + γg0 sign ψ_k), limit hγ|g0| (the argument "
    "stands). E10: the iterates need not oscillate: there are one-sided stationary points "
    "(∓γg0/f'(0), 0±) that attract whenever their one-sided linearisation is a node "
    "(γ ≥ 2|f'(0)| for WGAN-GP; claim ganeq.dirac.wgan_gp_spurious); otherwise the "
    "iterates settle on cycles of radius O(g0).")
_C2_ERRATUM = (
    "E6: eq. (90) prints 1/w = −f''(0) t + f''(0)/(4f'(0)) sin(4f'(0)(t−t0)) + c; the verified "
    "solution is 1/w = −f''(0)(t−t0)/2 + f''(0)/(8f'(0)) sin(4f'(0)(t−t0)) + c, so "
    "t·(θ²+ψ²) → 2/|f''(0)| (8 for the standard f), not 1/|f''(0)|. E5: eq. (82) drops a "
    "factor 2 in d/dt(θ²+ψ²) = 2(θv1 + ψv2); (80) is right.")

CLAIMS = [
    Claim(
        id="mescheder2018.lemma2.3", reference="Mescheder et al. 2018, Lemma 2.3",
        statement="The integral curves of the unregularised Dirac-GAN field keep θ²+ψ² "
                  "constant: they circle (0, 0) with period ∫dφ/f'(r² sin2φ/2) and never "
                  "converge to it.",
        params=[Choice("f", "standard", choices=tuple(F_CHOICES),
                      doc="the function f"),
                Real("r0", 1.0, low=0.0, high=2.0, low_open=True, sample_low=0.1,
                      doc="radius of the starting point"), _START[1]],
        checker=_check_lemma23),
    Claim(
        id="mescheder2018.lemmaC.2",
        reference="Mescheder et al. 2018, Lemma C.2 (corrected, E5/E6)",
        statement="Along the non-saturating Dirac-GAN flow with f''(0) < 0, θ²+ψ² never "
                  "increases and t·(θ²+ψ²) → 2/|f''(0)| (rate O(t^{-1/2}) for ‖(θ, ψ)‖).",
        params=[_NS_F, *_START], checker=_check_c2_corrected, erratum=_C2_ERRATUM),
    Claim(
        id="mescheder2018.lemmaC.2.printed",
        reference="Mescheder et al. 2018, Lemma C.2, eq. (90) as printed",
        statement="Along the non-saturating Dirac-GAN flow, t·(θ²+ψ²) → 1/|f''(0)| (eq. (90)).",
        params=[_NS_F, *_START], checker=_check_c2_printed, expected=Verdict.REFUTED,
        erratum=_C2_ERRATUM),
    Claim(
        id="mescheder2018.lemmaC.3", reference="Mescheder et al. 2018, Lemma C.3 (with E7, E10)",
        statement="WGAN-GP (f(t) = t, penalty γ/2(|ψ| − g0)²) trained with SimGD or AltGD "
                  "from near (0, 0) does not converge to the Nash equilibrium (0, 0).",
        params=[Real("gamma", 1.0, low=0.0, high=6.0, low_open=True, sample_low=0.2,
                      doc="penalty weight γ"),
                Real("g0", 1.0, low=0.0, high=3.0, low_open=True, sample_low=0.5,
                      sample_high=2.0, doc="target gradient norm g0"),
                Real("h", 0.05, low=0.0, high=0.2, low_open=True, sample_low=0.005,
                      doc="learning rate h"),
                Choice("algorithm", "simgd", choices=("simgd", "altgd")),
                Integer("n_d", 1, low=1, high=5, doc="discriminator steps (AltGD)"),
                *_START],
        checker=_check_c3, erratum=_C3_ERRATUM),
]
