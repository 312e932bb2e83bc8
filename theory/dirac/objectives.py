"""The objective of every Dirac-GAN variant (Mescheder et al. 2018, Def. 2.1).

Dirac-GAN: ``p_θ = δ_θ``, ``p_D = δ_0``, ``D_ψ(x) = ψ x``, so the
unregularised objective (eq. (1)) is ``L(θ, ψ) = f(ψθ) + f(0)``. Each variant
is a pair ``(gen_loss, disc_obj)``: the generator minimises ``gen_loss`` over
θ, the discriminator maximises ``disc_obj`` over ψ, and the gradient vector
field is ``v = (−∂_θ gen_loss, ∂_ψ disc_obj)`` (see :mod:`theory.dirac.fields`).
Both take ``(theta, psi, hyper, f)``; ``psi`` is a scalar except for the energy
solution, where it is ``(ψ1, ψ2)``. ``hyper`` is a mapping of floats;
:data:`DEFAULTS` fills missing keys.

Regularisers (subtracted from the discriminator's objective):

* WGAN-GP (Gulrajani et al.; Lemma C.3): ``γ/2 (|ψ| − g0)²``;
* DRAGAN-type (Kodali et al.; Lemma C.3): ``γ/2 (|ψ| − k)²``;
* zero-centred gradient penalty (Lemma 3.3; R1 = R2 here): ``γ/2 ψ²``;
* Roth et al. (eq. (138)): ``γ/2 [(1 − σ(ψθ))² ψ² + σ(0)² ψ²]``;
* consensus optimisation (Lemma C.4): both players add ``γ/2 |v|²``
  (generator: ``L + γ/2|v|²``, discriminator: ``L − γ/2|v|²``), so the field
  is ``v − γ v'ᵀ v``.

Instance noise (Lemma 3.2) replaces both Diracs by ``N(·, σ²)``; the
expectation is computed by Gauss–Hermite quadrature with :data:`GH_NODES`
nodes. ``|ψ|`` is differentiated as ``sign ψ`` (with ``sign 0 = 0``), so every
field on the linear critic ``D_ψ(x) = ψx`` is odd, ``v(−x) = −v(x)`` (not the
Section E fields).
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401

DEFAULTS = {"gamma": 1.0, "g0": 1.0, "k": 1.0, "sigma": 1.0}
"""Hyperparameters used when ``hyper`` lacks a key."""

GH_NODES = 80
"""Gauss–Hermite nodes for the instance-noise expectation (exact for
polynomials of degree < 160; at the equilibrium only the moments E 1 and E Z²
enter, and the rule reproduces both to within 2 eps, pinned by a test)."""

_GH_T, _GH_W = np.polynomial.hermite.hermgauss(GH_NODES)
_GH_Z = jnp.asarray(np.sqrt(2.0) * _GH_T)
_GH_P = jnp.asarray(_GH_W / np.sqrt(np.pi))


def hyper_value(hyper, name: str):
    """``hyper[name]``, or the default of :data:`DEFAULTS`."""
    return (hyper or {}).get(name, DEFAULTS[name])


@jax.custom_jvp
def abs_sign(x):
    """``|x|`` with derivative ``sign x`` (0 at 0), so a penalty on ``|ψ|`` has the one-sided
    derivative of the branch ψ > 0 or ψ < 0 it is evaluated on."""
    return jnp.abs(x)


@abs_sign.defjvp
def _abs_sign_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return jnp.abs(x), jnp.sign(x) * t


def gaussian_mean(g: Callable, mean, sigma):
    """``E g(mean + σ Z)``, Z ~ N(0, 1), by Gauss–Hermite quadrature."""
    return jnp.sum(_GH_P * jax.vmap(g)(mean + sigma * _GH_Z))


def gan(theta, psi, hyper, f):
    """Eq. (1) on the Dirac-GAN: ``L = f(ψθ) + f(−ψ·0)``."""
    return f(psi * theta) + f(-psi * 0.0)


def full_rank(theta, psi, hyper, f):
    """Section E.2: ``D_ψ(x) = ψ eˣ``, ``L = f(ψ e^θ) + f(−ψ)``."""
    return f(psi * jnp.exp(theta)) + f(-psi)


def energy(theta, psi, hyper, f):
    """Section E.1: ``D(x) = ψ1 x² + ψ2 x``, ``L = f(ψ1θ² + ψ2θ) + f(0)``."""
    return f(psi[0] * theta**2 + psi[1] * theta) + f(0.0 * psi[0])


def instance_noise(theta, psi, hyper, f):
    """Lemma 3.2: ``E_{θ̃~N(θ,σ²)} f(θ̃ψ) + E_{x~N(0,σ²)} f(−xψ)``."""
    sigma = hyper_value(hyper, "sigma")
    fake = gaussian_mean(lambda t: f(t * psi), theta, sigma)
    real = gaussian_mean(lambda x: f(-x * psi), 0.0 * theta, sigma)
    return fake + real


def norm_penalty(psi, gamma, target):
    """``γ/2 (|ψ| − target)²`` (WGAN-GP with target g0, DRAGAN with target k),
    written ``γ/2 ψ² − γ·target·|ψ| + γ/2 target²`` so that its ψ-gradient is
    ``γψ − γ·target·sign ψ`` and its second derivative the smooth part γ."""
    return 0.5 * gamma * psi**2 - gamma * target * abs_sign(psi) + 0.5 * gamma * target**2


def roth_penalty(theta, psi, gamma):
    """Eq. (138) on the Dirac-GAN, times γ/2: ∇ₓD_ψ = ψ at both Diracs."""
    fake = (1.0 - jax.nn.sigmoid(psi * theta)) ** 2 * psi**2
    real = jax.nn.sigmoid(-psi * 0.0) ** 2 * psi**2
    return 0.5 * gamma * (fake + real)


def nonsaturating_gen_loss(theta, psi, hyper, f):
    """Non-saturating generator loss (Lemma C.1): ``−f(−ψθ)``."""
    return -f(-psi * theta)
