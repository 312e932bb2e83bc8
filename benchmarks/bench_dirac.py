"""Dirac-GAN spectra and verdicts (Mescheder et al. 2018, eqs. (6), (8)): ganeq's batched
checker against the same closed form in vectorised numpy.

Instances: f'(0) ∈ [0.1, 3], f''(0) ∈ [−3, −0.1], σ or γ ∈ (0, 5], h ∈ (0, 2]. ganeq
(:func:`verifiers.dirac.spectra.batched_stability`, one kernel) builds the Jacobians
``J = [[a, −f1], [f1, d]]`` and, from their trace and determinant in real arithmetic,
``max Re λ`` and the spectral radius of ``I + hJ``. The reference does exactly that in numpy
on whole arrays (no per-instance loop). The floor is the batched Jacobian alone (what every
verdict is a function of).
"""

from __future__ import annotations

import numpy as np

from benchmarks._harness import Row, best_times, first_call, nbytes, same
from theory import _config  # noqa: F401
from verifiers.dirac import spectra

METHODS = (("instance_noise", "sigma"), ("gradient_penalty", "gamma"))


def instances(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return (rng.uniform(0.1, 3.0, n), rng.uniform(-3.0, -0.1, n), rng.uniform(0.01, 5.0, n),
            rng.uniform(0.01, 2.0, n))


def ganeq(method, key, f1, f2, reg, h):
    return spectra.batched_stability(method, f1, f2, {key: reg}, h=h)


def _margins(a, b, c, d):
    """``(max Re λ, ρ)`` of ``[[a, b], [c, d]]`` (arrays) from trace τ and determinant δ,
    in real arithmetic as ganeq does: real eigenvalues ``τ/2 ± sqrt(τ²/4 − δ)``, a complex
    pair has real part τ/2 and modulus sqrt(δ)."""
    tau, delta = a + d, a * d - b * c
    disc = tau * tau / 4.0 - delta
    root = np.sqrt(np.maximum(disc, 0.0))
    rho = np.where(disc >= 0.0, np.abs(tau) / 2.0 + root, np.sqrt(np.maximum(delta, 0.0)))
    return tau / 2.0 + root, rho


def numpy_reference(method, f1, f2, reg, h):
    """``(max Re λ(J), ρ(I + hJ))`` with ``J = [[0, −f1], [f1, d]]``, d = 2f2σ² or −γ."""
    d = 2.0 * f2 * reg**2 if method == "instance_noise" else -reg
    max_re, _ = _margins(0.0, -f1, f1, d)
    _, rho = _margins(1.0, -h * f1, h * f1, 1.0 + h * d)
    return max_re, rho


def rows(quick: bool) -> list[Row]:
    n = 10_000 if quick else 100_000
    f1, f2, reg, h = instances(n)
    out = []
    for method, key in METHODS:
        args = (method, key, f1, f2, reg, h)
        first, (max_re, rho) = first_call(ganeq, *args)
        ref = numpy_reference(method, f1, f2, reg, h)
        diff = max(same(max_re, ref[0], rtol=1e-12, atol=1e-12, what="max Re"),
                   same(rho, ref[1], rtol=1e-12, what="rho"))
        t, t_ref, floor = best_times((ganeq, *args), (numpy_reference, method, f1, f2, reg, h),
                                     (spectra.jacobians_batch, method, f1, f2, {key: reg}))
        out.append(Row(f"Dirac {method.replace('_', ' ')}", n, t, first - t, t_ref,
                       "numpy trace–det", floor, nbytes(f1, f2, reg, h, max_re, rho), diff))
    return out
