"""The function f of the GAN objective (Mescheder et al. 2018, eq. (1)).

``L(θ, ψ) = E_{p(z)} f(D_ψ(G_θ(z))) + E_{p_D} f(−D_ψ(x))``. Named choices:

* ``"standard"``: ``f(t) = −log(1 + e^{−t})`` (the original GAN), with
  ``f(0) = −log 2``, ``f'(0) = 1/2``, ``f''(0) = −1/4``;
* ``"wgan"``: ``f(t) = t`` (WGAN; ``f'(0) = 1``, ``f''(0) = 0``);
* :func:`scaled` ``(a)``: ``f(t) = −log(1 + e^{−a t})/a``, a one-parameter
  family with ``f'(0) = 1/2``, ``f''(0) = −a/4``.

Any smooth jax-traceable callable ``f: R -> R`` is accepted wherever a named
f is; :func:`f_derivatives` gives the two numbers that enter every Jacobian at
the equilibrium.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401

FNAMES = ("standard", "wgan")

FLike = str | Callable


def standard(t):
    """``f(t) = −log(1 + e^{−t}) = log σ(t)`` (numerically stable)."""
    return jax.nn.log_sigmoid(t)


def wgan(t):
    """``f(t) = t`` (Wasserstein GAN)."""
    return t


def scaled(a: float) -> Callable:
    """``f(t) = −log(1 + e^{−a t})/a``: f'(0) = 1/2, f''(0) = −a/4 (a > 0)."""
    if not 0 < a < math.inf:
        raise ValueError(f"a={a!r} is outside the admissible range: a finite number > 0")
    return lambda t: jax.nn.log_sigmoid(a * t) / a


def resolve(f: FLike) -> Callable:
    """The callable for a named f (``"standard"``, ``"wgan"``) or ``f`` itself."""
    if callable(f):
        return f
    named = {"standard": standard, "wgan": wgan}
    if f not in named:
        raise ValueError(f"f={f!r} is not a known f; use one of {FNAMES} or a callable")
    return named[f]


def f_derivatives(f: FLike) -> tuple[float, float, float]:
    """``(f(0), f'(0), f''(0))`` by automatic differentiation, as floats; memoised per
    callable (tracing the two gradients costs ~0.2 s), an unhashable one recomputed.

    >>> f_derivatives("standard")
    (-0.6931471805599453, 0.5, -0.25)
    """
    fn = resolve(f)
    try:
        return _memoised_derivatives(fn)
    except TypeError:  # an unhashable callable
        return _derivatives(fn)


@lru_cache(maxsize=256)
def _memoised_derivatives(fn: Callable) -> tuple[float, float, float]:
    return _derivatives(fn)


def _derivatives(fn: Callable) -> tuple[float, float, float]:
    zero = jnp.float64(0.0)
    d1 = jax.grad(fn)
    d2 = jax.grad(d1)
    return float(fn(zero)), float(d1(zero)), float(d2(zero))
