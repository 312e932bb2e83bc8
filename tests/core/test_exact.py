"""Exact matrix decisions (``verifiers.exact``) against exact references: integer minors and
sympy's rank, and matrices built with known spectra."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from verifiers.exact import has_full_column_rank, is_psd, lambda_max_exceeds

small_ints = st.integers(-4, 4)


def _int_matrix(rows, cols):
    return st.lists(st.lists(small_ints, min_size=cols, max_size=cols), min_size=rows,
                    max_size=rows).map(lambda m: np.array(m, dtype=float))


def _minors(S, subsets):
    return [sympy.Matrix(S[np.ix_(k, k)].astype(int).tolist()).det() for k in subsets]


@given(st.integers(1, 4).flatmap(lambda n: _int_matrix(n, n)))
def test_psd_decision_matches_minors_on_integer_symmetric_matrices(A):
    """⪰ 0 iff every principal minor is ≥ 0; ≻ 0 iff every leading one is > 0 (Sylvester)."""
    S = A + A.T
    n = S.shape[0]
    every = [list(k) for r in range(1, n + 1) for k in itertools.combinations(range(n), r)]
    leading = [list(range(r)) for r in range(1, n + 1)]
    assert is_psd(S) == all(m >= 0 for m in _minors(S, every))
    assert is_psd(S, strict=True) == all(m > 0 for m in _minors(S, leading))


@given(st.integers(1, 3).flatmap(lambda n: st.tuples(_int_matrix(n, n), st.integers(0, n))))
def test_gram_matrices_are_psd_and_singular_ones_not_strictly(args):
    A, rank = args
    A[:, rank:] = 0.0
    G = A @ A.T
    assert is_psd(G)
    if rank < A.shape[0]:
        assert not is_psd(G, strict=True)


def test_a_zero_pivot_with_a_nonzero_row_is_not_psd():
    """[[0, b], [b, c]] has determinant −b² < 0 whatever c."""
    assert not is_psd([[0.0, 1e-300], [1e-300, 1e300]])
    assert is_psd([[0.0, 0.0], [0.0, 1.0]]) and not is_psd([[0.0, 0.0], [0.0, 1.0]], strict=True)


@given(small_ints, small_ints, small_ints)
def test_lambda_max_of_a_two_by_two_with_integer_spectrum(a, b, c):
    """[[a, b], [b, a]] has eigenvalues a ± |b|, exactly."""
    M = [[float(a), float(b)], [float(b), float(a)]]
    assert lambda_max_exceeds(M, c) == (a + abs(b) > c)


@pytest.mark.parametrize("d", [1.0, 0.75, 1e-300, 3.0])
def test_lambda_max_one_ulp_either_side_of_the_threshold(d):
    """An eigenvalue one ulp above c exceeds it, c itself does not (float eigvalsh may say
    otherwise: [[0.75, 0.25], [0.25, 0.75]] has λ_max = 1 exactly)."""
    up, down = np.nextafter(d, np.inf), np.nextafter(d, -np.inf)
    assert lambda_max_exceeds([[up, 0.0], [0.0, down]], d)
    assert not lambda_max_exceeds([[d, 0.0], [0.0, down]], d)
    assert not lambda_max_exceeds([[0.75, 0.25], [0.25, 0.75]], 1.0)
    assert lambda_max_exceeds([[0.75, 0.25], [0.25, 0.75]], float(np.nextafter(1.0, 0.0)))


@given(st.integers(1, 3).flatmap(lambda n: st.integers(n, 4).flatmap(
    lambda m: _int_matrix(m, n))))
def test_full_column_rank_matches_sympy(B):
    assert has_full_column_rank(B) == (sympy.Matrix(B.astype(int).tolist()).rank()
                                       == B.shape[1])


def test_rational_arithmetic_is_exact_where_floats_round():
    """1 + 2⁻⁵³ rounds to 1 in floats; the decision sees the rational entries."""
    tiny = 2.0 ** -60
    M = [[1.0, tiny], [tiny, tiny * tiny]]
    # det = tiny² − tiny² = 0 exactly: PSD, not PD
    assert is_psd(M) and not is_psd(M, strict=True)
    assert Fraction(1.0) + Fraction(2.0 ** -53) != 1
