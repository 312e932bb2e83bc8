"""Mutation run of seed 32: survivor #32 (the optimal discriminator's c-conjugate
``2ηφ*(y) − η‖y‖²`` with the sign of its quadratic flipped)."""

import jax.numpy as jnp
import numpy as np
import pytest

from theory import gaussian_ot


@pytest.mark.parametrize(("S2", "factor"), [(1.0, 0.0), (4.0, -0.5)])
def test_discriminator_conjugate_of_a_1d_brenier_map(S2, factor):
    """N(0, 1) → N(0, S2) has Brenier map y = Bx with B = √S2, φ*(y) = y²/(2B), so
    D^{θ,c}(y) = ηy²/B − ηy² = −ηy²(1 − 1/B): 0 for equal laws, −ηy²/2 for S2 = 4."""
    eta, y = 0.5, jnp.array([[0.7], [-1.3]])
    got = gaussian_ot.optimal_discriminator_conjugate(
        eta, jnp.zeros(1), jnp.eye(1), jnp.zeros(1), S2 * jnp.eye(1), y)
    np.testing.assert_allclose(got, factor * eta * np.array([0.49, 1.69]), rtol=1e-13,
                               atol=1e-15)
