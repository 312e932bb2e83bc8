"""A certified sign: ``G(x) = ½[Φ(x − t) + Φ(x + t)] − Φ(x/σ) ≥ 0`` on [0, ∞).

This is the critic's best-response condition of the regime-I mixed equilibrium
of the 1-D WGAN game (docs/derivations/hsieh2019.md): ``|x|`` is a best response to
``Q* = ½N(t,1) + ½N(−t,1)`` iff ``G ≥ 0`` on the half-line.

Proof, for given (σ, t) with σ > 1, t > 0:

* tail: for ``x ≥ X = tσ/(σ − 1)`` we have ``x/σ ≤ x − t``, so with ``Q = 1 − Φ``
  decreasing, ``G(x) = Q(x/σ) − ½[Q(x − t) + Q(x + t)] > Q(x/σ) − Q(x − t) ≥ 0``;
* [0, X]: interval bisection. On a cell ``[x0, x1]`` a lower bound of G is the
  larger of the monotone bound ``½[Φ(x0 − t) + Φ(x0 + t)] − Φ(x1/σ)`` and the
  mean-value bound ``G(x0) + (x1 − x0)·min(0, inf G'([x0, x1]))``, with
  ``G'(y) = ½[φ(y − t) + φ(y + t)] − φ(y/σ)/σ`` enclosed by mpmath ``iv``
  arithmetic; on the first cell ``G(x)/x ≥ inf G'([0, x1])`` since ``G(0) = 0``.
  Point values of ``Q = 1 − Φ`` come from mpmath at 40 digits and are widened
  by a relative 1e-30 (mpmath's erfc is accurate to its working precision; iv
  has no usable erfc). Writing G through Q avoids the cancellation of
  ``Φ ≈ 1`` far out, so tiny positive values of G are still resolved.

The returned margin is a certified lower bound of ``inf_{0 < x ≤ X} G(x)/x``:
positive proves ``G ≥ 0`` on the whole half-line.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
from mpmath import iv

_WIDEN = mpmath.mpf("1e-30")
_POINTS = 256


@dataclass(frozen=True)
class SignCertificate:
    """Result of :func:`certify_cdf_gap`: the certified lower bound of inf G(x)/x on
    (0, X], the tail start X, the number of cells examined, whether every cell
    was certified, and a certified upper bound of the smallest G(x)/x at 256
    sample points of (0, X] (negative: a certified point where G < 0)."""

    margin_lower: float
    tail_start: float
    cells: int
    proved: bool
    min_point_upper: float


def _qfun(x) -> iv.mpf:
    """An enclosure of Q(x) = 1 − Φ(x) at the point x."""
    with mpmath.workdps(40):
        v = mpmath.ncdf(-mpmath.mpf(x))
    return iv.mpf([v * (1 - _WIDEN), v * (1 + _WIDEN)])


def _npdf(y):
    return iv.exp(-y * y / 2) / iv.sqrt(2 * iv.pi)


def _gap_point(x, sigma, t):
    """An enclosure of G(x) = Q(x/σ) − ½[Q(x − t) + Q(x + t)]."""
    return _qfun(x / sigma) - (_qfun(x - t) + _qfun(x + t)) / 2


def _slope_enclosure(x0, x1, sigma, t):
    y = iv.mpf([x0, x1])
    return (_npdf(y - t) + _npdf(y + t)) / 2 - _npdf(y / sigma) / sigma


def _cell_ratio_lower(x0, x1, sigma, t):
    """A certified lower bound of G(x)/x on the cell (x0, x1]."""
    slope_inf = _slope_enclosure(x0, x1, sigma, t).a
    if x0 == 0:
        return slope_inf
    monotone = (_qfun(x1 / sigma) - (_qfun(x0 - t) + _qfun(x0 + t)) / 2).a
    mean_value = (_gap_point(x0, sigma, t) + (x1 - x0) * min(0, slope_inf)).a
    lower = max(monotone, mean_value)
    return (lower / x1).a if lower >= 0 else (lower / x0).a


def certify_cdf_gap(
    sigma: float, t: float, cells: int = 32, max_cells: int = 1500
) -> SignCertificate:
    """Certify ``G ≥ 0`` on [0, ∞) by the tail argument and interval bisection on [0, X].

    The whole of [0, X] is tried first as one cell from 0 (``G(x)/x ≥ inf G'([0, X])``,
    which settles small t); otherwise cells whose lower bound is not positive are halved
    until all are positive or ``max_cells`` cells have been examined (then ``proved`` is
    False).
    """
    iv.dps = 30
    X = t * sigma / (sigma - 1.0)
    whole = _cell_ratio_lower(0, X, sigma, t)
    if whole > 0:
        return SignCertificate(float(whole), float(X), 1, True, float(whole))
    stack = [(X * k / cells, X * (k + 1) / cells) for k in range(cells)]
    lowest, examined, proved = float("inf"), 0, True
    while stack:
        x0, x1 = stack.pop()
        examined += 1
        low = _cell_ratio_lower(x0, x1, sigma, t)
        if low > 0 or examined >= max_cells:
            proved = proved and low > 0
            lowest = min(lowest, float(low))
            continue
        mid = 0.5 * (x0 + x1)
        stack += [(x0, mid), (mid, x1)]
    points = [X * (k + 0.5) / _POINTS for k in range(_POINTS)]
    ratio = min(float((_gap_point(x, sigma, t) / x).b) for x in points)
    return SignCertificate(float(lowest), float(X), examined, proved, ratio)
