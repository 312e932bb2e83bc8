"""Jacobians of the Dirac-GAN fields by two routes with the same signature.

* :func:`jacobian_symbolic`: the sympy derivation of
  :mod:`theory.dirac.symbolic` (generic f as its degree-4 Taylor polynomial
  with coefficients ``coeffs = (f(0), f'(0), f''(0), f'''(0), f''''(0))``);
* :func:`jacobian_autodiff`: ``jax.jacfwd`` of :func:`theory.dirac.fields.make_field`
  for any f (for instance noise the expectation is Gauss–Hermite quadrature).

For WGAN-GP / DRAGAN the symbolic route uses the branch ``s = sign ψ`` of the
state (the field is discontinuous at ψ = 0).
"""

from __future__ import annotations

from functools import cache

import jax
import numpy as np

from theory.dirac import symbolic
from theory.dirac.activations import FLike
from theory.dirac.fields import make_field
from theory.dirac.objectives import DEFAULTS


def taylor_f(coeffs):
    """The polynomial ``Σ c_j t^j / j!`` (the symbolic stand-in as a callable)."""
    c = [float(v) for v in coeffs]
    return lambda t: c[0] + c[1] * t + c[2] * t**2 / 2 + c[3] * t**3 / 6 + c[4] * t**4 / 24


def jacobian_symbolic(method: str, x, coeffs, hyper=None) -> np.ndarray:
    """``v'(x)`` from the cached sympy derivation, evaluated in float64."""
    h = {**DEFAULTS, **(hyper or {})}
    x = np.asarray(x, dtype=float)
    branch = float(np.sign(x[1])) if x.shape[0] == 2 else 0.0
    args = (h["gamma"], h["g0"], h["k"], h["sigma"], branch)
    return np.asarray(
        symbolic.jacobian_function(method)(tuple(x), tuple(coeffs), args), dtype=float
    )


@cache
def _jac(method: str, f):
    return jax.jit(jax.jacfwd(make_field(method, f)))


def jacobian_autodiff(method: str, f: FLike | None = None):
    """Jitted ``J(x, hyper) = jax.jacfwd(v)(x, hyper)`` for the field of ``method``
    (vmappable over x and hyper; cached per (method, f))."""
    return _jac(method, f)
