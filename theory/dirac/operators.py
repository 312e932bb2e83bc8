"""Update-operator Jacobians of SimGD and AltGD and learning-rate thresholds.

Mescheder et al. 2018, Appendix A.2 and Lemmas 2.4, 2.5, A.4, A.5:

* SimGD ``F_h(x) = x + h v(x)``: ``F_h'(x*) = I + h J`` (Lemma A.4), with
  eigenvalues ``1 + hμ`` for the eigenvalues μ of J;
* AltGD ``F_h = F_{2,h}^{n_d} ∘ F_{1,h}^{n_g}`` (the generator moves first):
  ``F_h'(x*) = (I + hV2)^{n_d} (I + hV1)^{n_g}``, where V1 (V2) is J with the
  discriminator (generator) rows set to zero (eqs. (30)–(34));
* on the Dirac-GAN, eq. (61): ``[[1, −n_g h f1], [n_d h f1, 1 − n_g n_d h² f1²]]``
  with eigenvalues eq. (5)/(62) ``λ± = 1 − α²/2 ± sqrt((1 − α²/2)² − 1)``,
  ``α = sqrt(n_g n_d) h f1``;
* Lemma A.4: for Re μ < 0, ``|1 + hμ| < 1 ⇔ h < 2|Re μ|/|μ|²``, printed as
  eq. (26) ``h < 1/|Re μ| · 2/(1 + (Im μ/Re μ)²)`` (the same number).

Every function is jax-traceable (n_g, n_d may be traced integers) and vmappable.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401


def simgd_jacobian(J, h):
    """``F_h'(x*) = I + h J`` (Lemma A.4)."""
    return jnp.eye(J.shape[-1]) + h * J


def _power(M, n):
    """``M^n`` for a (possibly traced) integer n ≥ 0."""
    return lax.fori_loop(0, n, lambda _, P: P @ M, jnp.eye(M.shape[-1], dtype=M.dtype))


@partial(jax.jit, static_argnames="n_gen")
def altgd_jacobian(J, h, n_g=1, n_d=1, n_gen=1):
    """``(I + hV2)^{n_d} (I + hV1)^{n_g}``; the first ``n_gen`` coordinates
    (a static int) are the generator's."""
    gen = (jnp.arange(J.shape[-1]) < n_gen)[:, None]
    F1 = jnp.eye(J.shape[-1]) + h * jnp.where(gen, J, 0.0)
    F2 = jnp.eye(J.shape[-1]) + h * jnp.where(gen, 0.0, J)
    return _power(F2, n_d) @ _power(F1, n_g)


def alpha(f1, h, n_g=1, n_d=1):
    """Lemma 2.5: ``α = sqrt(n_g n_d) h f'(0)`` (negative when f'(0) < 0)."""
    return jnp.sqrt(1.0 * n_g * n_d) * h * f1


def altgd_matrix(f1, h, n_g=1, n_d=1):
    """Eq. (61): the unregularised Dirac-GAN AltGD Jacobian at (0, 0)."""
    return jnp.array([[1.0, -n_g * h * f1], [n_d * h * f1, 1.0 - n_g * n_d * h**2 * f1**2]])


def altgd_eigenvalues(f1, h, n_g=1, n_d=1):
    """Eq. (5): ``λ± = 1 − α²/2 ± sqrt((1 − α²/2)² − 1)`` (complex)."""
    c = 1.0 - alpha(f1, h, n_g, n_d) ** 2 / 2.0
    root = jnp.sqrt(c**2 - 1.0 + 0j)
    return jnp.stack([c + root, c - root])


def simgd_eigenvalues(mu, h):
    """Lemma A.4: ``λ = 1 + hμ``."""
    return 1.0 + h * mu


def critical_simgd_jacobian(f1):
    """``N = I + J/|f1|`` at γ = γ_crit (gradient penalty) or σ = σ_crit (instance noise,
    f''(0) < 0), where ``J = [[0, −f1], [f1, −2|f1|]]``: ``N = [[1, −s], [s, −1]]`` with
    ``s = sign f1``; ``N² = 0`` and ``N ≠ 0``."""
    s = jnp.sign(f1)
    return jnp.array([[1.0, -s], [s, -1.0]])


def simgd_norm_growth(fprime, h):
    """Lemma 2.4: one SimGD step on the unregularised field multiplies
    ``θ² + ψ²`` by ``1 + h² f'(θψ)²`` (``fprime`` = f'(θψ) at the current iterate)."""
    return 1.0 + h**2 * fprime**2


def simgd_threshold(re, im):
    """Lemma A.4, eq. (29): ``2|Re μ|/|μ|²``, the SimGD threshold for an eigenvalue
    ``μ = re + i im`` with Re μ < 0 (generic arithmetic: floats, jax arrays or exact
    ``fractions.Fraction``)."""
    return 2 * abs(re) / (re**2 + im**2)


def h_max(mu):
    """:func:`simgd_threshold` of a complex ``μ`` (jax-traceable)."""
    return simgd_threshold(mu.real, mu.imag)


def h_max_eq26(re, im):
    """Eq. (26) as printed: ``1/|Re μ| · 2/(1 + (Im μ/Re μ)²)`` (generic arithmetic)."""
    return 2 / (abs(re) * (1 + (im / re) ** 2))


def h_max_matrix(eigenvalues):
    """SimGD threshold of a Jacobian: min of :func:`h_max` over its eigenvalues
    (0 if some eigenvalue has Re μ ≥ 0: no h > 0 is stable)."""
    stable = jnp.all(eigenvalues.real < 0.0)
    return jnp.where(stable, jnp.min(h_max(eigenvalues)), 0.0)


def gradient_penalty_h_max(f1, gamma):
    """SimGD threshold :func:`h_max_matrix` of eq. (8) in closed form: ``γ/f1²`` for
    γ < 2|f1| (complex pair), else ``2/(γ/2 + sqrt(γ²/4 − f1²))`` (the larger real root)."""
    disc = jnp.maximum(gamma**2 / 4.0 - f1**2, 0.0)
    return jnp.where(gamma < 2.0 * jnp.abs(f1), gamma / f1**2, 2.0 / (gamma / 2.0 + jnp.sqrt(disc)))


def spectral_radius(M):
    """``max |λ|`` over the eigenvalues of a square matrix (LAPACK)."""
    return jnp.max(jnp.abs(jnp.linalg.eigvals(M)))
