"""Certificates of the scalar inequalities behind the no-Nash proofs (Farnia & Ozdaglar 2020,
Theorem 1; docs/derivations/farnia2020.md), and the rounding bound of float64 routes.

* :func:`rounding` bounds the float64 rounding error of a computation from its magnitudes.
* :func:`interval_positive_on_box` proves ``fn > 0`` on a whole parameter box by
  bisection (each sub-box's interval enclosure has ``lo > 0``).
* :func:`exact_half_sigma_minus_one_t2` proves ``(σ − 1)t²/2 > 0`` in exact rationals
  (the float parameters are exact binary rationals).
* :func:`symbolic_cw1_positive` proves ``c_W1(t) > 0`` for every ``t > 0`` with sympy:
  ``c_W1(0) = 0`` and ``c_W1'(t) = erf(t/√2) > 0``; and that ``m(μ + t, 1) − m(μ, 1)``
  is non-decreasing in μ (its derivative is ``erf((μ+t)/√2) − erf(μ/√2) > 0``).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from mpmath import iv

iv.dps = 30

EPS = 2.0**-52
ROUNDING_ULPS = 1e3
"""Roundings allowed per unit of magnitude: our closed forms and quadrature sums take at most a
few hundred float64 operations on numbers of the stated magnitude, each rounding by at most
``EPS`` relative (with eigen-solvers' backward error ``n·EPS·‖M‖`` for n ≤ 3 included)."""


def rounding(magnitude: float) -> float:
    """A bound on the float64 rounding error of a computation on numbers of size
    ``magnitude`` (at least O(1) ones): ``ROUNDING_ULPS · EPS · max(1, magnitude)``."""
    return ROUNDING_ULPS * EPS * max(1.0, abs(float(magnitude)))


def interval_positive_on_box(fn, box: dict[str, tuple[float, float]], fixed: dict,
                             max_boxes: int = 4000) -> tuple[bool, int]:
    """Prove ``fn > 0`` on the product box by interval bisection; ``(proved, boxes used)``.
    A domain error (log of a negative interval, division by zero) means "not proved"."""
    stack, used = [box], 0
    while stack:
        b = stack.pop()
        used += 1
        if used > max_boxes:
            return False, used
        args = {k: iv.mpf([lo, hi]) for k, (lo, hi) in b.items()}
        try:
            if fn(backend=iv, **args, **fixed).a > 0:
                continue
        except (ValueError, ZeroDivisionError):
            return False, used
        name = max(b, key=lambda k: b[k][1] - b[k][0])
        lo, hi = b[name]
        mid = 0.5 * (lo + hi)
        stack += [{**b, name: (lo, mid)}, {**b, name: (mid, hi)}]
    return True, used


def exact_half_sigma_minus_one_t2(sigma: float, t: float) -> Fraction:
    """``(σ − 1)t²/2`` in exact rationals (the floats' exact values)."""
    return (Fraction(sigma) - 1) * Fraction(t) ** 2 / 2


@cache
def symbolic_cw1_positive() -> dict:
    """Sympy proof that ``c_W1(t) > 0`` for all ``t > 0`` and the WGAN bound's monotonicity."""
    import sympy as sp  # here, not at import: sympy costs ~0.5 s

    t, mu = sp.symbols("t mu", positive=True)
    x = sp.Symbol("x", real=True)
    m = sp.sqrt(2 / sp.pi) * sp.exp(-x**2 / 2) + x * sp.erf(x / sp.sqrt(2))
    cw1 = m.subs(x, t) - m.subs(x, 0)
    dcw1 = sp.simplify(sp.diff(cw1, t))
    dm = sp.simplify(sp.diff(m, x))
    mono = sp.simplify(dm.subs(x, mu + t) - dm.subs(x, mu))
    erf_increasing = sp.simplify(sp.diff(sp.erf(x), x)).is_positive
    proved = (sp.simplify(cw1.subs(t, 0)) == 0 and sp.simplify(dcw1 - sp.erf(t / sp.sqrt(2))) == 0
              and bool(sp.erf(t / sp.sqrt(2)).is_positive)
              and sp.simplify(dm - sp.erf(x / sp.sqrt(2))) == 0
              and sp.simplify(mono - (sp.erf((mu + t) / sp.sqrt(2))
                                      - sp.erf(mu / sp.sqrt(2)))) == 0
              and bool(erf_increasing))
    return {"proved": bool(proved), "c_W1(0)": "0", "d c_W1/dt": str(dcw1),
            "d/dmu [m(mu+t,1) - m(mu,1)]": str(mono) + "  (> 0: erf is increasing)"}
