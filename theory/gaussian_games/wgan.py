"""WGAN in one dimension (Farnia & Ozdaglar 2020, eq. (8)).

Data ``N(0, σ²)``, generator ``G(z) = w z + u``, 1-Lipschitz critics. With the
folded-normal mean ``m(μ, s) = E|N(μ, s²)| = s√(2/π) e^{−μ²/(2s²)} + μ erf(μ/(s√2))``:

    W1(N(0, σ²), N(u, w²)) = m(u, |σ − |w||)              (comonotone coupling)
    D_G(x) = |x − x0|,  x0 = σu/(σ − |w|)   (|w| < σ; unique up to a constant)
    critic family D_{c,ς}(x) = ς|x − c|:  V(G', D) = ς[m(c, σ) − m(u' − c, |w'|)]
    gap(G, D_G) = m(|x0| + t, 1) − m(|w|u/(σ − |w|), |w|) ≥ c_W1(t) = m(t, 1) − m(0, 1).

The generator minimises V; over ``{w_lo ≤ |w'| ≤ w_hi, |u'| ≤ t}`` its best
response to ``ς = +1`` is ``|w'| = w_hi, u' = −t sign(c)`` (m grows with |μ| and s),
to ``ς = −1`` it is ``|w'| = w_lo, u' = clip(c, −t, t)``.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax.scipy.special import erf

from theory import _config  # noqa: F401

SQRT_2_OVER_PI = (2.0 / jnp.pi) ** 0.5


def folded_mean(mu, s):
    """``m(μ, s) = E|N(μ, s²)|`` (``|μ|`` at s = 0)."""
    s_safe = jnp.where(s > 0, s, 1.0)
    val = (s_safe * SQRT_2_OVER_PI * jnp.exp(-mu**2 / (2 * s_safe**2))
           + mu * erf(mu / (s_safe * 2**0.5)))
    return jnp.where(s > 0, val, jnp.abs(mu))


def w1(sigma, w, u):
    """``W1(N(0, σ²), N(u, w²)) = m(u, |σ − |w||)``."""
    return folded_mean(u, jnp.abs(sigma - jnp.abs(w)))


def critic_center(sigma, w, u):
    """``x0 = σu/(σ − |w|)``: ``D_G(x) = |x − x0|`` if ``|w| < σ`` (−|x − x0| if |w| > σ)."""
    return sigma * u / (sigma - jnp.abs(w))


def value(sigma, w, u, c, sign=1.0):
    """``V(G, D)`` for ``D(x) = ς|x − c|``: ``ς[m(c, σ) − m(u − c, |w|)]``."""
    return sign * (folded_mean(c, sigma) - folded_mean(u - c, jnp.abs(w)))


def generator_best_response(sigma, c, t, sign=1.0, w_lo=0.0, w_hi=1.0):
    """``(min V(G', D), w', u')`` for ``D = ς|x − c|`` (−inf if ς = +1 and w_hi = inf)."""
    up = sign > 0
    w_best = jnp.where(up, w_hi, w_lo)
    u_best = jnp.where(up, -t * jnp.where(c >= 0, 1.0, -1.0), jnp.clip(c, -t, t))
    val = value(sigma, w_best, u_best, c, sign)
    return jnp.where(up & jnp.isinf(w_hi), -jnp.inf, val), w_best, u_best


def nash_gap(sigma, w, u, c, t, sign=1.0, w_lo=0.0, w_hi=1.0):
    """``(gap, d_gain, g_gain)`` for ``G = (w, u)`` and ``D = ς|x − c|``."""
    v = value(sigma, w, u, c, sign)
    best, _, _ = generator_best_response(sigma, c, t, sign, w_lo, w_hi)
    return w1(sigma, w, u) - best, w1(sigma, w, u) - v, v - best


def c_w1(t):
    """``c_W1(t) = m(t, 1) − m(0, 1) = √(2/π)(e^{−t²/2} − 1) + t erf(t/√2)`` (uniform bound)."""
    return SQRT_2_OVER_PI * jnp.expm1(-t**2 / 2) + t * erf(t / 2**0.5)


@jax.jit
def gap_vs_best_response(sigma, w, u, t):
    """``gap(G, D_G)`` ``|w| ≤ 1 < σ``, and the deviation ``(1, −t sign x0)``."""
    x0 = critic_center(sigma, w, u)
    inner = folded_mean(jnp.abs(w) * u / (sigma - jnp.abs(w)), jnp.abs(w))
    gap = folded_mean(jnp.abs(x0) + t, 1.0) - inner
    return gap, -t * jnp.where(x0 >= 0, 1.0, -1.0)
