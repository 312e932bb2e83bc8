"""What a batched margin is: :class:`Batched`, and verdict codes as integers.

A claim's batched margin is a pure-JAX function of one instance's numbers
(``kernel``), vmapped and jitted by :mod:`verifiers.sweep.engine`. It evaluates
the same closed forms of :mod:`theory` as the claim's full check and returns
``(margin, tolerance, code)``: the margin the full check decides on, the float64
error bound of this evaluation, and the verdict as an integer code
(:data:`CODES`). It is a *screen*: the full certifying check is run on every
instance whose screened verdict is not decisive, near the boundary, unexpected or
drawn for an audit (:mod:`verifiers.sweep.run`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from verifiers.certificate import Certificate, Verdict

CODES = (Verdict.HOLDS, Verdict.REFUTED, Verdict.INCONCLUSIVE, Verdict.INAPPLICABLE)
"""Verdict of each integer code (the index)."""
HOLDS, REFUTED, INCONCLUSIVE, INAPPLICABLE = range(4)

EPS = 2.0**-52


def code_of(verdict: Verdict) -> int:
    return CODES.index(verdict)


def decide_codes(margin, tolerance):
    """:func:`verifiers.certificate.decide` on arrays: holds above the tolerance,
    refuted below minus it, inconclusive inside the band or for NaN."""
    import jax.numpy as jnp

    return jnp.where(margin > tolerance, HOLDS,
                     jnp.where(margin < -tolerance, REFUTED, INCONCLUSIVE))


def _certificate_margin(cert: Certificate) -> float:
    return cert.margin


@dataclass(frozen=True)
class Batched:
    """The batched margin of one claim.

    ``row(params) -> tuple[float, ...]``: the numbers of one validated instance
    (closed-form values of choices, e.g. f'(0) of the chosen f, included);
    ``static(params) -> tuple``: the values that fix array shapes (instances are
    grouped by it; one compilation per group); ``kernel(*row, *static)`` returns
    ``(margin, tolerance, code)`` for one instance in JAX. ``full_margin(cert)`` is
    the quantity of the full check's certificate that ``margin`` reproduces (the
    certificate's margin unless the full check reports the margin of a side condition,
    then the deciding quantity read from its witness)."""

    claim_id: str
    row: Callable[[Mapping[str, Any]], tuple[float, ...]]
    kernel: Callable[..., tuple]
    static: Callable[[Mapping[str, Any]], tuple] = lambda params: ()
    full_margin: Callable[[Certificate], float] = field(default=_certificate_margin)

    def margin_of(self, cert: Certificate) -> float:
        value = self.full_margin(cert)
        return value if value is not None else math.nan


_RANK = (3, 1, 2, 0)
"""Rank of each code in a conjunction (lowest decides): inapplicable, refuted,
inconclusive, holds — the order of :func:`verifiers.outcomes.all_of`."""


def all_of_codes(*parts):
    """:func:`verifiers.outcomes.all_of` on arrays: each part ``(margin, tolerance, code)``;
    the first part with the deciding (lowest-ranked) code gives margin and tolerance."""
    import jax.numpy as jnp

    margin, tol, code = parts[0]
    for m, t, c in parts[1:]:
        rank = jnp.asarray(_RANK)
        take = rank[c] < rank[code]
        margin, tol, code = (jnp.where(take, m, margin), jnp.where(take, t, tol),
                             jnp.where(take, c, code))
    return margin, tol, code


def positive_codes(value, error):
    """:func:`verifiers.outcomes.positive` on arrays."""
    return value, error, decide_codes(value, error)


def equals_codes(claimed, computed, error):
    """:func:`verifiers.outcomes.equals` on arrays: margin ``error − |claimed − computed|``,
    holds within the bound, refuted beyond it."""
    import jax.numpy as jnp

    margin = error - jnp.abs(claimed - computed)
    return margin, jnp.zeros_like(margin), jnp.where(margin >= 0, HOLDS, REFUTED)


def rounding_codes(magnitude):
    """:func:`verifiers.nash.certify.rounding` on arrays."""
    import jax.numpy as jnp

    from verifiers.nash.certify import ROUNDING_ULPS

    return ROUNDING_ULPS * EPS * jnp.maximum(1.0, jnp.abs(magnitude))
