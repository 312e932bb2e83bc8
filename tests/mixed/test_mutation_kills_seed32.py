"""Mutation run of seed 32: survivor #46 (``U'' = −2ηφ(u − a) + 1/τ²`` with ``− 1/τ²``)."""

import numpy as np

from theory.mixed import mean_approximation as ma


def test_potential_hessian_is_the_derivative_of_the_gradient():
    """U'' against a central difference of U' (step 1e-5: error ~1e-10 · |U'''|)."""
    u, h, args = np.array([-1.0, 0.3, 2.0]), 1e-5, (0.7, 0.2, 0.1, 0.8)
    fd = (ma.potential_grad(u + h, *args) - ma.potential_grad(u - h, *args)) / (2 * h)
    np.testing.assert_allclose(ma.potential_hess(u, *args), fd, rtol=0, atol=1e-8)
