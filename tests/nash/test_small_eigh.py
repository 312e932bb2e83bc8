"""theory.small_eigh: the closed-form 1 × 1 and 2 × 2 eigendecompositions against LAPACK."""

from __future__ import annotations

import jax
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.small_eigh import eigh

EPS = np.finfo(float).eps
entries = st.floats(-1.0, 1.0, allow_subnormal=False)


def _check(M: np.ndarray) -> None:
    """Ascending eigenvalues within a few ulps of ‖M‖ of LAPACK's, orthonormal eigenvectors,
    and ``V diag(w) Vᵀ = sym(M)``: each within ``4·max(d, 2)·eps`` (relative to ‖M‖), the
    backward-error scale of a d × d symmetric eigensolver (d = 3 is LAPACK's own, whose
    rounding differs between instruction sets: 8.4 eps was seen with AVX-512)."""
    tol = 4 * max(M.shape[-1], 2) * EPS
    w, V = (np.asarray(x) for x in jax.jit(eigh)(M))
    S = 0.5 * (M + np.swapaxes(M, -1, -2))
    scale = np.maximum(np.max(np.abs(S), axis=(-2, -1)), np.finfo(float).tiny)[..., None]
    assert np.all(np.diff(w, axis=-1) >= 0)
    assert np.max(np.abs(w - np.linalg.eigh(S)[0]) / scale) <= tol
    eye = np.eye(M.shape[-1])
    assert np.max(np.abs(np.swapaxes(V, -1, -2) @ V - eye)) <= tol
    rebuilt = np.einsum("...ij,...j,...kj->...ik", V, w, V)
    assert np.max(np.abs(rebuilt - S) / scale[..., None]) <= tol


@given(st.tuples(entries, entries, entries, entries), st.integers(-300, 300))
def test_two_by_two_matches_lapack(abcd, exponent):
    _check(np.array(abcd, float).reshape(2, 2) * 2.0**exponent)


@pytest.mark.parametrize("M", [np.zeros((2, 2)), 3.7 * np.eye(2), np.diag([2.0, -1.0]),
                               np.diag([1e-300, 1e300]), np.outer([1.0, 2.0], [1.0, 2.0]),
                               np.array([[1.0, 1e-30], [1e-30, 1.0]]),
                               np.array([[1e308, -1e308], [-1e308, -1e308]]) / 2],
                         ids=["zero", "isotropic", "diagonal", "extreme", "rank one", "near",
                              "near overflow"])
def test_two_by_two_edge_cases(M):
    _check(M)


@pytest.mark.parametrize("diagonal", [[1.0, 2.0], [3.7, 3.7], [-2.0, -2.0]])
def test_diagonal_keeps_the_axes_like_lapack(diagonal):
    w, V = eigh(np.diag(diagonal))
    assert np.array_equal(np.asarray(w), diagonal) and np.array_equal(np.abs(V), np.eye(2))


def test_batches_and_other_sizes():
    rng = np.random.default_rng(0)
    for d in (1, 2, 3):
        _check(rng.normal(size=(64, d, d)))
