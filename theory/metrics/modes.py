"""Mode coverage of samples from a Gaussian mixture (the metric of Srivastava et al. 2017, VEEGAN,
used for the 8- and 25-Gaussian tasks).

For a mixture with centres ``c_1..c_K`` and per-coordinate standard deviation ``s``, a sample ``x``
is *high quality* when its distance to the nearest centre is at most ``k·s`` (``k = 3``). In
``d = 2`` dimensions the radial distance of an exact mixture sample is Rayleigh, so the expected
high-quality fraction of the data itself is ``P(R ≤ k s) = 1 − exp(−k²/2)`` (0.989 for k = 3):
:func:`hq_fraction_exact`. A mode is *covered* when at least ``min_share`` of its fair share
``n/K`` of the samples are high-quality samples nearest to it (``min_share = 0.1``: a mode that
receives a tenth of the samples it would get from the data counts; a single stray sample does not).
"""

from __future__ import annotations

import math

import numpy as np

K_SD, MIN_SHARE = 3.0, 0.1


def nearest(samples, centres) -> tuple[np.ndarray, np.ndarray]:
    """Index of and distance to the nearest centre, for each sample (``(n,)``, ``(n,)``)."""
    x = np.asarray(samples, dtype=float)
    c = np.asarray(centres, dtype=float)
    d = np.linalg.norm(x[:, None, :] - c[None, :, :], axis=-1)
    idx = np.argmin(d, axis=1)
    return idx, d[np.arange(len(x)), idx]


def high_quality(samples, centres, sd: float, k: float = K_SD) -> np.ndarray:
    """Boolean mask: the sample lies within ``k·sd`` of its nearest centre (distance exactly
    ``k·sd`` included)."""
    _, dist = nearest(samples, centres)
    return _within(dist, sd, k)


def _within(dist, sd: float, k: float) -> np.ndarray:
    return dist <= k * sd


def hq_fraction(samples, centres, sd: float, k: float = K_SD) -> float:
    """Fraction of high-quality samples."""
    return float(np.mean(high_quality(samples, centres, sd, k)))


def hq_fraction_exact(k: float = K_SD, d: int = 2) -> float:
    """``P(‖N(0, I_d)‖ ≤ k)`` for ``d = 2``: ``1 − exp(−k²/2)`` (the data's own HQ fraction)."""
    if d != 2:
        raise ValueError("closed form implemented for d = 2 only")
    return 1.0 - math.exp(-0.5 * k * k)


def mode_counts(samples, centres, sd: float, k: float = K_SD) -> np.ndarray:
    """Number of high-quality samples nearest to each centre, shape ``(K,)``."""
    idx, dist = nearest(samples, centres)
    return np.bincount(idx[_within(dist, sd, k)], minlength=len(np.asarray(centres)))


def modes_covered(samples, centres, sd: float, k: float = K_SD,
                  min_share: float = MIN_SHARE) -> int:
    """Number of modes receiving at least ``min_share · n/K`` high-quality samples."""
    counts = mode_counts(samples, centres, sd, k)
    need = max(1.0, min_share * len(np.asarray(samples)) / len(counts))
    return int(np.sum(counts >= need))
