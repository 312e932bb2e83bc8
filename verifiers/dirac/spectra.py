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


def _host_arrays(f1, f2, hyper_arrays):
    """The batch length N and float64 numpy arrays of the arguments (no JAX dispatch)."""
    hyper = {k: np.asarray(v, dtype=np.float64) for k, v in (hyper_arrays or {}).items()}
    f1, f2 = np.asarray(f1, dtype=np.float64), np.asarray(f2, dtype=np.float64)
    shape = np.broadcast_shapes(f1.shape, f2.shape, *(a.shape for a in hyper.values()))
    if len(shape) != 1:
        raise ValueError(
            f"f1, f2 and hyper_arrays must broadcast to one dimension (N,), got {shape}"
        )
    return shape[0], f1, f2, hyper


def _eig2(M):
    """Eigenvalues of a 2×2 real matrix from its trace and determinant."""
    tau, _, disc = _trace_det(M)
    root = jnp.sqrt(disc + 0j)
    return jnp.stack([tau / 2.0 + root, tau / 2.0 - root])


def _jacobians_traced(method, n, f1, f2, hyper):
    """Inside a trace: broadcast to (n,) and build the (n, 2, 2) Jacobians."""
    f1, f2 = jnp.broadcast_to(f1, (n,)), jnp.broadcast_to(f2, (n,))
    hyper = {k: jnp.broadcast_to(v, (n,)) for k, v in hyper.items()}
    return jax.vmap(lambda a, b, h: equilibrium.jacobian_at_equilibrium(method, a, b, h))(
        f1, f2, hyper
    )


def _operator_traced(scheme, J, h, n_g, n_d):
    """Inside a trace: the (n, 2, 2) update-operator Jacobians of ``scheme``."""
    n = J.shape[0]
    h = jnp.broadcast_to(h, (n,))
    if scheme == "simgd":
        return jax.vmap(operators.simgd_jacobian)(J, h)
    n_g, n_d = jnp.broadcast_to(n_g, (n,)), jnp.broadcast_to(n_d, (n,))
    return jax.vmap(operators.altgd_jacobian)(J, h, n_g, n_d)


@partial(jax.jit, static_argnums=(0, 1))
def _jacobians(method, n, f1, f2, hyper):
    return _jacobians_traced(method, n, f1, f2, hyper)


def _check_method(method: str) -> None:
    if method == "energy":
        raise ValueError("method='energy' is 3x3; batched spectra cover the 2x2 methods")


def _check_scheme(scheme: str) -> None:
    if scheme not in ("simgd", "altgd"):
        raise ValueError(f"scheme={scheme!r} must be 'simgd' or 'altgd'")


def _counts(h, n_g, n_d):
    return (np.asarray(h, dtype=np.float64), np.asarray(n_g, dtype=np.int32),
            np.asarray(n_d, dtype=np.int32))


def jacobians_batch(method: str, f1, f2, hyper_arrays=None) -> jnp.ndarray:
    """The (N, 2, 2) Jacobians at the equilibrium for N instances.

    ``f1``, ``f2`` and every value of ``hyper_arrays`` (keys as in
    ``theory.dirac.fields.HYPER``: gamma, g0, k, sigma) are scalars or
    arrays of shape (N,), broadcast together. ``method`` is any of
    ``theory.dirac.fields.METHODS`` except ``"energy"`` (3×3).
    """
    _check_method(method)
    return _jacobians(method, *_host_arrays(f1, f2, hyper_arrays))


@partial(jax.jit, static_argnums=(0, 1))
def _field_spectra(method, n, f1, f2, hyper):
    eig = jax.vmap(_eig2)(_jacobians_traced(method, n, f1, f2, hyper))
    return eig, jnp.max(eig.real, axis=1)


