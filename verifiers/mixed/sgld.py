"""SGLD, the sampler of Hsieh, Liu & Cevher 2019, §4.1 (eq. (8); Welling & Teh 2011).

``z_{k+1} = z_k − γ ∇̂h(z_k) + sqrt(2γε) ξ_k`` with an unbiased gradient estimate
``∇̂h`` and ``ξ_k ~ N(0, 1)`` samples, for small γ, approximately from the Gibbs
measure ``π ∝ exp(−h/ε)`` (the MD iterates of Step 1 have this form with
``ε = 1``, ``h = −Tg + G Σν_s``). It is checked on the 1-D potential
``h(x) = x⁴/4 + b x²/2 + c x`` with the stochastic gradient
``∇̂h = h'(x) + s ζ``, ``ζ ~ N(0, 1)`` (gradient noise s).

Stated O(γ) bias. SGLD is the Euler scheme of ``dX = −h'(X)dt + sqrt(2ε)dW``; in
the time ``γε`` of ``U = h/ε`` its invariant law is
``π_γ = π(1 + γε(¼U'² − ½U'' − c₀) + O(γ²))`` (our first-order expansion, exact
for the quadratic potential: Euler's stationary variance is ``ε/(k(1 − γk/2))``),
and gradient noise raises the temperature to ``ε + γs²/2``. So for a test
function f, ``E_{π_γ} f = E_π f + β_f + O(γ²)`` with
``β_f = γε Cov_π(f, ¼U'² − ½U'') + (γs²/2) Cov_π(f, h)/ε²``, every expectation by
adaptive quadrature (:func:`gibbs_expectation`, :func:`first_order_bias`).
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from scipy.integrate import quad


def potential(x, b, c):
    """``h(x) = x⁴/4 + b x²/2 + c x``."""
    return x**4 / 4.0 + b * x**2 / 2.0 + c * x


def potential_grad(x, b, c):
    """``h'(x) = x³ + b x + c``."""
    return x**3 + b * x + c


@partial(jax.jit, static_argnames=("steps", "burn_in"))
def sgld_moments(x0, b, c, eps, gamma, grad_noise, *, key, steps: int, burn_in: int):
    """Run one SGLD chain per entry of ``x0`` for ``steps`` steps (eq. (8)) as a ``lax.scan``;
    return each chain's time averages of ``x`` and ``x²`` over the steps after ``burn_in``.

    ``key`` (keyword-only) is split into one key per step; the thermal noise and the
    gradient noise of a step use independent halves of it.
    """

    def body(carry, k):
        x, s1, s2, i = carry
        kg, kt = jax.random.split(k)
        grad = potential_grad(x, b, c) + grad_noise * jax.random.normal(kg, x.shape)
        x = x - gamma * grad + jnp.sqrt(2.0 * gamma * eps) * jax.random.normal(kt, x.shape)
        keep = (i >= burn_in).astype(x.dtype)
        return (x, s1 + keep * x, s2 + keep * x * x, i + 1), None

    zeros = jnp.zeros_like(x0)
    (_, s1, s2, _), _ = lax.scan(body, (x0, zeros, zeros, 0), jax.random.split(key, steps))
    n = steps - burn_in
    return s1 / n, s2 / n


def gibbs_expectation(f, b: float, c: float, eps: float) -> float:
    """``E_π f`` for ``π ∝ exp(−h/ε)`` by adaptive quadrature (density shifted by min h)."""
    grid = np.linspace(-6.0, 6.0, 2401)
    h0 = float(np.min(potential(grid, b, c)))

    def dens(x):
        return np.exp(-(potential(x, b, c) - h0) / eps)

    z = quad(dens, -np.inf, np.inf, epsabs=1e-12, epsrel=1e-12)[0]
    return quad(lambda x: f(x) * dens(x), -np.inf, np.inf, epsabs=1e-12, epsrel=1e-12)[0] / z


