"""A uniform lower bound on the Nash gap over ALL pairs (G, D) (our strengthening of Farnia &
Ozdaglar 2020, Theorem 1; docs/derivations/farnia2020.md).

For every pair, ``gap(G, D) ≥ v_up − v_mix`` where ``v_up = min_G sup_D V(G, D)`` is the
value of the best pure generator G* = (I, 0) and ``v_mix = sup_D V(P_mix, D)`` for any
mixture ``P_mix`` of admissible generator laws: V is linear in the generator's law, so
``inf_{G'} V(G', D) ≤ E_mix V(G', D) ≤ sup_D' V(P_mix, D')``. We bound ``v_mix`` ABOVE
by explicit, rigorous inequalities (so the bounds below are valid lower bounds on
``Δ = v_up − min v_mix``, never estimates):

* KL f-GAN, ``P_mix = ½N(τe, I) + ½N(−τe, I)`` (a two-point mixture of means, s = τ²):
  ``KL(P_X ‖ mix) = v_up + s/2 − E log cosh(τσξ)`` and ``log cosh x ≥ x²/2 − x⁴/12``
  (its derivative ``tanh x − x + x³/3 ≥ 0`` for x ≥ 0 because ``|tanh x| ≤ |x|``), so
  ``Δ ≥ s(σ² − 1)/2 − s²σ⁴/4``  for every ``0 < s ≤ t²``.
* W2GAN (c-concave D, ``c = ½‖x − y‖²``) and WGAN (1-D): mix over ``(I, u)`` with
  ``u = clip(V, −t, t) e₁``, ``V ~ N(0, β)``; coupling ``X₁ = aξ + V``, ``Y₁ = ξ + clip V``
  with ``a = √(σ² − β)`` (the other coordinates by ``X_i = σξ_i ↦ ξ_i``). With
  ``c = t/√β`` and the Mills-ratio bounds ``cφ(c)/(1 + c²) ≤ Q(c) ≤ φ(c)/c``:
  ``E(|V| − t)₊² ≤ 2βφ(c)/c`` and ``E(|V| − t)₊ ≤ 2√β φ(c)/(1 + c²)``, hence
  ``Δ_W2 ≥ ½[(σ − 1)² − (a − 1)² − 2βφ(c)/c]``,
  ``Δ_W1 ≥ √(2/π)(σ − 1 − |a − 1|) − 2√β φ(c)/(1 + c²)``   for every ``0 < β ≤ σ²``.

Every expression takes a ``backend`` (``math`` or ``mpmath.iv``) so that the certificate
evaluates the same formula with interval arithmetic. The bounds are dimension-free
(KL and ½W₂² add over independent coordinates; WGAN is 1-D). ``delta_kl_quadrature``
is the exact Δ_KL of the two-point mixture by quadrature (not a bound; a cross-check).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, optimize

GAMES = ("kl", "w2gan", "wgan")


def _phi(c, backend):
    return backend.exp(-c * c / 2) / backend.sqrt(2 * backend.pi)


def bound(game: str, sigma, t, param, backend=math):
    """The lower bound on Δ at mixing parameter ``param`` (``s = τ²`` for KL, ``β`` otherwise)."""
    if game == "kl":
        return param * (sigma * sigma - 1) / 2 - param * param * sigma**4 / 4
    a = backend.sqrt(sigma * sigma - param)
    c = t / backend.sqrt(param)
    if game == "w2gan":
        return ((sigma - 1) ** 2 - (a - 1) ** 2 - 2 * param * _phi(c, backend) / c) / 2
    if game == "wgan":
        return (backend.sqrt(2 / backend.pi) * (sigma - 1 - abs(a - 1))
                - 2 * backend.sqrt(param) * _phi(c, backend) / (1 + c * c))
    raise ValueError(f"game={game!r}; admissible: one of {GAMES}")


def param_range(game: str, sigma: float, t: float) -> tuple[float, float]:
    """Admissible mixing parameters: ``0 < s ≤ t²`` (KL), ``0 < β ≤ σ²`` (W2GAN, WGAN)."""
    return (0.0, t * t) if game == "kl" else (0.0, sigma * sigma)


def best_param(game: str, sigma: float, t: float) -> float:
    """A (numerically) good mixing parameter: the bound's maximiser (closed form for KL; for
    W2GAN/WGAN a log-spaced grid over ``β ∈ [σ² e^{−80}, σ²]`` refined by a bounded search in
    ``log β``, plus the kink ``β = σ² − 1`` of the WGAN bound; near σ = 1⁺ with small t the
    best β is far below σ², ``~t²/(2 log(1/(σ−1)))``).
    Any admissible value gives a valid bound; only its size depends on this choice."""
    lo, hi = param_range(game, sigma, t)
    if game == "kl":
        return min(hi, (sigma * sigma - 1) / sigma**4) if sigma > 1 else hi
    x_lo = max(math.log(hi) - LOG_SPAN, LOG_TINY)
    x_hi = math.log(hi)
    if not x_lo < x_hi:
        return hi
    xs = np.linspace(x_lo, x_hi, 241)
    vals = [_bound_or_nan(game, sigma, t, math.exp(x)) for x in xs]
    k = int(np.nanargmax(vals)) if not np.all(np.isnan(vals)) else len(xs) - 1
    a, b = xs[max(k - 1, 0)], xs[min(k + 1, len(xs) - 1)]
    res = optimize.minimize_scalar(lambda x: -_bound_or_nan(game, sigma, t, math.exp(x),
                                                            fill=-math.inf),
                                   bounds=(a, b), method="bounded", options={"xatol": 1e-10})
    candidates = [math.exp(float(res.x)), math.exp(xs[k])]
    if game == "wgan" and sigma > 1:
        candidates.append(sigma * sigma - 1)  # the kink a = 1 of |a − 1|
    best = max(candidates, key=lambda p: _bound_or_nan(game, sigma, t, p, fill=-math.inf))
    return min(best, hi)


LOG_TINY = math.log(1e-300)
LOG_SPAN = 80.0
"""e-folds of β searched below σ² (the best β is ~2σ(σ − 1) or ~t²/(2 log(1/(σ − 1))), so
≥ e^{−80}σ² for every float σ > 1 and every t with t² ≥ e^{-70})."""


def _bound_or_nan(game: str, sigma: float, t: float, param: float, fill: float = math.nan):
    """:func:`bound` in floats, ``fill`` where it is not representable (β so small that
    ``t/√β`` overflows the Gaussian density, or 0)."""
    try:
        value = bound(game, sigma, t, param)
    except (ZeroDivisionError, OverflowError, ValueError):
        return fill
    return value if math.isfinite(value) else fill


def v_up(game: str, sigma: float, d: int = 1) -> float:
    """``min_G sup_D V(G, D)`` (attained at G* = (I, 0))."""
    return {"kl": d * ((sigma * sigma - 1) / 2 - math.log(sigma)),
            "w2gan": d * (sigma - 1) ** 2 / 2,
            "wgan": (sigma - 1) * math.sqrt(2 / math.pi)}[game]


def delta_kl_quadrature(sigma: float, t: float) -> tuple[float, float]:
    """``(max_{τ ≤ t} [E log cosh(τσξ) − τ²/2], τ*)``: the exact Δ_KL of mix_τ (1-D quadrature)."""
    def gain(tau):
        f = lambda x: (np.logaddexp(tau * sigma * x, -tau * sigma * x) - math.log(2)) * (  # noqa: E731
            np.exp(-x * x / 2) / math.sqrt(2 * math.pi))
        return integrate.quad(f, -np.inf, np.inf, epsabs=1e-13, epsrel=1e-12)[0] - tau * tau / 2

    res = optimize.minimize_scalar(lambda tau: -gain(tau), bounds=(0.0, t), method="bounded",
                                   options={"xatol": 1e-10})
    return max((gain(float(res.x)), float(res.x)), (gain(t), t))
