"""Helpers shared by the Dirac-GAN claims: the independent (autodiff) route to
the Jacobian of a field at a point, the comparison of a closed-form spectrum with
it (:func:`equilibrium_spectrum`, :func:`charpoly_discrepancy`) and small witness
helpers. The verified routes with a-priori error bounds that the claims decide on
are in :mod:`verifiers.dirac.routes`."""

from __future__ import annotations

from functools import cache

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives
from theory.dirac.fields import make_field, state_size
from verifiers import tolerances
from verifiers.dirac.fparams import family_f


@cache
def _jitted_jacobian(method: str, family: str):
    def jac(x, hyper, a, f1, f2):
        field = make_field(method, family_f(family, a, f1, f2))
        return jax.jacfwd(field)(x, hyper)

    return jax.jit(jac)


def autodiff_jacobian(method: str, f, hyper=None, x=None) -> np.ndarray:
    """``jax.jacfwd`` of the field at ``x`` (default: the origin); instance
    noise through Gauss–Hermite quadrature. ``f`` is a dict of the claim's f
    parameters (``f, a, f1, f2``) or a named f: one jitted kernel per
    (method, family), the family's parameters traced (no recompilation per
    value); a callable f is differentiated eagerly."""
    x = jnp.zeros(state_size(method)) if x is None else jnp.asarray(x, dtype=jnp.float64)
    hyper = {k: jnp.float64(v) for k, v in (hyper or {}).items()}
    if callable(f):
        return np.asarray(jax.jacfwd(make_field(method, f))(x, hyper))
    fp = {"f": f} if isinstance(f, str) else f
    args = (fp.get("a", 1.0), fp.get("f1", 0.5), fp.get("f2", -0.25))
    return np.asarray(_jitted_jacobian(method, fp["f"])(x, hyper, *map(jnp.float64, args)))


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


def equilibrium_spectrum(method: str, f, hyper=None, psi1: float = 1.0) -> dict:
    """Closed form against autodiff at the equilibrium for ANY smooth f (a name
    or a jax-traceable callable): f'(0), f''(0) by :func:`f_derivatives`, the
    closed-form Jacobian and eigenvalues of :mod:`theory.dirac.equilibrium`,
    ``jax.jacfwd`` of the field, and their relative disagreement.

    >>> out = equilibrium_spectrum("gradient_penalty", lambda t: jnp.tanh(t) - t**2, {"gamma": 1.0})
    >>> round(out["discrepancy"], 12), out["f1"], out["f2"]
    (0.0, 1.0, -2.0)
    """
    _, f1, f2 = f_derivatives(f)
    x = jnp.array([0.0, psi1, 0.0]) if method == "energy" else None
    J = autodiff_jacobian(method, f if callable(f) else {"f": f}, hyper, x)
    closed_J = np.asarray(equilibrium.jacobian_at_equilibrium(method, f1, f2, hyper, psi1=psi1))
    lam = np.asarray(equilibrium.eigenvalues_at_equilibrium(method, f1, f2, hyper, psi1=psi1))
    disc = relative_error(J, closed_J)
    if method != "energy":
        disc = max(disc, charpoly_discrepancy(lam, J))
    return {
        "f1": f1,
        "f2": f2,
        "jacobian_autodiff": J,
        "jacobian_closed_form": closed_J,
        "eigenvalues": lam,
        "max_real_part": float(np.max(lam.real)),
        "discrepancy": disc,
    }
