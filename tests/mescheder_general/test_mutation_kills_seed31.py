"""Mutation run of seed 31: survivor #11 (the tanh MLP's x-gradient rows, ``1 − tanh²`` →
``1.001 − tanh²``: the null spaces built from them did not move enough to change a verdict)."""

import jax
import jax.numpy as jnp
import numpy as np

from theory.manifold_gan.families import _mlp_disc


def test_mlp_rows_are_the_value_and_x_gradient_of_the_linear_features():
    """Φ's rows at x are ∂D/∂ψ_lin = (1, tanh(u_j·x + c_j)) and its x-derivatives
    (0, (1 − tanh²(u_j·x + c_j)) u_ji), i = 1, 2: compared with autodiff of D."""
    width = 3
    disc, rows, n_lin = _mlp_disc(width, True)
    rng = np.random.default_rng(0)
    psi = rng.normal(size=n_lin + 3 * width)
    X = rng.normal(size=(2, 2))

    def features(x):  # D is linear in ψ_lin: its gradient there is the feature vector
        return jax.grad(lambda lin: disc(jnp.concatenate([lin, psi[n_lin:]]), x))(psi[:n_lin])

    @jax.jit
    def stacked(x):  # the value row, then the two x-derivative rows
        return jnp.concatenate([features(x)[None], jax.jacfwd(features)(x).T])

    expected = np.concatenate([stacked(jnp.asarray(x)) for x in X])
    np.testing.assert_allclose(rows(psi, X, True), expected, rtol=1e-13, atol=1e-15)
