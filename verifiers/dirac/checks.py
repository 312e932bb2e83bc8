"""Helpers shared by the Dirac-GAN claims: the independent (autodiff) route
and the rule that turns "closed form = independent route" into a margin.

Convention for claims that assert a closed form *and* a property: the margin
is the property's margin (e.g. ``−max Re λ``) when the closed form agrees
with the independent route to within ``tolerances.DIRAC_AGREE`` (relative);
otherwise it is minus the disagreement, so a wrong closed form is refuted.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac.fields import make_field, state_size
from verifiers import tolerances


def autodiff_jacobian(method: str, f, hyper=None, x=None) -> np.ndarray:
    """``jax.jacfwd`` of the field at ``x`` (default: the origin), eagerly
    (no recompilation per f); instance noise through Gauss–Hermite quadrature."""
    x = jnp.zeros(state_size(method)) if x is None else jnp.asarray(x, dtype=jnp.float64)
    return np.asarray(jax.jacfwd(make_field(method, f))(x, dict(hyper or {})))


def relative_error(a, b) -> float:
    """``max |a − b| / (1 + max |b|)``."""
    a, b = np.asarray(a), np.asarray(b)
    return float(np.max(np.abs(a - b)) / (1.0 + np.max(np.abs(b))))


def charpoly_discrepancy(eigenvalues, M) -> float:
    """How far the claimed eigenvalues are from being the roots of det(λI − M),
    compared through the coefficients (well conditioned at double roots):
    2×2: ``|λ1 + λ2 − tr M| + |λ1 λ2 − det M|`` over ``1 + ‖M‖²``."""
    lam = np.asarray(eigenvalues, dtype=complex)
    M = np.asarray(M, dtype=float)
    scale = 1.0 + float(np.max(np.abs(M))) ** 2
    return float((abs(lam.sum() - np.trace(M)) + abs(lam.prod() - np.linalg.det(M))) / scale)


def agreeing(prop_margin: float, discrepancy: float) -> float:
    """The property margin if ``discrepancy ≤ DIRAC_AGREE``, else ``−discrepancy``."""
    return float(prop_margin) if discrepancy <= tolerances.DIRAC_AGREE else -float(discrepancy)


def matrix_witness(M) -> list:
    """A small matrix as nested lists for a witness."""
    return np.asarray(M, dtype=float).tolist()


def eigen_tolerance(eigenvalues, M) -> float:
    """Error bound of closed-form eigenvalues ``mid ± sqrt(disc)`` of a 2×2
    matrix of size ``s = 1 + ‖M‖``: ``spectral(s)`` plus the propagation of an
    ``eps·s²`` error in disc through the square root, ``eps·s²/max(|root|, sqrt(eps)·s)``
    (≈ sqrt(eps)·s = DEFECTIVE-size at a double root, ~eps·s away from it)."""
    lam = np.asarray(eigenvalues, dtype=complex)
    s = 1.0 + float(np.max(np.abs(np.asarray(M))))
    root = abs(lam[0] - lam[1]) / 2.0
    eps = tolerances.EPS
    return tolerances.spectral(s) + 4 * eps * s**2 / max(root, np.sqrt(eps) * s)
