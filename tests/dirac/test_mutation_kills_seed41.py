"""Gaps found by the mutation samples of seeds 41 and 42 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.manifold_gan import families
from verifiers.dirac import routes


def test_a_defective_eigenvalue_has_an_uninformative_error_bound():
    """For the 3 × 3 nilpotent Jordan block LAPACK's left and right eigenvectors are e₃ and
    e₁, exactly orthogonal: κ = ∞ and the bound is ``UNINFORMATIVE`` (seed 42, #18:
    ``overlap ≥ 0`` divided by the smallest normal number instead: a finite bound below it)."""
    lam, err = routes.lapack_spectrum(np.eye(3, k=1))
    np.testing.assert_array_equal(lam, [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(err, [routes.UNINFORMATIVE] * 3)


@pytest.mark.parametrize("kind", ["affine", "quadratic"])
def test_feature_discriminator_rows_are_its_features_and_their_x_derivatives(kind):
    """``disc_rows`` of D(ψ, x) = ψ·φ(x): at each atom the rows φ(x), ∂φ/∂x₁, ∂φ/∂x₂, against
    autodiff of D (φ = ∇_ψ D, ∂φ/∂x = ∇_x ∇_ψ D) (seed 42, #6: the affine ∂φ/∂x₂ = (0, 0, 1)
    scaled by 1.001, a row of the same span, so no spectrum saw it)."""
    disc, rows, n = families._feature_disc(kind)
    X = np.array([[0.3, -0.7], [1.2, 0.4]])
    psi = jnp.arange(1.0, n + 1.0)
    phi = jax.grad(disc)
    expected = []
    for x in X:
        expected += [phi(psi, jnp.asarray(x)), *jax.jacfwd(phi, argnums=1)(psi, jnp.asarray(x)).T]
    np.testing.assert_allclose(rows(psi, X, True), np.asarray(expected), rtol=0, atol=1e-15)
    np.testing.assert_allclose(rows(psi, X, False), np.asarray(expected)[
        [i for i in range(3 * len(X)) if i % 3]], rtol=0, atol=1e-15)
