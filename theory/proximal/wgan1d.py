"""The 1-D WGAN game of Theorem 1 and Theorem 3 (Farnia & Ozdaglar 2020, eq. 8).

``X ~ N(0, σ²)``, ``G(z) = sz + u`` with ``|s| ≤ 1 < σ``, ``|u| ≤ t``, 1-Lipschitz
``D``. ``V(G, D) = ∫ D'(x)(F_Y(x) − F_X(x)) dx`` and, with the Sobolev
semi-norm ``‖D‖² = ∫ p_X D'²``, the proximal problem separates pointwise
(farnia2020.md): with ``Δ = F_Y − F_X`` and anchor ``D* = |x|``,

    V^prox_λ(G, D*) = ∫ sup_{|g| ≤ 1} [gΔ − λp_X (g − sign x)²] dx,
    g = clip(sign x + Δ/(2λp_X), −1, 1).

Theorem 3's α: the OT map is ``T(x) = u + (s/σ)x`` and ``x − T(x) = α²(x) D^θ'(x)``
with ``α²(x) = (1 − s/σ)|x − x_c|``, ``x_c = uσ/(σ − s)`` (the CDF crossing),
which vanishes at ``x_c``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from theory import _config  # noqa: F401
from theory.quadrature import quad_bounded

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


def _pointwise_sup(delta, q, sign):
    """``sup_{|g| ≤ 1} gΔ − (q/2)(g − sign)²`` (``q = 2λp_X ≥ 0``), attained at
    ``g = clip(sign + Δ/q, −1, 1)``; for ``q = 0`` (λp_X underflowed) ``g = sign(Δ)`` (or
    ``sign`` where ``Δ = 0``). Never divides by zero, never returns nan."""
    if q > 0.0 and np.isfinite(delta / q):
        g = min(1.0, max(-1.0, sign + delta / q))
    else:
        g = float(np.sign(delta)) if delta != 0.0 else sign
    return g * delta - 0.5 * q * (g - sign) ** 2


def _prox_integrand(x, lam, s, u, sigma):
    """Integrand of ``V^prox_λ(G_{s,u}, D*)`` with anchor ``D* = |x|`` (guarded for tiny λ)."""
    p = float(stats.norm.pdf(x, scale=sigma))
    delta = float(stats.norm.cdf(x, loc=u, scale=s) - stats.norm.cdf(x, scale=sigma))
    return _pointwise_sup(delta, 2.0 * lam * p, float(np.sign(x)))


def _integrate(f, points) -> tuple[float, float]:
    """``∫ f`` over consecutive ``points`` by adaptive quadrature: (value, summed error
    estimates of QUADPACK)."""
    total, error = 0.0, 0.0
    for a, b in zip(points[:-1], points[1:], strict=True):
        if b > a:
            value, err = quad_bounded(f, a, b, **QUAD)
            total, error = total + value, error + err
    return total, error


def prox_value(lam, u, sigma, s=1.0) -> tuple[float, float]:
    """``V^prox_λ(G_{s,u}, D*)`` by adaptive quadrature (breakpoints at 0 and x_c) and its
    error estimate (QUADPACK's, plus the tails beyond ±12σ, below 1e-30)."""
    span = 12.0 * sigma + abs(u)
    points = sorted({-span, 0.0, float(crossing(s, u, sigma)), span})
    return _integrate(lambda x: _prox_integrand(x, lam, s, u, sigma), points)


def location_w1_star(a):
    """Location family ``G_u = N(u, σ²)``, ``u ∈ [a, a + 1]``, data ``N(0, σ²)``: the
    W1-optimal member is ``u = a`` with ``W1* = a`` and ``D*(x) = −x``."""
    return a


def location_alpha_sq(u):
    """Theorem 3's ``α²_u(x) = |u|`` for the location family: ``x − α²∇D^u(x) = x + u``."""
    return abs(u)


def _location_integrand(x, lam, u, sigma):
    p = float(stats.norm.pdf(x, scale=sigma))
    delta = float(stats.norm.cdf(x, loc=u, scale=sigma) - stats.norm.cdf(x, scale=sigma))
    return _pointwise_sup(delta, 2.0 * lam * p, -1.0)


def location_prox_value(lam, u, sigma) -> tuple[float, float]:
    """``V^prox_λ(G_u, D*)`` with ``D* = −x`` for the location family, by quadrature of the
    pointwise supremum; (value, error estimate). Closed form: ``u`` (Δ ≤ 0 keeps g = −1)."""
    span = 12.0 * sigma + abs(u)
    return _integrate(lambda x: _location_integrand(x, lam, u, sigma),
                      sorted({-span, 0.0, float(u), span}))


def prox_gap_expansion(lam, u, sigma):
    """Third-order expansion ``−φ(0)u² + φ(0)σ²u³/(12λ(σ − 1))`` (farnia2020.md),
    negative for ``0 < u < 12λ(σ − 1)/σ²``."""
    phi0 = 1.0 / np.sqrt(2.0 * np.pi)
    return -phi0 * u**2 + phi0 * sigma**2 * u**3 / (12.0 * lam * (sigma - 1.0))
