"""The function f selected by the claim parameters ``f, a, f1, f2``
(``verifiers.claims.mescheder2018.symbols``; ``--param f=standard``, ``f=scaled a=2``,
``f=taylor f1=-0.5 f2=-1``).

* ``standard``: ``f(t) = −log(1 + e^{−t})`` (f'(0) = 1/2, f''(0) = −1/4);
* ``wgan``: ``f(t) = t`` (f'(0) = 1, f''(0) = 0);
* ``scaled``: ``f(t) = −log(1 + e^{−a t})/a`` (f'(0) = 1/2, f''(0) = −a/4);
* ``taylor``: ``f(t) = f1 t + f2 t²/2``, any f'(0) = f1 and f''(0) = f2 (every
  Jacobian at the equilibrium depends on f only through f'(0) and f''(0), so every
  claim can be checked for a generic f, negative f'(0) included).

The Python API takes any smooth callable instead (``theory.dirac.fields``).
"""

from __future__ import annotations

from collections.abc import Callable

import jax

from theory.dirac.activations import f_derivatives, resolve, scaled


def resolve_f(f: str, a: float = 1.0, f1: float = 0.5, f2: float = -0.25) -> Callable | str:
    """The f (a name or a callable) selected by the parameters."""
    if f == "scaled":
        return scaled(a)
    if f == "taylor":
        return lambda t: f1 * t + 0.5 * f2 * t**2
    return f


def family_f(family: str, a=1.0, f1=0.5, f2=-0.25) -> Callable:
    """The f of a family with (possibly traced) parameters, for jitted kernels."""
    if family == "scaled":
        return lambda t: jax.nn.log_sigmoid(a * t) / a
    if family == "taylor":
        return lambda t: f1 * t + 0.5 * f2 * t**2
    return resolve(family)


def derivatives(f: str, a: float = 1.0, f1: float = 0.5, f2: float = -0.25) -> tuple[float, float]:
    """``(f'(0), f''(0))`` of the selected f, by automatic differentiation; for ``taylor``, the
    parameters themselves (its definition): XLA flushes a subnormal to 0, so autodiff would
    turn f1 = 5e-324 into f'(0) = 0 and decide a hypothesis such as f'(0) > 0 wrongly."""
    if f == "taylor":
        return float(f1), float(f2)
    _, d1, d2 = f_derivatives(resolve_f(f, a, f1, f2))
    return d1, d2


def describe(f: str, a: float, f1: float, f2: float) -> str:
    """A short name of the selected f for statements and witnesses."""
    return {"scaled": f"scaled(a={a:g})", "taylor": f"taylor(f1={f1:g}, f2={f2:g})"}.get(f, f)
