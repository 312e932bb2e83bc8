"""The entropic mirror step of Hsieh, Liu & Cevher 2019 (Theorem 1, eq. (7)) and its
K-particle approximation (Algorithm 3, §4.2); derivation in
``docs/derivations/hsieh2019.md`` (the mean approximation).

Eq. (7): ``dμ⁺ = e^{−ηh} dμ / ∫ e^{−ηh} dμ``. Two games:

* *1-D WGAN* (Farnia & Ozdaglar's game with data N(0, σ²) is the generator's side here):
  the generator's location ``u`` (``G_u(z) = z + u``) carries the measure ``μ = N(m0, τ²)``;
  against the critic ``D(x) = |x − a|`` the generator's loss derivative is
  ``h(u) = −E D(u + Z) = −E|u − a + Z|``, so ``μ⁺`` has the potential
  ``U(u) = −ηE|u − a + Z| + (u − m0)²/(2τ²)`` (density ``∝ e^{−U}``) with
  ``U' = −η(2Φ(u − a) − 1) + (u − m0)/τ²`` and ``U'' = −2ηφ(u − a) + 1/τ²``.
* *A finite game lifted to measures*: on the finite strategy set ``{1, …, n}`` a measure is a
  probability vector ``p`` and eq. (7) is the entropic MD step ``p⁺ ∝ p e^{−η A q}`` (eq. (2)).

SGLD (eq. (8), ε = 1, exact gradients) samples ``e^{−U}`` up to its stationary bias
``β_f = γ Cov_π(f, ¼U'² − ½U'') + O(γ²)`` (first-order expansion of the Euler scheme's
invariant law).
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from scipy.special import ndtr

from theory import _config  # noqa: F401
from theory.quadrature import quad_bounded

QUAD = {"epsabs": 1e-13, "epsrel": 1e-12, "limit": 400}
_PHI0 = 1.0 / np.sqrt(2.0 * np.pi)


def abs_moment(v):
    """``E|v + Z| = 2φ(v) + v(2Φ(v) − 1)``."""
    return 2.0 * _PHI0 * np.exp(-0.5 * np.square(v)) + v * (2.0 * ndtr(v) - 1.0)


def potential(u, eta, a, m0, tau):
    """``U(u) = −ηE|u − a + Z| + (u − m0)²/(2τ²)`` (μ⁺ ∝ e^{−U})."""
    return -eta * abs_moment(u - a) + (u - m0) ** 2 / (2.0 * tau**2)


def potential_grad(u, eta, a, m0, tau):
    """``U'(u) = −η(2Φ(u − a) − 1) + (u − m0)/τ²`` (numpy)."""
    return -eta * (2.0 * ndtr(u - a) - 1.0) + (u - m0) / tau**2


def _potential_grad_jax(u, eta, a, m0, tau):
    """:func:`potential_grad` in jax (the sampler's drift)."""
    return -eta * (2.0 * jax.scipy.stats.norm.cdf(u - a) - 1.0) + (u - m0) / tau**2


def potential_hess(u, eta, a, m0, tau):
    """``U''(u) = −2ηφ(u − a) + 1/τ²``."""
    return -2.0 * eta * _PHI0 * np.exp(-0.5 * np.square(u - a)) + 1.0 / tau**2


def test_function(u):
    """The bounded test function ``f = tanh`` (values in (−1, 1))."""
    return np.tanh(u)


def _window(eta, a, m0, tau) -> tuple[float, float]:
    """An interval holding all but ``e^{−40}`` of μ⁺'s and μ's mass: ``U − (u − m0)²/(2τ²)``
    has slope at most η, so μ⁺'s tails are those of ``N(m0 ± ητ², τ²)``."""
    half = 9.0 * tau + eta * tau**2 + abs(a - m0)
    return m0 - half, m0 + half


def gibbs_expectations(fs, eta, a, m0, tau) -> tuple[np.ndarray, np.ndarray]:
    """``E_{μ⁺} f`` for each ``f`` in ``fs`` by adaptive quadrature of eq. (7)'s density on
    :func:`_window` (tails below e^{−40}); returns values and error bounds (QUADPACK's
    estimates propagated through the ratio)."""
    lo, hi = _window(eta, a, m0, tau)
    grid = np.linspace(lo, hi, 4001)
    shift = float(np.min(potential(grid, eta, a, m0, tau)))

    def dens(u):
        return np.exp(-(potential(u, eta, a, m0, tau) - shift))

    z, ez = quad_bounded(dens, lo, hi, points=[a, m0], **QUAD)
    out, err = [], []
    for f in fs:
        v, ev = quad_bounded(lambda u, f=f: f(u) * dens(u), lo, hi, points=[a, m0], **QUAD)
        out.append(v / z)
        err.append(ev / z + abs(v) * ez / z**2 + 1e-14)
    return np.array(out), np.array(err)


