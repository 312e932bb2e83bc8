"""Gaps found by the mutation samples of seeds 49 and 50 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import numpy as np

from theory.training import loop


def test_discriminator_gradient_norm_is_the_euclidean_norm_of_each_rows_gradient():
    """‖∇_x D_ψ(x)‖ row by row, against the gradient of D at each row alone and numpy's norm
    (seed 49, #10: ``Σ g·2`` in place of ``Σ g²`` under the square root)."""
    spec = loop.Spec(datasets=("circle",), hidden_g=4, hidden_d=8, layers=3)
    _, psi = loop.init(spec, np.uint32(3))
    x = jax.random.normal(jax.random.key(1), (5, 2))
    d_one = lambda y: loop.discriminator(spec, psi, y[None, :])[0]  # noqa: E731
    by_row = np.linalg.norm([np.asarray(jax.grad(d_one)(row)) for row in x], axis=1)
    assert np.all(by_row > 1e-6)
    np.testing.assert_allclose(loop.discriminator_gradient_norm(spec, psi, x), by_row,
                               rtol=1e-13)
