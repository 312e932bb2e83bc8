"""Theorem 1's f-GAN condition, decided symbolically: is ``t² f''(t)`` non-decreasing on (0, ∞)?

Equivalently ``g(s) = h(eˢ)`` is convex (``h'(r) = r f''(r)``). The derivative
``d/dt (t² f''(t))`` is simplified with ``t > 0`` and the set where it is
negative is computed by ``sympy.solveset`` over ``(0, ∞)``: empty means the
condition holds (a proof), a non-empty set yields a witness point. Where sympy
returns an unevaluated set the answer is ``None`` (undecided) — never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from theory.fdiv._divergence import FDivergence, T


@dataclass(frozen=True)
class ConditionResult:
    """``holds`` is True/False (proved symbolically) or None (sympy undecided);
    ``witness_t`` is a point where ``d/dt t²f'' < 0`` when it fails."""

    holds: bool | None
    t2fpp: str
    derivative: str
    violating_set: str
    witness_t: float | None = None
    derivative_at_witness: float | None = None


def _pick_point(region: sp.Set) -> sp.Expr | None:
    """A point of a (union of) interval(s)."""
    parts = region.args if isinstance(region, sp.Union) else (region,)
    for part in parts:
        if isinstance(part, sp.Interval):
            lo, hi = part.start, part.end
            if hi == sp.oo:
                return lo + 1
            return (lo + hi) / 2
    return None


@cache
def _decide(f: sp.Expr) -> ConditionResult:
    t2fpp = sp.simplify(T**2 * sp.diff(f, T, 2))
    deriv = sp.simplify(sp.diff(t2fpp, T))
    region = sp.solveset(deriv < 0, T, sp.Interval.open(0, sp.oo))
    if region is sp.S.EmptySet:
        return ConditionResult(True, str(t2fpp), str(deriv), "EmptySet")
    if isinstance(region, (sp.Interval, sp.Union)):
        point = _pick_point(region)
        if point is not None:
            return ConditionResult(False, str(t2fpp), str(deriv), str(region),
                                   float(point), float(deriv.subs(T, point)))
    return ConditionResult(None, str(t2fpp), str(deriv), str(region))


def t2fpp_nondecreasing(div: FDivergence) -> ConditionResult:
    """Decide Theorem 1's condition for ``div`` symbolically (cached per f)."""
    return _decide(div.f)