def first_order_bias(f, b: float, c: float, eps: float, gamma: float, grad_noise: float) -> float:
    """``β_f = γε Cov_π(f, ¼U'² − ½U'') + (γs²/2) Cov_π(f, h)/ε²`` (module docstring)."""

    def a(x):
        return 0.25 * (potential_grad(x, b, c) / eps) ** 2 - 0.5 * (3.0 * x**2 + b) / eps

    def cov(u, v):
        mu, mv = gibbs_expectation(u, b, c, eps), gibbs_expectation(v, b, c, eps)
        return gibbs_expectation(lambda x: (u(x) - mu) * (v(x) - mv), b, c, eps)

    return (
        gamma * eps * cov(f, a)
        + gamma * grad_noise**2 / 2.0 * cov(f, lambda x: potential(x, b, c)) / eps**2
    )


def euler_stationary_variance(k: float, eps: float, gamma: float, grad_noise: float) -> float:
    """Exact stationary variance of SGLD on ``h = kx²/2``: ``(2γε + γ²s²)/(γk(2 − γk))``."""
    return (2.0 * gamma * eps + gamma**2 * grad_noise**2) / (gamma * k * (2.0 - gamma * k))


NODES_PER_SD = 10
"""Grid nodes per standard deviation of the SGLD kernel (:func:`grid_points`)."""


def grid_points(eps: float, gamma: float, grad_noise: float, half_width: float = 5.0) -> int:
    """Nodes of the finer grid of :func:`chain_invariant_expectations`: spacing at most
    ``sd/NODES_PER_SD`` for the kernel's ``sd = sqrt(2γε + γ²s²)``, and at least 200
    nodes (2 001 at the smallest admissible ``sd = 0.05``)."""
    sd = np.sqrt(2.0 * gamma * eps + gamma**2 * grad_noise**2)
    return max(200, int(np.ceil(2.0 * half_width * NODES_PER_SD / sd)) + 1)


def chain_invariant_expectations(fs, b: float, c: float, eps: float, gamma: float,
                                 grad_noise: float, points: int | None = None,
                                 half_width: float = 5.0) -> tuple[np.ndarray, np.ndarray]:
    """``E_{π_γ} f`` for the invariant law ``π_γ`` of the SGLD chain itself, and an error
    estimate, for each ``f`` in ``fs``.

    One SGLD step from x is the Gaussian kernel ``N(x − γh'(x), 2γε + γ²s²)``. On a grid of
    ``points`` nodes of ``[−half_width, half_width]`` (default :func:`grid_points`; mass of
    π_γ beyond it below e^{−70}) the kernel is discretised row-normalised, and ``π_γ`` is
    the left null vector of ``K − I``. The error estimate is the change from a grid of half
    as many nodes (the trapezoidal rule for the kernel's Gaussian at ``h`` = sd/10 or sd/5
    has a relative error of order ``exp(−2π²(sd/h)²)`` < e^{−490}, so the change is the
    rounding of the two solves and bounds the finer grid's error with room)."""
    if points is None:
        points = grid_points(eps, gamma, grad_noise, half_width)
    fine = _grid_expectations(fs, b, c, eps, gamma, grad_noise, points, half_width)
    coarse = _grid_expectations(fs, b, c, eps, gamma, grad_noise, points // 2, half_width)
    return fine, np.abs(fine - coarse)


def _grid_expectations(fs, b, c, eps, gamma, grad_noise, points, half_width) -> np.ndarray:
    x = np.linspace(-half_width, half_width, points)
    mean = x - gamma * potential_grad(x, b, c)
    var = 2.0 * gamma * eps + gamma**2 * grad_noise**2
    K = x[None, :] - mean[:, None]  # in place from here on: points² entries, a few passes
    np.square(K, out=K)
    np.negative(K, out=K)
    K /= 2.0 * var  # log-kernel −(x_j − mean_i)²/(2 var)
    K -= K.max(axis=1, keepdims=True)
    np.exp(K, out=K)
    K /= K.sum(axis=1, keepdims=True)
    A = K.T.copy()
    A[np.diag_indices(points)] -= 1.0  # Kᵀ − I
    A[-1] = 1.0
    rhs = np.zeros(points)
    rhs[-1] = 1.0
    p = np.linalg.solve(A, rhs)
    return np.array([p @ f(x) for f in fs])
