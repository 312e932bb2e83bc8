"""Closed forms at the candidate ``(G*, D*)`` of the f-GAN (Farnia & Ozdaglar 2020, Theorem 1;
derived in docs/derivations/farnia2020.md).

``G* = (I, 0)`` (``P_{G*} = N(0, I)``), ``D* = f'(r*)``, ``κ = 1 − σ⁻²``.
The deviation ``G' = (I, t e)`` (any unit e) gains, against D*,

    KL       e^{(σ²−1)t²/2} − 1
    RKL      κ t²/2
    Pearson  (σ²(2−σ²))^{−d/2} (e^{(σ²−1)t²/(2−σ²)} − 1)          (σ² < 2; else +inf)
    H2       (2σ/(1+σ²))^{d/2} (e^{(σ²−1)t²/(2(σ²+1))} − 1)
    Neyman   2σ^d (1+κ)^{−d/2} (1 − e^{−κt²/(2(1+κ))})
    JS       E softplus(κR_t/2 − d log σ) − E softplus(κR_0/2 − d log σ),  R_t ~ χ'²(d, t²)

Each closed form takes a math ``backend`` (``math`` for floats, ``mpmath.iv`` for
rigorous interval enclosures); JS is evaluated by adaptive quadrature.
"""

from __future__ import annotations

import math

import numpy as np

CLOSED = ("kl", "rkl", "pearson", "hellinger", "neyman")


def gap_star(name: str, sigma, d: int, t, backend=math):
    """The gain of the deviation ``(I, t e)`` against ``D*`` (= gap(G*, D*) under the condition)."""
    exp, log = backend.exp, backend.log
    s2 = sigma * sigma
    kappa = 1 - 1 / s2
    if name == "kl":
        return exp((s2 - 1) * t * t / 2) - 1
    if name == "rkl":
        return kappa * t * t / 2
    if name == "pearson":
        if not float(_mid(s2)) < 2:
            return math.inf
        return exp(-d / 2 * log(s2 * (2 - s2))) * (exp((s2 - 1) * t * t / (2 - s2)) - 1)
    if name == "hellinger":
        return exp(d / 2 * log(2 * sigma / (1 + s2))) * (exp((s2 - 1) * t * t / (2 * (s2 + 1))) - 1)
    if name == "neyman":
        pref = 2 * exp(d * log(sigma) - d / 2 * log(1 + kappa))
        return pref * (1 - exp(-kappa * t * t / (2 * (1 + kappa))))
    if name == "js":
        return js_gap_star(float(_mid(sigma)), d, float(_mid(t)))
    raise ValueError(f"divergence={name!r} has no gap* formula")


def _mid(x):
    return x.mid if hasattr(x, "mid") else x


def _softplus(x):
    return np.logaddexp(0.0, x)


def js_expectation(sigma: float, d: int, t: float) -> tuple[float, float]:
    """``E softplus(κR/2 − d log σ)``, ``R ~ χ'²(d, t²)``, and quad's error estimate
    (plus the mass beyond the cut ``R ≤ isf(1e-18)``, where the integrand is at most
    ``κR/2 + log 2``)."""
    from scipy import integrate, stats  # here, not at import: scipy.stats costs ~0.3 s

    kappa = 1 - sigma**-2
    dist = stats.ncx2(d, t * t) if t > 0 else stats.chi2(d)
    hi = dist.isf(1e-18)
    shift = d * math.log(sigma)
    val, err = integrate.quad(lambda r: _softplus(kappa * r / 2 - shift) * dist.pdf(r), 0.0, hi,
                              epsabs=1e-13, epsrel=1e-12, limit=200)
    tail = 1e-18 * (kappa * (hi + d + t * t) + 1.0)
    return val, err + tail


def js_gap_star_with_error(sigma: float, d: int, t: float) -> tuple[float, float]:
    """JS gap* by adaptive quadrature over the noncentral χ² law, with its error estimate."""
    (a, ea), (b, eb) = js_expectation(sigma, d, t), js_expectation(sigma, d, 0.0)
    return a - b, ea + eb


def js_gap_star(sigma: float, d: int, t: float) -> float:
    """JS gap* by adaptive quadrature over the noncentral χ² law."""
    return js_gap_star_with_error(sigma, d, t)[0]


def gap_general(name: str, eigenvalues, t: float, backend=math):
    """The gain of the deviation ``u' = t v_max`` at ``G = (S*, 0)``, ``S* = Q min(Λ, 1) Qᵀ``,
    against ``D_G`` for data ``N(0, Σ)``, ``Σ = Q Λ Qᵀ`` with ``λ = λ_max > 1``:

        W2GAN      t²(√λ − 1)/2
        KL         e^{(λ−1)t²/2} − 1
        reverse KL (1 − 1/λ) t²/2
        Hellinger  Π_{λ_i > 1} (2√λ_i/(1 + λ_i))^{1/2} · (e^{(λ−1)t²/(2(λ+1))} − 1)
    """
    lam = max(eigenvalues)
    if name == "w2gan":
        return t * t * (backend.sqrt(lam) - 1) / 2
    if name == "kl":
        return backend.exp((lam - 1) * t * t / 2) - 1
    if name == "rkl":
        return (1 - 1 / lam) * t * t / 2
    if name == "hellinger":
        bc = 1
        for li in eigenvalues:
            if li > 1:
                bc = bc * backend.sqrt(2 * backend.sqrt(li) / (1 + li))
        return bc * (backend.exp((lam - 1) * t * t / (2 * (lam + 1))) - 1)
    raise ValueError(f"game={name!r} has no closed-form gain for general Sigma")


def divergence_star(name: str, sigma, d: int, backend=math):
    """``d_f(G*) = D_f(N(0, σ²I) ‖ N(0, I))`` (KL, reverse KL, Pearson, Hellinger, Neyman)."""
    s2 = sigma * sigma
    log = backend.log
    if name == "kl":
        return d * (s2 - 1 - log(s2)) / 2
    if name == "rkl":
        return d * (1 / s2 - 1 + log(s2)) / 2
    if name == "pearson":
        return (s2 * (2 - s2)) ** (-d / 2) - 1 if s2 < 2 else math.inf
    if name == "hellinger":
        return 2 - 2 * (2 * sigma / (1 + s2)) ** (d / 2)
    if name == "neyman":
        return sigma**d * (2 - 1 / s2) ** (-d / 2) - 1
    raise ValueError(f"divergence={name!r} has no closed-form d_f(G*)")
