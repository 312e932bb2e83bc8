"""Batched Dirac-GAN spectra and verdicts (jit + vmap) against a numpy loop.

10⁵ random instances (f'(0) ∈ [0.1, 3], f''(0) ∈ [−3, −0.1], σ or γ ∈ (0, 5],
h ∈ (0, 2]): the eigenvalues of v'(0) and of the SimGD update Jacobian, and
the verdicts "flow stable" (max Re λ < 0) and "SimGD contracting" (ρ < 1),
by :func:`verifiers.dirac.spectra.batched_spectra` /
``batched_operator_spectra`` against ``np.linalg.eigvals`` per instance on the
same matrices. Compilation is timed separately (first call).
"""

import time

import jax
import numpy as np

from theory import _config  # noqa: F401
from verifiers.dirac import spectra

N = 100_000


def _instances(seed: int = 0):
    rng = np.random.default_rng(seed)
    return (rng.uniform(0.1, 3.0, N), rng.uniform(-3.0, -0.1, N), rng.uniform(0.01, 5.0, N),
            rng.uniform(0.01, 2.0, N))


def _batched(method, key, f1, f2, reg, h):
    eig, max_re = spectra.batched_spectra(method, f1, f2, {key: reg})
    op_eig, rho = spectra.batched_operator_spectra(method, f1, f2, {key: reg}, h=h)
    return jax.block_until_ready((eig, max_re < 0, op_eig, rho < 1))


def _reference(J, h):
    stable, contracting = np.empty(len(J), bool), np.empty(len(J), bool)
    for i, M in enumerate(J):
        stable[i] = np.linalg.eigvals(M).real.max() < 0
        contracting[i] = np.abs(np.linalg.eigvals(np.eye(2) + h[i] * M)).max() < 1
    return stable, contracting


def main() -> None:
    f1, f2, reg, h = _instances()
    for method, key in (("instance_noise", "sigma"), ("gradient_penalty", "gamma")):
        t0 = time.perf_counter()
        _batched(method, key, f1, f2, reg, h)
        compile_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        _, stable, _, contracting = _batched(method, key, f1, f2, reg, h)
        jax_s = time.perf_counter() - t0
        J = np.asarray(spectra.jacobians_batch(method, f1, f2, {key: reg}))
        t0 = time.perf_counter()
        ref_stable, ref_contracting = _reference(J, h)
        numpy_s = time.perf_counter() - t0
        agree = np.mean((np.asarray(stable) == ref_stable)
                        & (np.asarray(contracting) == ref_contracting))
        print(f"{method:17s} N={N}: jit+vmap {jax_s * 1e3:8.1f} ms (first call incl. compile "
              f"{compile_s:.2f} s), numpy loop {numpy_s:7.2f} s, ratio {numpy_s / jax_s:7.0f}x, "
              f"verdicts agree on {agree:.5%}")


if __name__ == "__main__":
    main()
