"""The Dirac-GAN on a box as a finite game (docs/derivations/hsieh2019.md).

``L(θ, ψ) = f(ψθ) + f(0)`` (Mescheder et al. 2018, Def. 2.1) with the generator θ
(minimiser) and the critic ψ (maximiser) on grids of ``[−1, 1]``. For concave f
with ``f'(0) ≠ 0`` the value is ``2f(0)``, the critic's equilibrium is ``δ_0``
(unique) and the generator's equilibria are the ν with ``E_ν θ = 0`` (Jensen:
``E_ν f(ψθ) ≤ f(ψ E_ν θ) = f(0)``).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.bilinear import BilinearGame
from theory.dirac.activations import resolve


def grid(points: int) -> np.ndarray:
    """``points`` equally spaced values of [−1, 1] (odd ``points`` include 0)."""
    return np.linspace(-1.0, 1.0, points)


def payoff(theta, psi, f="standard") -> np.ndarray:
    """``L[i, j] = f(ψ_i θ_j) + f(0)``: rows critic ψ, columns generator θ."""
    fn = resolve(f)
    return np.asarray(fn(jnp.outer(jnp.asarray(psi), jnp.asarray(theta))) + fn(jnp.float64(0.0)))


def game(points: int, f="standard") -> BilinearGame:
    """The box game as ``min_p max_q qᵀ L p`` (``A = −L``, ``a = 0``)."""
    L = payoff(grid(points), grid(points), f)
    return BilinearGame(A=-L, a=np.zeros(points))


def value(f="standard") -> float:
    """The value ``2f(0)`` (``−2 ln 2`` for the standard f, 0 for WGAN)."""
    return 2.0 * float(resolve(f)(jnp.float64(0.0)))
