"""Closed-form Jacobians and eigenvalues at the Dirac-GAN equilibrium.

For every method on the linear critic the Jacobian of the (regularised)
gradient vector field at (θ, ψ) = (0, 0) has the form

``J = [[a, −f1], [f1, d]]``,  ``λ± = (a + d)/2 ± sqrt(((a − d)/2)² − f1²)``,

with f1 = f'(0), f2 = f''(0) and (a, d) from :func:`diagonal`:

=====================  ==============  ================  ==========================
method                 a               d                 paper
=====================  ==============  ================  ==========================
gan, wgan              0               0                 Lemma 2.2 (±i f1), Lemma 3.1
nonsaturating          0               0                 Lemma C.1
instance_noise         0               2 f2 σ²           Lemma 3.2, eq. (6)/(70)
gradient_penalty       0               −γ                Lemma 3.3, eq. (8)
roth                   0               −γ/2              eq. (138), weights σ(0)² = 1/4
consensus              −γ f1²          −γ f1²            Lemma C.4, eq. (102)
full_rank              0               2 f2              Section E.2
wgan_gp, dragan        0               −γ                one-sided smooth part only (|ψ| as sign ψ)
=====================  ==============  ================  ==========================

The energy solution (Section E.1, D(x) = ψ1x² + ψ2x) is 3×3 at (0, ψ1, 0):
``[[−2 f1 ψ1, 0, −f1], [0, 0, 0], [f1, 0, 0]]`` with eigenvalues 0 (tangent
to the equilibrium manifold) and ``−f1ψ1 ± sqrt(f1²ψ1² − f1²)``.

Critical values: ``σ_crit² = |f1|/|f2|`` (Section 3.2), ``γ_crit = 2|f1|``;
there the double eigenvalue is defective. All functions are jax-traceable.
"""

from __future__ import annotations

import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.dirac.fields import METHODS
from theory.dirac.objectives import hyper_value


def diagonal(method: str, f1, f2, hyper=None):
    """The diagonal (a, d) of ``J = [[a, −f1], [f1, d]]`` (table above)."""
    if method not in METHODS or method == "energy":
        raise ValueError(f"method={method!r}: use one of {METHODS[:-1]} (energy is 3x3)")
    gamma = hyper_value(hyper, "gamma")
    zero = 0.0 * f1
    d = {
        "instance_noise": 2.0 * f2 * hyper_value(hyper, "sigma") ** 2,
        "gradient_penalty": -gamma,
        "wgan_gp": -gamma,
        "dragan": -gamma,
        "roth": -0.5 * gamma,
        "consensus": -gamma * f1**2,
        "full_rank": 2.0 * f2,
    }
    a = -gamma * f1**2 if method == "consensus" else zero
    return a, zero + d.get(method, zero)


def jacobian_at_equilibrium(method: str, f1, f2, hyper=None, psi1=1.0):
    """``v'`` at the equilibrium ((0, ψ1, 0) for ``"energy"``) in closed form."""
    if method == "energy":
        zero = 0.0 * f1 * psi1
        return jnp.array([[-2.0 * f1 * psi1, zero, -f1], [zero, zero, zero], [f1, zero, zero]])
    a, d = diagonal(method, f1, f2, hyper)
    return jnp.array([[a, -f1], [f1, d]])


def eigenvalues_2x2(a, d, f1):
    """``λ± = (a + d)/2 ± sqrt(((a − d)/2)² − f1²)`` as complex numbers."""
    root = jnp.sqrt(((a - d) / 2.0) ** 2 - f1**2 + 0j)
    mid = (a + d) / 2.0
    return jnp.stack([mid + root, mid - root])


def eigenvalues_at_equilibrium(method: str, f1, f2, hyper=None, psi1=1.0):
    """Eigenvalues of :func:`jacobian_at_equilibrium` (energy: (λ+, λ−, 0))."""
    if method == "energy":
        root = jnp.sqrt(f1**2 * psi1**2 - f1**2 + 0j)
        return jnp.stack([-f1 * psi1 + root, -f1 * psi1 - root, 0j * f1])
    a, d = diagonal(method, f1, f2, hyper)
    return eigenvalues_2x2(a, d, f1)


def unregularised_eigenvalues(f1):
    """Eqs. (54), (79): ``λ± = ±i f1`` (Lemmas 2.2, C.1; also WGAN with f1 = 1, Lemma 3.1)."""
    return jnp.stack([1j * f1, -1j * f1])


def instance_noise_eigenvalues(f1, f2, sigma):
    """Eq. (6): ``λ± = f2σ² ± sqrt(f2²σ⁴ − f1²)`` (Lemma 3.2)."""
    root = jnp.sqrt(f2**2 * sigma**4 - f1**2 + 0j)
    return jnp.stack([f2 * sigma**2 + root, f2 * sigma**2 - root])


def gradient_penalty_eigenvalues(f1, gamma):
    """Eq. (8): ``λ± = −γ/2 ± sqrt(γ²/4 − f1²)`` (Lemma 3.3)."""
    root = jnp.sqrt(gamma**2 / 4.0 - f1**2 + 0j)
    return jnp.stack([-gamma / 2.0 + root, -gamma / 2.0 - root])


def consensus_eigenvalues(f1, gamma):
    """Eq. (102): ``λ± = −γ f1² ± i f1`` (Lemma C.4)."""
    return jnp.stack([-gamma * f1**2 + 1j * f1, -gamma * f1**2 - 1j * f1])


def sigma_crit(f1, f2):
    """Section 3.2: ``σ_crit = sqrt(|f'(0)| / |f''(0)|)`` (√2 for the standard f)."""
    return jnp.sqrt(jnp.abs(f1) / jnp.abs(f2))


def gamma_crit(f1):
    """Lemma 3.3: ``γ_crit = 2 |f'(0)|``."""
    return 2.0 * jnp.abs(f1)
