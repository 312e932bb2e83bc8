"""Mutation seeds 67/68 (docs/mutation.md): the measured rate's error bound term for real
eigenvalues."""

import math

import numpy as np

from verifiers.claims.ganeq import dirac_dynamics as dd


def test_measured_rate_of_a_real_spectrum_by_hand():
    """F = diag(0.9, 0.5), x_k = F^k x_0: the rate over WINDOW is 0.9 up to the subdominant
    term log(1 + ε²)/2 (ε = c0[1]/c0[0]) and the remainder and floor terms of the docstring
    (seed 68, #12: ½ → 0.5005 in the first)."""
    F = np.diag([0.9, 0.5])
    xs = np.array([np.linalg.matrix_power(F, k) @ np.array([5e-7, 3e-7]) for k in range(200)])
    h, reg, n_d = 0.1, 0.5, 1
    route = dd.measured_rate(xs, F, h, reg, n_d)
    r = np.linalg.norm(xs, axis=1)
    inside = np.flatnonzero((r > dd.WINDOW[0]) & (r < dd.WINDOW[1]))
    k0, k1 = int(inside[0]), int(inside[-1])
    c0, c1 = xs[k0], xs[k1]
    m = k1 - k0
    window = r[k0:k1 + 1]
    log_err = (0.5 * math.log1p((c0[1] / c0[0]) ** 2)
               + h * (n_d + 1) * (1 + reg) ** 2
               * float(np.sum(dd.SECOND_ORDER * window + dd.FLOOR / window)))
    rate = (np.linalg.norm(c1) / np.linalg.norm(c0)) ** (1.0 / m)
    assert route.value == rate
    assert math.isclose(route.error, rate * math.expm1(log_err / m) + 4 * dd.EPS, rel_tol=1e-12)
    assert abs(route.value - 0.9) <= route.error
