"""The Gaussian-smoothed ("a.c.") Dirac-GAN of Table 1 (Mescheder et al. 2018).

Table 1 separates absolutely continuous (a.c.) distributions from the general
case. The Dirac-GAN is the general case; as its a.c. proxy we smooth both
distributions, ``p_θ = N(θ, σ²)`` and ``p_D = N(0, σ²)``, and keep the linear
critic ``D_ψ(x) = ψx``. For a method whose field is
``v_m(θ, ψ)`` (objective with the generator sample at θ and data at 0),
smoothing averages the generator sample and adds the data term:

    v_ac(θ, ψ) = E_z v_m(θ + σz, ψ) + (0, E_z v_gan(−σz, ψ)₂),   z ~ N(0, 1),

(``v_gan(−x, ψ)₂ = −x f'(−xψ)`` is the data part of ∂_ψ f(−xψ)); both
expectations by Gauss–Hermite quadrature. Consensus optimisation regularises
the smoothed game itself: ``ṽ = v_ac − γ ∇(|v_ac|²/2)`` (Lemma C.4 applied to
the smoothed field). Instance noise is already a.c.: its proxy is itself.
"""

from __future__ import annotations

from functools import cache

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.dirac.fields import DEFAULT_F
from theory.dirac.objectives import hyper_value
from verifiers.dynamics import field

NODES = 40
_T, _W = np.polynomial.hermite.hermgauss(NODES)
_Z = jnp.asarray(np.sqrt(2.0) * _T)
_P = jnp.asarray(_W / np.sqrt(np.pi))


def _smooth(method: str, sigma: float):
    v, gan = field(method), field("gan", DEFAULT_F[method])

    def v_ac(x, hyper):
        gen = jax.vmap(lambda z: v(x.at[0].add(sigma * z), hyper))(_Z)
        data = jax.vmap(lambda z: gan(jnp.stack([-sigma * z, x[1]]), hyper)[1])(_Z)
        return (_P @ gen).at[1].add(_P @ data)

    return v_ac


def _consensus_of(v):
    def v_tilde(x, hyper):
        half_norm = jax.grad(lambda y: 0.5 * jnp.sum(v(y, hyper) ** 2))(x)
        return v(x, hyper) - hyper_value(hyper, "gamma") * half_norm

    return v_tilde


@cache
def smoothed_field(method: str, sigma: float = 1.0):
    """The a.c. proxy ``v_ac(x, hyper)`` of ``method`` with smoothing σ (cached)."""
    if method == "instance_noise":
        return field(method)
    if method == "consensus":
        return _consensus_of(_smooth("gan", sigma))
    return _smooth(method, sigma)
