"""Batched spectra and stability margins of Dirac-GAN instances (jit + vmap).

An *instance* is (method, f'(0) = f1, f''(0) = f2, hyperparameters, and for
update operators a learning rate h and n_g, n_d). The Jacobian at the
equilibrium is the closed form of :mod:`theory.dirac.equilibrium`
(``[[a, −f1], [f1, d]]``); its eigenvalues are computed from trace and
determinant, ``λ = τ/2 ± sqrt(τ²/4 − δ)``, for the whole batch in one jitted,
vmapped kernel (no Python loop over instances). The update operators are
SimGD ``I + hJ`` and AltGD ``(I + hV2)^{n_d}(I + hV1)^{n_g}``
(:mod:`theory.dirac.operators`).

Verdict margins: a Jacobian is stable iff ``max Re λ < 0`` (margin
``−max Re λ``); an update operator is contracting iff ``ρ < 1`` (margin
``1 − ρ``). At a defective double root (σ = σ_crit, γ = γ_crit, |α| = 2) the
eigenvalues are exact here (from τ, δ), unlike LAPACK's (error ~ sqrt(ε)).

:func:`reference_spectra_loop` is the plain numpy reference (one
``np.linalg.eigvals`` per instance) for tests and benchmarks.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators


def _broadcast(f1, f2, hyper_arrays):
    hyper = {k: jnp.asarray(v, dtype=jnp.float64) for k, v in (hyper_arrays or {}).items()}
    arrays = [
        jnp.asarray(f1, dtype=jnp.float64),
        jnp.asarray(f2, dtype=jnp.float64),
        *hyper.values(),
    ]
    shape = jnp.broadcast_shapes(*(a.shape for a in arrays))
    if len(shape) != 1:
        raise ValueError(
            f"f1, f2 and hyper_arrays must broadcast to one dimension (N,), got {shape}"
        )
    out = [jnp.broadcast_to(a, shape) for a in arrays]
    return out[0], out[1], dict(zip(hyper, out[2:], strict=True))


def _eig2(M):
    """Eigenvalues of a 2×2 real matrix from its trace and determinant."""
    tau, delta = M[0, 0] + M[1, 1], M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0]
    root = jnp.sqrt(tau**2 / 4.0 - delta + 0j)
    return jnp.stack([tau / 2.0 + root, tau / 2.0 - root])


@partial(jax.jit, static_argnums=0)
def _jacobians(method, f1, f2, hyper):
    return jax.vmap(lambda a, b, h: equilibrium.jacobian_at_equilibrium(method, a, b, h))(
        f1, f2, hyper
    )


def jacobians_batch(method: str, f1, f2, hyper_arrays=None) -> jnp.ndarray:
    """The (N, 2, 2) Jacobians at the equilibrium for N instances.

    ``f1``, ``f2`` and every value of ``hyper_arrays`` (keys as in
    ``theory.dirac.fields.HYPER``: gamma, g0, k, sigma) are scalars or
    arrays of shape (N,), broadcast together. ``method`` is any of
    ``theory.dirac.fields.METHODS`` except ``"energy"`` (3×3).
    """
    if method == "energy":
        raise ValueError("method='energy' is 3x3; batched spectra cover the 2x2 methods")
    return _jacobians(method, *_broadcast(f1, f2, hyper_arrays))


@jax.jit
def _field_spectra(J):
    eig = jax.vmap(_eig2)(J)
    return eig, jnp.max(eig.real, axis=1)


def batched_spectra(method: str, f1, f2, hyper_arrays=None) -> tuple[jnp.ndarray, jnp.ndarray]:
    """Eigenvalues of ``v'(0)`` for N instances and their largest real parts.

    Returns ``(eigenvalues, max_real_part)``: a complex128 array (N, 2)
    (``[λ+, λ−]`` per row) and a float64 array (N,). The flow is locally
    stable iff ``max_real_part < 0``. Arguments as in :func:`jacobians_batch`,
    e.g. ``batched_spectra("instance_noise", 0.5, -0.25, {"sigma": sigmas})``.
    """
    return _field_spectra(jacobians_batch(method, f1, f2, hyper_arrays))


@partial(jax.jit, static_argnums=0)
def _operator_spectra(scheme, J, h, n_g, n_d):
    if scheme == "simgd":
        M = jax.vmap(operators.simgd_jacobian)(J, h)
    else:
        M = jax.vmap(operators.altgd_jacobian)(J, h, n_g, n_d)
    eig = jax.vmap(_eig2)(M)
    return eig, jnp.max(jnp.abs(eig), axis=1)


def batched_operator_spectra(
    method: str, f1, f2, hyper_arrays=None, *, h, scheme="simgd", n_g=1, n_d=1
) -> tuple[jnp.ndarray, jnp.ndarray]:
    """Eigenvalues of the SimGD / AltGD update Jacobian at the equilibrium.

    Returns ``(eigenvalues (N, 2) complex128, spectral_radius (N,))``; the
    iteration is locally contracting iff ``spectral_radius < 1``. ``h``,
    ``n_g``, ``n_d`` are scalars or (N,) arrays (integers for n_g, n_d);
    ``scheme`` is ``"simgd"`` or ``"altgd"`` (n_g generator steps, then n_d
    discriminator steps, eq. (61)).
    """
    if scheme not in ("simgd", "altgd"):
        raise ValueError(f"scheme={scheme!r} must be 'simgd' or 'altgd'")
    J = jacobians_batch(method, f1, f2, hyper_arrays)
    n = J.shape[0]
    h = jnp.broadcast_to(jnp.asarray(h, dtype=jnp.float64), (n,))
    n_g = jnp.broadcast_to(jnp.asarray(n_g, dtype=jnp.int32), (n,))
    n_d = jnp.broadcast_to(jnp.asarray(n_d, dtype=jnp.int32), (n,))
    return _operator_spectra(scheme, J, h, n_g, n_d)


def reference_spectra_loop(jacobians) -> tuple[np.ndarray, np.ndarray]:
    """numpy reference: ``np.linalg.eigvals`` on each matrix in a Python loop.
    Returns ``(eigenvalues (N, 2), max_real_part (N,))``, rows sorted like
    :func:`batched_spectra` (larger real part, then larger imaginary part first)."""
    mats = np.asarray(jacobians)
    eig = np.empty((mats.shape[0], 2), dtype=complex)
    for i, M in enumerate(mats):
        lam = np.linalg.eigvals(M)
        eig[i] = sorted(lam, key=lambda z: (-z.real, -z.imag))
    return eig, eig.real.max(axis=1)
