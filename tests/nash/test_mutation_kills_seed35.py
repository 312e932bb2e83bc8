"""Tests written for survivors of the seed-35/36 mutation runs (docs/mutation.md)."""

import numpy as np
import pytest

from theory.gaussian_games import fgan


@pytest.mark.parametrize("n", [9])
def test_fibonacci_sphere_is_the_documented_lattice(n):
    """d ≥ 3: z_i = 1 − (2i + 1)/n (i = 0..n−1, symmetric about 0) and the azimuth advancing
    by π(1 + √5) (the golden angle modulo 2π); unit vectors."""
    u = np.asarray(fgan.sphere(3, n))
    np.testing.assert_allclose(np.linalg.norm(u, axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(u[:, 2], 1.0 - (2 * np.arange(n) + 1) / n, rtol=0, atol=1e-15)
    np.testing.assert_allclose(u[:, 2], -u[::-1, 2], rtol=0, atol=1e-15)
    step = np.angle((u[1:, 0] + 1j * u[1:, 1]) / (u[:-1, 0] + 1j * u[:-1, 1]))
    golden = np.angle(np.exp(1j * np.pi * (1 + np.sqrt(5.0))))
    np.testing.assert_allclose(step, golden, rtol=0, atol=1e-12)


@pytest.mark.parametrize("S", [np.zeros((2, 2)), np.diag([0.7, 0.0])])
def test_hermite_route_on_a_degenerate_generator(S):
    """S = WWᵀ singular (a point mass, or a generator on a line) is admissible: the Hermite
    route factors S + 1e-300·I and still matches the closed-form value."""
    from theory.gaussian_games import w2gan
    from verifiers.nash import crosscheck

    A, b, u, Sigma = 0.2 * np.eye(2), np.array([0.1, -0.1]), np.array([0.3, 0.2]), 2 * np.eye(2)
    herm, err = crosscheck.w2gan_value_hermite(A, b, S, u, Sigma)
    assert abs(herm - float(w2gan.value(A, b, S, u, Sigma))) <= 2 * err
