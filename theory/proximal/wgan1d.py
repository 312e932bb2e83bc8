"""The 1-D WGAN game of Theorem 1 and Theorem 3 (Farnia & Ozdaglar 2020, eq. 8).

``X ~ N(0, σ²)``, ``G(z) = sz + u`` with ``|s| ≤ 1 < σ``, ``|u| ≤ t``, 1-Lipschitz
``D``. ``V(G, D) = ∫ D'(x)(F_Y(x) − F_X(x)) dx`` and, with the Sobolev
semi-norm ``‖D‖² = ∫ p_X D'²``, the proximal problem separates pointwise
(proximal.md §7): with ``Δ = F_Y − F_X`` and anchor ``D* = |x|``,

    V^prox_λ(G, D*) = ∫ sup_{|g| ≤ 1} [gΔ − λp_X (g − sign x)²] dx,
    g = clip(sign x + Δ/(2λp_X), −1, 1).

Theorem 3's α: the OT map is ``T(x) = u + (s/σ)x`` and ``x − T(x) = α²(x) D^θ'(x)``
with ``α²(x) = (1 − s/σ)|x − x_c|``, ``x_c = uσ/(σ − s)`` (the CDF crossing),
which vanishes at ``x_c``.
"""

from __future__ import annotations

import numpy as np
from scipy import integrate, stats

from theory import _config  # noqa: F401

QUAD = {"epsabs": 1e-14, "epsrel": 1e-12, "limit": 400}


def crossing(s, u, sigma):
    """``x_c = uσ/(σ − s)``, where ``F_Y = F_X`` (s < σ)."""
    return u * sigma / (sigma - s)


def alpha_sq(x, s, u, sigma):
    """``α²(x) = (1 − s/σ)|x − x_c|`` (Theorem 3's transport magnitude)."""
    return (1.0 - s / sigma) * np.abs(x - crossing(s, u, sigma))


def w1_star(sigma):
    """``W1(N(0, σ²), N(0, 1)) = (σ − 1)√(2/π)`` (G* = N(0, 1), D* = |x|)."""
    return (sigma - 1.0) * np.sqrt(2.0 / np.pi)


def _prox_integrand(x, lam, s, u, sigma):
    p = max(stats.norm.pdf(x, scale=sigma), 1e-300)
    delta = stats.norm.cdf(x, loc=u, scale=s) - stats.norm.cdf(x, scale=sigma)
    sign = np.sign(x)
    g = np.clip(sign + delta / (2.0 * lam * p), -1.0, 1.0)
    star = stats.norm.cdf(x) - stats.norm.cdf(x, scale=sigma)
    return g * delta - lam * p * (g - sign) ** 2 - sign * star


def prox_gap(lam, u, sigma, s=1.0):
    """``V^prox_λ(G_{s,u}, D*) − W1*`` by adaptive quadrature (breakpoints at 0 and x_c)."""
    span = 12.0 * sigma + abs(u)
    points = sorted({-span, 0.0, float(crossing(s, u, sigma)), span})
    pieces = [integrate.quad(_prox_integrand, a, b, args=(lam, s, u, sigma), **QUAD)[0]
              for a, b in zip(points[:-1], points[1:], strict=True) if b > a]
    return float(sum(pieces))


def value_gap(u, sigma, s=1.0):
    """``V(G_{s,u}, D*) − W1* = ∫ sign(x)(Δ_u − Δ*)`` (no proximal step): ≈ −φ(0)u² (no NE)."""
    def integrand(x):
        return np.sign(x) * (stats.norm.cdf(x, loc=u, scale=s) - stats.norm.cdf(x))
    span = 12.0 * sigma + abs(u)
    pieces = ((-span, 0.0), (0.0, span))
    return float(sum(integrate.quad(integrand, a, b, **QUAD)[0] for a, b in pieces))


def prox_gap_expansion(lam, u, sigma):
    """Third-order expansion ``−φ(0)u² + φ(0)σ²u³/(12λ(σ − 1))`` (proximal.md §7),
    negative for ``0 < u < 12λ(σ − 1)/σ²``."""
    phi0 = 1.0 / np.sqrt(2.0 * np.pi)
    return -phi0 * u**2 + phi0 * sigma**2 * u**3 / (12.0 * lam * (sigma - 1.0))
