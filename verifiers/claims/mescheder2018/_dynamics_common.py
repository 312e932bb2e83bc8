"""Helpers shared by the Dirac-GAN dynamics claims (not a claim module): the
named functions f of the dynamics claims and their cached fields."""

from __future__ import annotations

from functools import cache

import jax

from theory.dirac.activations import scaled
from verifiers.dynamics import field

SCALED2 = scaled(2.0)
"""``f(t) = −log(1 + e^{−2t})/2``: f'(0) = 1/2, f''(0) = −1/2 (a concave f
other than the standard one, fixed once so jitted flows compile once)."""

F_CHOICES = {"standard": "standard", "wgan": "wgan", "scaled2": SCALED2}

F_SCALE = {"standard": 1.0, "scaled2": 2.0}
"""``a`` of the f's of the form ``f(t) = log σ(a t)/a`` (f'(t) = σ(−at), f''(0) = −a/4)."""


def dirac_field(method: str, f_name: str | None = None):
    """The cached field of ``method`` for a named f (``None``: the method's default)."""
    return field(method, None if f_name is None else F_CHOICES[f_name])


@cache
def scaled_field(method: str, f_name: str):
    """``(y, s) ↦ v(s·y)/s`` jitted: the field in coordinates where the state has size ~1."""
    v = dirac_field(method, f_name)
    return jax.jit(lambda y, s: v(s * y, {}) / s)
