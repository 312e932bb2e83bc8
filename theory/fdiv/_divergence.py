"""f-divergences as objects (Farnia & Ozdaglar 2020, §3.1, eq. (7); Nowozin et al. 2016).

An :class:`FDivergence` carries the convex generator ``f`` as a sympy
expression in ``t > 0`` and derives from it, once (cached):

* ``f'``, ``f''`` and ``h(r) = f*(f'(r)) = r f'(r) − f(r)`` (so ``h'(r) = r f''(r)``);
* the Fenchel conjugate ``f*(s) = sup_{t ≥ 0} (s t − f(t))``: given in closed form
  for the library members, solved from ``f'(t) = s`` for a user-given f when
  sympy finds one root, else evaluated by a numerical sup (``fstar_numeric``);
* ``dom f*`` as an open upper bound ``s < fstar_sup`` (``+inf`` for all of R).

Conventions (docs/derivations/farnia2020.md): eq. (7) maximised over D gives
``∫ p_G f(p_X/p_G) = D_f(P_X‖P_G)`` and the optimal critic is ``D_G = f'(p_X/p_G)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy as sp
from scipy import optimize

T, S, R = sp.symbols("t s r", positive=True)
S_REAL = sp.Symbol("s", real=True)
CONVEXITY_POINTS = (0.1, 0.5, 1.0, 2.0, 10.0)
"""Where :meth:`FDivergence.from_f` requires ``f'' > 0``."""


@dataclass(frozen=True, eq=False)
class FDivergence:
    """A named f-divergence. ``f`` is a sympy expression in :data:`T` (``t > 0``),
    ``fstar`` (optional) a sympy expression in :data:`S_REAL` valid for
    ``s < fstar_sup``; when omitted it is derived from ``f'(t) = s``."""

    name: str
    f: sp.Expr
    fstar: sp.Expr | None = None
    fstar_sup: float = float("inf")
    label: str = field(default="", compare=False)

    def __post_init__(self):
        free = self.f.free_symbols - {T}
        if free:
            raise ValueError(f"f={self.f} must depend on t only; found {sorted(map(str, free))}")

    @cached_property
    def fprime(self) -> sp.Expr:
        """``f'(t)``."""
        return sp.simplify(sp.diff(self.f, T))

    @cached_property
    def fsecond(self) -> sp.Expr:
        """``f''(t)``."""
        return sp.simplify(sp.diff(self.f, T, 2))

    @cached_property
    def h(self) -> sp.Expr:
        """``h(r) = f*(f'(r)) = r f'(r) − f(r)``."""
        return sp.simplify((T * self.fprime - self.f).subs(T, R))

    @cached_property
    def t2fpp(self) -> sp.Expr:
        """``t² f''(t)`` (Theorem 1's condition: non-decreasing on (0, ∞))."""
        return sp.simplify(T**2 * self.fsecond)

    @cached_property
    def conjugate(self) -> sp.Expr | None:
        """``f*(s)`` in closed form, or ``None`` when sympy cannot invert ``f'``."""
        if self.fstar is not None:
            return self.fstar
        roots = sp.solve(sp.Eq(self.fprime, S_REAL), T)
        if len(roots) != 1:
            return None
        t_star = roots[0]
        return sp.simplify(S_REAL * t_star - self.f.subs(T, t_star))

    def numeric(self, which: str):
        """A numpy function of ``f``, ``fprime``, ``fsecond``, ``h``, ``t2fpp`` or ``fstar``."""
        if which == "fstar":
            expr = self.conjugate
            if expr is None:
                return np.vectorize(self.fstar_numeric)
            return sp.lambdify(S_REAL, expr, "numpy")
        expr = getattr(self, which)
        sym = R if which == "h" else T
        return sp.lambdify(sym, expr, "numpy")

    def fstar_numeric(self, s: float) -> float:
        """``sup_{t>0} s t − f(t)`` by bounded search over ``log t`` (an independent route)."""
        f = sp.lambdify(T, self.f, "numpy")
        res = optimize.minimize_scalar(lambda x: -(s * np.exp(x) - f(np.exp(x))),
                                       bounds=(-40.0, 40.0), method="bounded",
                                       options={"xatol": 1e-12})
        return float(-res.fun)

    def f_at_one(self) -> sp.Expr:
        """``f(1)`` (Proposition 1's value 0 needs ``f(1) = 0``)."""
        return sp.simplify(self.f.subs(T, 1))

    def constant_discriminator(self) -> float:
        """``D_const = f'(1)``, the discriminator of Proposition 1."""
        return float(self.fprime.subs(T, 1))

    @classmethod
    def from_f(cls, name: str, f: sp.Expr | str) -> FDivergence:
        """A user-given f (a sympy expression or a string in ``t``), accepted when ``f''`` is
        finite and positive at :data:`CONVEXITY_POINTS` (a sample of strict convexity on
        t > 0 that includes f''(1) > 0); ``ValueError`` otherwise."""
        expr = sp.sympify(f, locals={"t": T})
        div = cls(name=name, f=expr)
        fpp = div.numeric("fsecond")(np.array(CONVEXITY_POINTS))
        if not np.all(np.isfinite(fpp)) or np.any(np.asarray(fpp) <= 0):
            at = ", ".join(map(str, CONVEXITY_POINTS))
            raise ValueError(f"f={expr}: f'' = {div.fsecond} must be finite and > 0 at t = {at} "
                             "(f strictly convex on t > 0 with f''(1) > 0)")
        return div