def batched_spectra(method: str, f1, f2, hyper_arrays=None) -> tuple[jnp.ndarray, jnp.ndarray]:
    """Eigenvalues of ``v'(0)`` for N instances and their largest real parts.

    Returns ``(eigenvalues, max_real_part)``: a complex128 array (N, 2)
    (``[λ+, λ−]`` per row) and a float64 array (N,). The flow is locally
    stable iff ``max_real_part < 0``. Arguments as in :func:`jacobians_batch`,
    e.g. ``batched_spectra("instance_noise", 0.5, -0.25, {"sigma": sigmas})``.
    One compiled kernel per (method, N): the Jacobians are built inside it.
    """
    _check_method(method)
    return _field_spectra(method, *_host_arrays(f1, f2, hyper_arrays))


@partial(jax.jit, static_argnums=(0, 1, 2))
def _operator_spectra(scheme, method, n, f1, f2, hyper, h, n_g, n_d):
    M = _operator_traced(scheme, _jacobians_traced(method, n, f1, f2, hyper), h, n_g, n_d)
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
    _check_method(method)
    _check_scheme(scheme)
    host = _host_arrays(f1, f2, hyper_arrays)
    return _operator_spectra(scheme, method, *host, *_counts(h, n_g, n_d))


def _max_real_part(tau, disc):
    """``max Re λ`` of a real 2×2 matrix from ``τ`` and ``τ²/4 − δ``: ``τ/2 + sqrt(disc)``
    for real eigenvalues, ``τ/2`` for a complex pair (real arithmetic only)."""
    return tau / 2.0 + jnp.sqrt(jnp.maximum(disc, 0.0))


def _spectral_radius(tau, delta, disc):
    """``ρ`` of a real 2×2 matrix: ``|τ|/2 + sqrt(disc)`` for real eigenvalues,
    ``sqrt(δ) = |λ±|`` for a complex pair (``|λ|² = λ λ̄ = δ``)."""
    real = jnp.abs(tau) / 2.0 + jnp.sqrt(jnp.maximum(disc, 0.0))
    return jnp.where(disc >= 0.0, real, jnp.sqrt(jnp.maximum(delta, 0.0)))


def _trace_det(M):
    """Trace τ, determinant δ and ``τ²/4 − δ`` of 2×2 matrices (the last two axes of ``M``)."""
    tau = M[..., 0, 0] + M[..., 1, 1]
    delta = M[..., 0, 0] * M[..., 1, 1] - M[..., 0, 1] * M[..., 1, 0]
    return tau, delta, tau**2 / 4.0 - delta


@partial(jax.jit, static_argnums=(0, 1, 2))
def _stability(scheme, method, n, f1, f2, hyper, h, n_g, n_d):
    J = _jacobians_traced(method, n, f1, f2, hyper)
    tau, _, disc = _trace_det(J)
    op_tau, op_delta, op_disc = _trace_det(_operator_traced(scheme, J, h, n_g, n_d))
    return _max_real_part(tau, disc), _spectral_radius(op_tau, op_delta, op_disc)


def batched_stability(
    method: str, f1, f2, hyper_arrays=None, *, h, scheme="simgd", n_g=1, n_d=1
) -> tuple[jnp.ndarray, jnp.ndarray]:
    """Both stability margins of N instances from one Jacobian per instance, in one kernel.

    Returns ``(max Re λ(v'(0)), ρ(F_h'(0)))``, each float64 (N,): the flow is locally
    stable iff the first is < 0 (Mescheder et al. 2018, Theorem A.3), the iteration
    contracting iff the second is < 1 (Lemma A.4 for SimGD, eq. (61) for AltGD). The
    same numbers as :func:`batched_spectra` and :func:`batched_operator_spectra` (to
    rounding), from trace τ and determinant δ in real arithmetic; arguments as there.
    """
    _check_method(method)
    _check_scheme(scheme)
    host = _host_arrays(f1, f2, hyper_arrays)
    return _stability(scheme, method, *host, *_counts(h, n_g, n_d))


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
