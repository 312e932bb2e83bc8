"""Helpers shared by the Dirac-GAN dynamics claims (not a claim module).

A dynamics claim often checks several numbers at once (an invariant and a
period, monotonicity and a slope). Each part has its own margin and
tolerance; :func:`combine` reports the margin in units of the tolerances,
``min_i margin_i / tol_i`` with tolerance 1, so the claim holds iff every
part holds, is refuted iff some part is refuted, and is inconclusive
otherwise.
"""

from __future__ import annotations

import math

from theory.dirac.activations import scaled
from verifiers.dynamics import field

SCALED2 = scaled(2.0)
"""``f(t) = −log(1 + e^{−2t})/2``: f'(0) = 1/2, f''(0) = −1/2 (a concave f
other than the standard one, fixed once so jitted flows compile once)."""

F_CHOICES = {"standard": "standard", "wgan": "wgan", "scaled2": SCALED2}


def dirac_field(method: str, f_name: str | None = None):
    """The cached field of ``method`` for a named f (``None``: the method's default)."""
    return field(method, None if f_name is None else F_CHOICES[f_name])


def combine(parts: dict[str, tuple[float, float]]) -> tuple[float, float, dict]:
    """``(margin, 1.0, witness)`` from ``{name: (margin_i, tol_i)}``: the
    smallest ``margin_i / tol_i`` (NaN if any part is NaN)."""
    ratios = {k: m / t for k, (m, t) in parts.items()}
    margin = math.nan if any(math.isnan(r) for r in ratios.values()) else min(ratios.values())
    witness = {f"{k}_margin": m for k, (m, _) in parts.items()}
    witness |= {f"{k}_tolerance": t for k, (_, t) in parts.items()}
    return margin, 1.0, witness
