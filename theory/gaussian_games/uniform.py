"""A uniform lower bound on the Nash gap over ALL pairs (G, D) (theorem1.md §8, F2).

For every pair, ``gap(G, D) ≥ v_up − v_mix`` where ``v_up = min_G sup_D V(G, D)`` is the
value of the best pure generator G* = (I, 0) and ``v_mix = sup_D V(P_mix, D)`` for any
mixture ``P_mix`` of admissible generator laws: V is linear in the generator's law, so
``inf_{G'} V(G', D) ≤ E_mix V(G', D) ≤ sup_D' V(P_mix, D')``. We bound ``v_mix`` ABOVE
by explicit, rigorous inequalities (so the bounds below are valid lower bounds on
``Δ = v_up − min v_mix``, never estimates):

* KL f-GAN, ``P_mix = ½N(τe, I) + ½N(−τe, I)`` (theorem1.md §8's mix_τ, s = τ²):
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
    """A (numerically) good mixing parameter: the bound's maximiser (closed form for KL)."""
    lo, hi = param_range(game, sigma, t)
    if game == "kl" and sigma > 1:
        return min(hi, (sigma * sigma - 1) / sigma**4)
    res = optimize.minimize_scalar(lambda p: -bound(game, sigma, t, p), bounds=(hi * 1e-9, hi),
                                   method="bounded", options={"xatol": 1e-12 * hi})
    return float(res.x)


def v_up(game: str, sigma: float, d: int = 1) -> float:
    """``min_G sup_D V(G, D)`` (attained at G* = (I, 0), theorem1.md §4.5, §5, §6)."""
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