def first_order_bias(f, gamma, eta, a, m0, tau) -> tuple[float, float]:
    """``β_f = γ Cov_{μ⁺}(f, ¼U'² − ½U'')`` by quadrature; (value, error bound)."""
    def corr(u):
        return 0.25 * potential_grad(u, eta, a, m0, tau) ** 2 - 0.5 * potential_hess(
            u, eta, a, m0, tau)

    (ef, ec, efc), (e1, e2, e3) = gibbs_expectations(
        [f, corr, lambda u: f(u) * corr(u)],
        eta, a, m0, tau)
    cov = efc - ef * ec
    return gamma * cov, gamma * (e3 + e1 * abs(ec) + e2 * abs(ef))


@partial(jax.jit, static_argnames=("K", "steps"))
def sgld_particles(eta, a, m0, tau, gamma, *, key, K: int, steps: int):
    """``K`` independent SGLD chains (eq. (8), ε = 1, exact gradient ``U'``) started from
    exact samples of the current measure ``μ = N(m0, τ²)`` and run ``steps`` steps: the
    K-particle update of Algorithm 3 (its samples before averaging)."""
    k0, k1 = jax.random.split(key)
    x = m0 + tau * jax.random.normal(k0, (K,))

    def body(x, k):
        noise = jax.random.normal(k, x.shape)
        drift = _potential_grad_jax(x, eta, a, m0, tau)
        return x - gamma * drift + jnp.sqrt(2.0 * gamma) * noise, None

    x, _ = lax.scan(body, x, jax.random.split(k1, steps))
    return x


def _kernel(x, eta, a, m0, tau, gamma) -> np.ndarray:
    """Row-normalised SGLD transition kernel ``N(x − γU'(x), 2γ)`` on the grid ``x``."""
    mean = x - gamma * potential_grad(x, eta, a, m0, tau)
    logk = -((x[None, :] - mean[:, None]) ** 2) / (4.0 * gamma)
    K = np.exp(logk - logk.max(axis=1, keepdims=True))
    return K / K.sum(axis=1, keepdims=True)


def _chain_law(f, eta, a, m0, tau, gamma, steps, points) -> tuple[float, float]:
    """(E f after ``steps`` steps from μ, E f under the invariant law) on a grid of
    ``points`` nodes."""
    lo, hi = _window(eta, a, m0, tau)
    x = np.linspace(lo, hi, points)
    K = _kernel(x, eta, a, m0, tau, gamma)
    p = np.exp(-0.5 * ((x - m0) / tau) ** 2)
    p /= p.sum()
    for _ in range(steps):
        p = p @ K
    A = K.T - np.eye(points)
    A[-1] = 1.0
    rhs = np.zeros(points)
    rhs[-1] = 1.0
    pi = np.linalg.solve(A, rhs)
    fx = f(x)
    return float(p @ fx), float(pi @ fx)


def chain_expectations(f, eta, a, m0, tau, gamma, steps, points=600) -> dict:
    """The SGLD chain's own laws on the grid: ``mixing_gap = |E_{law_N} f − E_{π_γ} f|`` and
    ``stationary = E_{π_γ} f``, each with an error estimate (the change from a grid of half as
    many nodes)."""
    fine = _chain_law(f, eta, a, m0, tau, gamma, steps, points)
    coarse = _chain_law(f, eta, a, m0, tau, gamma, steps, points // 2)
    return {"mixing_gap": abs(fine[0] - fine[1]),
            "mixing_gap_error": abs(abs(fine[0] - fine[1]) - abs(coarse[0] - coarse[1])),
            "stationary": fine[1], "stationary_error": abs(fine[1] - coarse[1])}


def hoeffding_radius(K, delta) -> float:
    """Hoeffding: for i.i.d. values in [−1, 1], ``P(|mean_K − E| ≥ r) ≤ 2e^{−Kr²/2}``; the
    radius with probability ``δ`` is ``r = √(2 ln(2/δ)/K)``."""
    return float(np.sqrt(2.0 * np.log(2.0 / delta) / K))


def finite_mirror_step(p, A, q, eta) -> np.ndarray:
    """Eq. (2)/(7) on a finite set: ``p⁺ ∝ p e^{−η Aq}`` (log-sum-exp)."""
    logits = np.log(p) - eta * (A @ q)
    logits -= logits.max()
    w = np.exp(logits)
    return w / w.sum()


def finite_particles(key, p, A, q, eta, K: int) -> np.ndarray:
    """K i.i.d. strategies drawn from the updated measure (the particles of the K-sample update):
    categorical sampling with logits ``log p − ηAq`` (jax PRNG ``key``)."""
    logits = np.log(p) - eta * (np.asarray(A) @ np.asarray(q))
    return np.asarray(_categorical(key, logits, K=K))


@partial(jax.jit, static_argnames=("K",))
def _categorical(key, logits, *, K: int):
    """``jax.random.categorical`` as one compiled program per strategy count (eagerly it
    compiles five)."""
    return jax.random.categorical(key, logits, shape=(K,))
