"""Batched margins of Mescheder et al. 2018, Lemma 2.5 (AltGD on the Dirac-GAN), as
corrected and as printed (docs/derivations/mescheder2018.md).

The regime is the sign of ``α² − 4`` with ``α = sqrt(n_g n_d) h f'(0)``
(:func:`theory.dirac.operators.alpha`). The full check decides it in exact rational
arithmetic; here it is evaluated in float64 with its rounding bound as tolerance, so an
instance within that bound of ``|α| = 2`` is ``inconclusive`` on the screen and goes to
the full check. The full check also verifies eqs. (61) and (5) against autodiff (run on
the audited instances); its certificate's margin is that side condition's, so the
quantity compared with the batched margin is the regime margin recomputed from the
certificate's ``alpha``.
"""

from __future__ import annotations

import math

import jax.numpy as jnp

from theory.dirac import operators
from verifiers.claims.mescheder2018.symbols import f_derivatives_of
from verifiers.sweep.spec import (
    EPS,
    HOLDS,
    INAPPLICABLE,
    INCONCLUSIVE,
    Batched,
    decide_codes,
)

ALPHA_ROUNDINGS = 8.0
"""Roundings of ``α² − 4`` in float64 (a product of four factors, a square, a difference),
each at most ``EPS`` relative to ``α² + 4``."""


def _row(params) -> tuple[float, ...]:
    return (float(params["h"]), float(params["n_g"]), float(params["n_d"]),
            float(f_derivatives_of(params)[0]))


def _f1_unmet(f1, outcome):
    """``inapplicable`` where f'(0) = 0, else ``outcome`` (a subnormal f'(0), which the full
    check calls inconclusive, never reaches a kernel: :func:`verifiers.sweep.engine.screen`)."""
    margin, tol, code = outcome
    return (jnp.where(f1 == 0, jnp.nan, margin), jnp.where(f1 == 0, 0.0, tol),
            jnp.where(f1 == 0, INAPPLICABLE, code))


def _excess(h, n_g, n_d, f1):
    a = operators.alpha(f1, h, n_g, n_d)
    return a * a - 4.0, ALPHA_ROUNDINGS * EPS * (a * a + 4.0), a


def printed_kernel(h, n_g, n_d, f1):
    """As printed: ``α ≤ 2`` claims the circle (true iff ``α² ≤ 4``, margin ``4 − α²``);
    ``α > 2`` claims outside (true, margin ``α² − 4``)."""
    excess, tol, _ = _excess(h, n_g, n_d, f1)
    margin = jnp.where((f1 < 0) | (excess <= 0), -excess, excess)
    return _f1_unmet(f1, (margin, tol, decide_codes(margin, tol)))


def corrected_kernel(h, n_g, n_d, f1):
    """Corrected: elliptic ``α² < 4`` (margin ``min(|α|, 4 − α²)``), hyperbolic ``α² > 4``
    (margin ``α² − 4``), both ``holds``; within the rounding of ``α² = 4`` (the parabolic
    case, decided by the full check's Jordan-block test) ``inconclusive``."""
    excess, tol, a = _excess(h, n_g, n_d, f1)
    margin = jnp.where(excess < 0, jnp.minimum(jnp.abs(a), -excess), excess)
    code = jnp.where(jnp.abs(excess) > tol, HOLDS, INCONCLUSIVE)
    return _f1_unmet(f1, (margin, tol, code))


def _regime_margin(cert, corrected: bool) -> float:
    """The regime margin recomputed from the certificate's α (NaN without one)."""
    a = cert.witness.get("alpha")
    if a is None:
        return math.nan
    excess = a * a - 4.0
    if corrected:
        return min(abs(a), -excess) if excess < 0 else excess
    return -excess if (a < 0 or excess <= 0) else excess


BATCHED = {
    "mescheder2018.lemma2.5.printed": Batched(
        "mescheder2018.lemma2.5.printed", _row, printed_kernel,
        full_margin=lambda cert: _regime_margin(cert, corrected=False)),
    "mescheder2018.lemma2.5": Batched(
        "mescheder2018.lemma2.5", _row, corrected_kernel,
        full_margin=lambda cert: _regime_margin(cert, corrected=True)),
}
