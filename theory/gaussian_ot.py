"""Optimal transport between Gaussians for the cost c(x, y) = η‖x − y‖².

Farnia & Ozdaglar 2020, eq. (9) and Theorem 2; worked out in
``docs/derivations/farnia2020.md``. Conventions (used everywhere in ganeq):

* the source is the data ``N(m1, S1)`` with ``S1 ≻ 0``; the target is the
  generator ``N(m2, S2)`` with ``S2 ⪰ 0`` (singular allowed: ``k < d`` or a
  rank-deficient ``W``). Transport runs from P_X to P_G;
* a quadratic discriminator is ``D(x) = xᵀAx + bᵀx + c`` (:class:`Quadratic`,
  ``A`` symmetrised on use) and ``V(G, D) = E D(X) − E D^c(G(Z))`` with the
  c-transform ``D^c(y) = sup_x D(x) − η‖x − y‖²`` (paper eq. 9);
* the Brenier map ``T(x) = Bx + s`` with
  ``B = S1^{-1/2}(S1^{1/2} S2 S1^{1/2})^{1/2} S1^{-1/2}`` (symmetric ⪰ 0,
  ``B S1 B = S2``) and ``s = m2 − B m1`` is the same for every η (scaling the
  cost does not change the plan); ``T = ∇φ`` with ``φ(x) = ½xᵀBx + sᵀx``;
* ``W2²`` is the Bures–Wasserstein distance squared (cost ‖x − y‖²; POT's
  ``bures_wasserstein_distance`` returns its square root) and the η-cost is
  ``W_η = η W2²``;
* the W2GAN-optimal discriminator is ``D^θ = η‖x‖² − 2ηφ`` (``A = η(I − B)``,
  ``b = −2ηs``, ``c = 0``), its c-transform ``2ηφ* − η‖y‖²``; its gradient is
  ``∇D^θ(x) = 2η(x − T(x))`` and ``V(G, D^θ) = W_η = ‖D^θ‖²_{Ḣ¹}/(4η)``.

Singular ``S2`` is handled exactly: ``B`` is then singular, ``φ*`` and
``D^{θ,c}`` are +∞ off the generator's affine support ``m2 + range(S2)`` and
finite (pseudo-inverse on the range) on it. POT raises and ott-jax returns NaN
there. Every function accepts concrete arrays (validated: ``ValueError`` naming
the argument and its admissible set) or JAX tracers (not validated, so the
functions can be jitted and vmapped).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.small_eigh import eigh

RANGE_RTOL = 1e-10
"""A vector is in range(M) when its component on eigenvectors with eigenvalue
below ``RANGE_RTOL · λ_max(M)`` is below ``RANGE_RTOL · (1 + ‖v‖)``."""


ROUNDING_RTOL = 64 * float(np.finfo(np.float64).eps)
"""Relative size below which an eigenvalue of a computed PSD product is
indistinguishable from 0 (a few dozen roundings of entries of size λ_max)."""


class Quadratic(NamedTuple):
    """``D(x) = xᵀAx + bᵀx + c`` (a JAX pytree; ``A`` symmetrised on use)."""

    A: jax.Array
    b: jax.Array
    c: jax.Array | float = 0.0


def _concrete(x) -> bool:
    return not isinstance(x, jax.core.Tracer)


def check_positive(name: str, value) -> None:
    """``ValueError`` unless ``value`` is a finite number > 0 (tracers pass)."""
    if _concrete(value):
        v = float(value)
        if not np.isfinite(v) or v <= 0:
            raise ValueError(f"{name}={value!r} is outside the admissible range: "
                             "a finite number in (0, inf)")


def check_covariance(name: str, S, d: int | None = None, definite: bool = True) -> None:
    """``ValueError`` unless ``S`` is a finite symmetric ``d × d`` matrix that is
    positive definite (``definite``) or semi-definite (tracers pass)."""
    if not _concrete(S):
        return
    S = np.asarray(S, dtype=float)
    what = "symmetric positive " + ("definite" if definite else "semi-definite")
    if S.ndim != 2 or S.shape[0] != S.shape[1] or (d is not None and S.shape[0] != d):
        n = d or "d"
        raise ValueError(f"{name} has shape {S.shape}: expected a square {n} x {n} {what} matrix")
    if not np.all(np.isfinite(S)):
        raise ValueError(f"{name}={S.tolist()} has non-finite entries: expected a {what} matrix")
    scale = max(1.0, float(np.max(np.abs(S))))
    if np.max(np.abs(S - S.T)) > 1e-10 * scale:
        raise ValueError(f"{name}={S.tolist()} is not symmetric: expected a {what} matrix")
    low = float(np.linalg.eigvalsh(S)[0])
    if (definite and low <= 1e-12 * scale) or (not definite and low < -1e-10 * scale):
        raise ValueError(f"{name}={S.tolist()} has smallest eigenvalue {low:.3g}: "
                         f"expected a {what} matrix")


def check_vector(name: str, v, d: int) -> None:
    """``ValueError`` unless ``v`` is a finite vector of length ``d`` (tracers pass)."""
    if _concrete(v):
        v = np.asarray(v, dtype=float)
        if v.shape != (d,) or not np.all(np.isfinite(v)):
            raise ValueError(f"{name}={v.tolist()} is not a finite vector of length {d}")


def _check_gaussians(m1, S1, m2, S2) -> None:
    d = np.shape(S1)[0]
    check_covariance("S1", S1)
    check_covariance("S2", S2, d=d, definite=False)
    check_vector("m1", m1, d)
    check_vector("m2", m2, d)


def sym(A: jax.Array) -> jax.Array:
    """``(A + Aᵀ)/2``."""
    return 0.5 * (A + A.T)


def sqrtm_psd(S: jax.Array) -> jax.Array:
    """Symmetric PSD square root by ``eigh``. Eigenvalues at or below
    ``ROUNDING_RTOL · λ_max`` are rounding noise of a singular matrix and are set
    to 0 (else their square roots, ~1e-8, would fake a full rank)."""
    w, V = eigh(sym(S))
    w = jnp.where(w <= ROUNDING_RTOL * jnp.max(jnp.abs(w)), 0.0, w)
    return (V * jnp.sqrt(w)) @ V.T


def inv_sqrtm(S: jax.Array) -> jax.Array:
    """``S^{-1/2}`` of a symmetric positive definite ``S``."""
    w, V = eigh(sym(S))
    return (V / jnp.sqrt(w)) @ V.T


def brenier_map(m1, S1, m2, S2) -> tuple[jax.Array, jax.Array]:
    """``(B, s)`` of the Brenier map ``T(x) = Bx + s`` from ``N(m1, S1)`` to
    ``N(m2, S2)`` (farnia2020.md); ``B`` symmetric ⪰ 0 with ``B S1 B = S2``."""
    _check_gaussians(m1, S1, m2, S2)
    R = inv_sqrtm(S1)
    H = sqrtm_psd(S1)
    B = sym(R @ sqrtm_psd(H @ S2 @ H) @ R)
    return B, m2 - B @ m1


def transport(x, B, s) -> jax.Array:
    """``T(x) = Bx + s`` for one point or a batch of rows."""
    return x @ B.T + s


def w2_squared(m1, S1, m2, S2) -> jax.Array:
    """Bures–Wasserstein ``W2² = ‖m1 − m2‖² + tr S1 + tr S2 − 2 tr(S1^{1/2} S2 S1^{1/2})^{1/2}``."""
    _check_gaussians(m1, S1, m2, S2)
    return _w2_squared(*(jnp.asarray(x, jnp.float64) for x in (m1, S1, m2, S2)))


@jax.jit
def _w2_squared(m1, S1, m2, S2) -> jax.Array:
    """:func:`w2_squared` without the input checks, one compiled kernel per dimension."""
    H = sqrtm_psd(S1)
    cross = jnp.trace(sqrtm_psd(H @ S2 @ H))
    return jnp.sum((m1 - m2) ** 2) + jnp.trace(S1) + jnp.trace(S2) - 2.0 * cross


def ot_cost(eta, m1, S1, m2, S2) -> jax.Array:
    """``W_η = min_π E η‖X − Y‖² = η W2²`` (the W2GAN value at the optimum)."""
    check_positive("eta", eta)
    return eta * w2_squared(m1, S1, m2, S2)


def brenier_potential(x, B, s) -> jax.Array:
    """``φ(x) = ½xᵀBx + sᵀx`` (convex, ``∇φ = T``); rows of ``x`` are points."""
    return 0.5 * jnp.sum((x @ B) * x, axis=-1) + x @ s


def _range_quadratic(M, v) -> jax.Array:
    """``vᵀM⁺v`` if ``v ∈ range(M)`` (M ⪰ 0), else +∞; rows of ``v`` are vectors."""
    w, V = eigh(sym(M))
    null = w <= RANGE_RTOL * jnp.max(jnp.abs(w))
    coords = v @ V
    inv = jnp.where(null, 0.0, 1.0 / jnp.where(null, 1.0, w))
    value = jnp.sum(coords**2 * inv, axis=-1)
    leak = jnp.sqrt(jnp.sum(jnp.where(null, coords, 0.0) ** 2, axis=-1))
    bound = RANGE_RTOL * (1.0 + jnp.sqrt(jnp.sum(v**2, axis=-1)))
    return jnp.where(leak > bound, jnp.inf, value)


def brenier_conjugate(y, B, s) -> jax.Array:
    """``φ*(y) = ½(y − s)ᵀB⁻¹(y − s)``; for singular ``B``, +∞ off ``s + range(B)``
    and the pseudo-inverse form on it (the exact Legendre conjugate)."""
    return 0.5 * _range_quadratic(B, y - s)


def optimal_discriminator(eta, m1, S1, m2, S2) -> Quadratic:
    """W2GAN-optimal discriminator ``D^θ = η‖x‖² − 2ηφ``: ``A = η(I − B)``,
    ``b = −2ηs``, ``c = 0`` (farnia2020.md; Theorem 2's D^θ, eq. 17)."""
    check_positive("eta", eta)
    B, s = brenier_map(m1, S1, m2, S2)
    return Quadratic(eta * (jnp.eye(B.shape[0]) - B), -2.0 * eta * s, jnp.zeros(()))


def evaluate(D: Quadratic, x) -> jax.Array:
    """``D(x) = xᵀAx + bᵀx + c`` for rows of ``x``."""
    return jnp.sum((x @ sym(D.A)) * x, axis=-1) + x @ D.b + D.c


def gradient(D: Quadratic, x) -> jax.Array:
    """``∇D(x) = 2 sym(A) x + b`` for rows of ``x``."""
    return 2.0 * x @ sym(D.A) + D.b


def c_transform_margin(D: Quadratic, eta) -> jax.Array:
    """``λ_min(ηI − sym(A))``: the c-transform is finite everywhere iff it is > 0."""
    return jnp.linalg.eigvalsh(eta * jnp.eye(D.A.shape[0]) - sym(D.A))[0]


def c_transform(D: Quadratic, eta) -> Quadratic:
    """c-transform of a quadratic ``D`` with ``M = ηI − A ≻ 0`` (farnia2020.md):
    ``A_c = η²M⁻¹ − ηI``, ``b_c = ηM⁻¹b``, ``c_c = ¼bᵀM⁻¹b + c``; the maximiser
    is ``x*(y) = ½M⁻¹(b + 2ηy)``. ``ValueError`` outside the domain ``M ≻ 0``
    (use :func:`c_transform_value` on the boundary ``M ⪰ 0``)."""
    check_positive("eta", eta)
    if _concrete(D.A) and float(c_transform_margin(D, eta)) <= 0:
        raise ValueError(f"A={np.asarray(D.A).tolist()} gives eta*I - A not positive definite "
                         f"(eta={eta}): the c-transform is +inf somewhere; domain is eta*I - A > 0")
    d = D.A.shape[0]
    Minv = jnp.linalg.inv(eta * jnp.eye(d) - sym(D.A))
    return Quadratic(eta**2 * Minv - eta * jnp.eye(d), eta * Minv @ D.b,
                     0.25 * D.b @ Minv @ D.b + D.c)


def c_transform_value(D: Quadratic, eta, y) -> jax.Array:
    """``D^c(y)`` pointwise for ``M = ηI − A ⪰ 0`` (possibly singular):
    ``¼vᵀM⁺v + c − η‖y‖²`` with ``v = b + 2ηy`` when ``v ∈ range(M)``, else +∞
    (and +∞ everywhere if ``M`` has a negative eigenvalue)."""
    check_positive("eta", eta)
    M = eta * jnp.eye(D.A.shape[0]) - sym(D.A)
    v = D.b + 2.0 * eta * y
    value = 0.25 * _range_quadratic(M, v) + D.c - eta * jnp.sum(y**2, axis=-1)
    return jnp.where(jnp.linalg.eigvalsh(M)[0] < -RANGE_RTOL * jnp.max(jnp.abs(M)), jnp.inf, value)


def optimal_discriminator_conjugate(eta, m1, S1, m2, S2, y) -> jax.Array:
    """``D^{θ,c}(y) = 2ηφ*(y) − η‖y‖²`` (+∞ off the generator's support)."""
    B, s = brenier_map(m1, S1, m2, S2)
    return 2.0 * eta * brenier_conjugate(y, B, s) - eta * jnp.sum(y**2, axis=-1)


def kantorovich_potentials(eta, m1, S1, m2, S2) -> tuple[Quadratic, Quadratic]:
    """``(D^θ, D^{θ,c})`` as quadratics (``S2 ≻ 0``): ``D(x) − D^c(y) ≤ η‖x − y‖²``
    with equality on ``y = T(x)`` (Fenchel–Young), and
    ``E D(X) − E D^c(Y) = W_η``."""
    check_covariance("S2", S2)
    D = optimal_discriminator(eta, m1, S1, m2, S2)
    return D, c_transform(D, eta)
