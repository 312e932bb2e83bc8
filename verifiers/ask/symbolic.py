"""Expression strings as sympy expressions and as jax-traceable functions.

``"tanh(t)"`` or ``"-log(1+exp(-t))"`` is parsed by :func:`sympy.sympify` with one
free symbol (``t`` for activations, ``t`` or ``r`` for f-divergences) and turned into
a jax function by :func:`sympy.lambdify` with a ``jax.numpy`` module mapping, so the
result works under ``jax.grad``, ``jax.jit`` and ``jax.vmap``.
"""

from __future__ import annotations

import jax.scipy.special as jsp
import sympy as sp

from theory import _config  # noqa: F401
from verifiers.params import show

MODULES = [{"erf": jsp.erf, "erfc": jsp.erfc, "loggamma": jsp.gammaln, "gamma": jsp.gamma,
            "polygamma": jsp.polygamma, "zeta": jsp.zeta}, "jax"]
"""sympy → jax: jax.numpy, plus the special functions the jax printer leaves to ``math``."""


def parse(text: str, symbol: sp.Symbol, name: str) -> sp.Expr:
    """``text`` as a sympy expression whose only free symbol is ``symbol``."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{name}={show(text)} must be an expression in {symbol}, "
                         f"e.g. 'tanh({symbol})'")
    try:
        expr = sp.sympify(text, locals={str(symbol): symbol})
    except (sp.SympifyError, SyntaxError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{name}={show(text)} is not a valid expression: "
                         f"{type(exc).__name__}") from None
    if not isinstance(expr, sp.Expr):
        raise ValueError(f"{name}={show(text)} is not a scalar expression in {symbol}")
    free = expr.free_symbols - {symbol}
    if free:
        raise ValueError(f"{name}={show(text)} may only use the variable {symbol}; "
                         f"found {sorted(map(str, free))}")
    return expr


def to_jax(expr: sp.Expr, symbol: sp.Symbol):
    """A jax-traceable ``x ↦ expr(x)`` (constants broadcast to the argument's shape)."""
    fn = sp.lambdify(symbol, expr, modules=MODULES)
    return lambda x: fn(x) + 0.0 * x
