"""The function f as claim parameters (``--param f=standard``, ``f=scaled a=2``,
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
from hypothesis import strategies as st

from theory.dirac.activations import f_derivatives, resolve, scaled
from verifiers.params import Choice, Integer, Param, Real

F_CHOICES = ("standard", "wgan", "scaled", "taylor")
N_G = Integer("n_g", 1, low=1, high=100, sample_high=10, doc="generator steps n_g")
N_D = Integer("n_d", 1, low=1, high=100, sample_high=10, doc="discriminator steps n_d")


def f_params(f: str = "standard") -> list[Param]:
    """The four parameters ``f, a, f1, f2`` (``a`` used by ``scaled``, ``f1, f2`` by ``taylor``)."""
    return [
        Choice(
            "f",
            f,
            choices=F_CHOICES,
            doc="the f of the objective: standard, wgan, scaled (uses a) or taylor (uses f1, f2)",
        ),
        Real(
            "a",
            1.0,
            low=1e-3,
            high=1e3,
            sample_low=0.2,
            sample_high=5.0,
            doc="scale of f = scaled: f(t) = -log(1+exp(-a t))/a",
        ),
        Real(
            "f1",
            0.5,
            low=-1e3,
            high=1e3,
            sample_low=0.1,
            sample_high=3.0,
            doc="f'(0) of f = taylor",
        ),
        Real(
            "f2",
            -0.25,
            low=-1e3,
            high=1e3,
            sample_low=-3.0,
            sample_high=-0.1,
            doc="f''(0) of f = taylor",
        ),
    ]


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
    """``(f'(0), f''(0))`` of the selected f, by automatic differentiation."""
    _, d1, d2 = f_derivatives(resolve_f(f, a, f1, f2))
    return d1, d2


def describe(f: str, a: float = 1.0, f1: float = 0.5, f2: float = -0.25) -> str:
    """A short name of the selected f for statements and witnesses."""
    return {"scaled": f"scaled(a={a:g})", "taylor": f"taylor(f1={f1:g}, f2={f2:g})"}.get(f, f)


def sampling_excluding(params: list[Param], exclude: tuple[str, ...]) -> tuple:
    """``(sampler, strategy_fn)`` for a claim whose hypotheses some named f's
    miss (e.g. f''(0) < 0 excludes ``wgan``): independent draws of every
    parameter, with ``f`` drawn among the other choices. Users may still pass
    the excluded f's explicitly (the check then says ``inapplicable``)."""
    allowed = [c for c in F_CHOICES if c not in exclude]

    def sampler(rng):
        values = {p.name: p.sample(rng) for p in params}
        return values | {"f": allowed[int(rng.integers(len(allowed)))]}

    def strategy_fn():
        return st.fixed_dictionaries(
            {p.name: (st.sampled_from(allowed) if p.name == "f" else p.strategy()) for p in params}
        )

    return sampler, strategy_fn
