"""Sobolev semi-norm (theory.sobolev) against Monte Carlo with an error bar."""

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from theory import sobolev
from theory.gaussian_ot import Quadratic, evaluate
from verifiers import tolerances


def _quadratic(rng, d, symmetric=True):
    A = rng.standard_normal((d, d))
    A = 0.5 * (A + A.T) if symmetric else A
    return Quadratic(A, rng.standard_normal(d), rng.standard_normal())


def test_sobolev_inner_matches_monte_carlo_for_nonsymmetric_A():
    """P8: closed form (A symmetrised) vs MC within 6 s.e.; the raw-A formula is far off."""
    rng = np.random.default_rng(0)
    d, n = 3, 200_000
    m = rng.standard_normal(d)
    L = rng.standard_normal((d, d))
    Sx = L @ L.T + 0.3 * np.eye(d)
    D1, D2 = _quadratic(rng, d, symmetric=False), _quadratic(rng, d)
    closed = float(sobolev.sobolev_inner(D1, D2, m, Sx))
    est, se = sobolev.sobolev_inner_mc(lambda x: evaluate(D1, x), lambda x: evaluate(D2, x),
                                       jnp.asarray(m), jnp.asarray(Sx), n, key=jax.random.key(1))
    assert abs(closed - float(est)) <= tolerances.monte_carlo(float(se) * np.sqrt(n), n)
    naive = (2 * D1.A @ m + D1.b) @ (2 * D2.A @ m + D2.b) + 4 * np.trace(D1.A @ Sx @ D2.A)
    assert abs(naive - float(est)) > 10 * float(se)


def test_sobolev_norm_of_non_quadratic_by_monte_carlo():
    """General D by explicit expectation: ‖sin(x1)‖² = E cos²(X1) = (1 + e^{−2σ²})/2,
    X1 ~ N(0, σ²)."""
    n, var = 100_000, 1.5
    est, se = sobolev.sobolev_inner_mc(lambda x: jnp.sin(x[0]), lambda x: jnp.sin(x[0]),
                                       jnp.zeros(2), var * jnp.eye(2), n, key=jax.random.key(2))
    exact = 0.5 * (1 + np.exp(-2 * var))
    assert abs(float(est) - exact) <= 6 * float(se)


@given(st.integers(0, 2**32 - 1))
def test_norm_is_invariant_to_constants_and_gram_is_definite(seed):
    """P8: ‖D + c‖ = ‖D‖, and the Gram matrix over (vech A, b) is positive definite for Sx ≻ 0."""
    rng = np.random.default_rng(seed)
    d = 2
    m = rng.standard_normal(d)
    L = rng.standard_normal((d, d))
    Sx = L @ L.T + 0.3 * np.eye(d)
    D = _quadratic(rng, d)
    shifted = Quadratic(D.A, D.b, D.c + 5.0)
    assert abs(float(sobolev.sobolev_norm_sq(shifted, m, Sx) - sobolev.sobolev_norm_sq(D, m, Sx))) \
        <= tolerances.CLOSED_FORM * max(1.0, float(sobolev.sobolev_norm_sq(D, m, Sx)))
    basis = []
    for i, j in [(0, 0), (0, 1), (1, 1)]:
        E = np.zeros((d, d))
        E[i, j] = E[j, i] = 1.0
        basis.append(Quadratic(E, np.zeros(d), 0.0))
    basis += [Quadratic(np.zeros((d, d)), e, 0.0) for e in np.eye(d)]
    gram = np.array([[float(sobolev.sobolev_inner(p, q, m, Sx)) for q in basis] for p in basis])
    assert np.linalg.eigvalsh(gram)[0] > 0
