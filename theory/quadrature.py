"""Adaptive quadrature whose error estimate serves as an error bound.

QUADPACK (``scipy.integrate.quad``) returns a value and an estimate of its absolute
error. Where it reports a failure (``ier > 0``: round-off detected, the subdivision
limit reached, a divergent or badly behaved integrand) the estimate is, in its own
words, possibly underestimated, so it bounds nothing. :func:`quad_bounded` returns the
pair only when QUADPACK reports success and raises :class:`QuadratureFailure` (a
``FloatingPointError``) otherwise; a check then answers ``inconclusive`` naming it.
"""

from __future__ import annotations


class QuadratureFailure(FloatingPointError):
    """QUADPACK reported ``ier > 0``: its error estimate is not an error bound."""


MIN_PIECE = 1e-8
"""Breakpoints closer than this (relative) are merged: QUADPACK is not handed pieces a few
ulps wide (t → 0, or a scale w ~ 1e-17 putting ``u ± k·w`` within rounding of u)."""


def merged_breakpoints(points) -> tuple[list[float], float]:
    """The sorted ``points`` with each one closer than ``MIN_PIECE·max(1, |x|)`` to the one
    kept before it dropped, and the total width of the stretches so merged."""
    kept: list[float] = []
    merged = 0.0
    for x in sorted({float(p) for p in points}):
        if kept and x - kept[-1] <= MIN_PIECE * max(1.0, abs(x)):
            merged += x - kept[-1]
            continue
        kept.append(x)
    return kept, merged


def quad_bounded(f, a: float, b: float, retry_epsabs: float | None = None,
                 **options) -> tuple[float, float]:
    """``(∫_a^b f, QUADPACK's error estimate)`` when QUADPACK reports success (``ier = 0``);
    ``options`` are ``scipy.integrate.quad``'s (``epsabs``, ``epsrel``, ``limit``, ``points``).

    Where it fails and ``retry_epsabs`` is given, the integral is computed once more with that
    absolute tolerance: a request below the rounding of the integrand's evaluations (1e-15 on
    a piece where an integrand of size 0.4 nearly cancels to 0.002) makes QUADPACK report
    round-off although a slightly looser request succeeds, and then its estimate serves."""
    try:
        return _quad(f, a, b, **options)
    except QuadratureFailure:
        if retry_epsabs is None:
            raise
        return _quad(f, a, b, **{**options, "epsabs": retry_epsabs})


def _quad(f, a: float, b: float, **options) -> tuple[float, float]:
    from scipy import integrate

    value, error, _info, *failure = integrate.quad(f, a, b, full_output=1, **options)
    if failure:
        raise QuadratureFailure(f"quadrature on [{a:.6g}, {b:.6g}] did not certify its error: "
                                f"{' '.join(str(failure[0]).split())[:120]}")
    return float(value), float(error)
