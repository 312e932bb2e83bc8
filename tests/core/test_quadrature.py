"""``theory.quadrature.quad_bounded``: QUADPACK's estimate is returned only where it
reports success; a reported failure raises, so no check decides on it."""

import math

import pytest

from theory.quadrature import MIN_PIECE, QuadratureFailure, merged_breakpoints, quad_bounded


def test_success_returns_value_and_a_true_bound():
    value, error = quad_bounded(math.exp, 0.0, 1.0, epsabs=1e-14, epsrel=1e-13)
    assert abs(value - (math.e - 1.0)) <= error + 4e-16


def test_subdivision_limit_raises():
    with pytest.raises(QuadratureFailure, match="did not certify"):
        quad_bounded(lambda x: math.sin(1.0 / x) / x, 1e-6, 1.0, limit=3)


def _odd(x):
    return math.sin(3.0 * x) * math.exp(-x * x)


def test_a_retry_at_a_looser_epsabs_certifies_where_round_off_was_reported():
    """∫_{-1}^{1} sin(3x)·e^{-x²} = 0 (odd): at epsabs = 1e-15 QUADPACK reports round-off,
    at 1e-13 it succeeds, and its estimate bounds the true error."""
    with pytest.raises(QuadratureFailure, match="round"):
        quad_bounded(_odd, -1.0, 1.0, epsabs=1e-15, epsrel=1e-13, limit=200)
    value, error = quad_bounded(_odd, -1.0, 1.0, retry_epsabs=1e-13, epsabs=1e-15,
                                epsrel=1e-13, limit=200)
    assert abs(value) <= error + 1e-16 and error <= 1e-13


def test_a_retry_that_fails_again_raises():
    with pytest.raises(QuadratureFailure, match="did not certify"):
        quad_bounded(lambda x: math.sin(1.0 / x) / x, 1e-6, 1.0, retry_epsabs=1e-6, limit=3)


def test_failure_is_a_numeric_failure_of_a_check():
    from verifiers.claim import NUMERIC_FAILURES

    assert issubclass(QuadratureFailure, NUMERIC_FAILURES)


def test_breakpoints_closer_than_the_relative_piece_are_merged():
    """A breakpoint within ``MIN_PIECE·max(1, |x|)`` of the one kept before it is dropped and
    its distance counted as merged: absolute below |x| = 1, relative above (seed 49, #29:
    ``MIN_PIECE/max(1, |x|)`` kept pieces of 10⁻⁶ at x = 1000)."""
    kept, merged = merged_breakpoints([1000.0 + 1e-6, 3.0, 1000.0, 0.5, 0.5 + 2e-9, -2.0])
    assert kept == [-2.0, 0.5, 3.0, 1000.0]
    assert merged == pytest.approx(2e-9 + 1e-6, rel=1e-6)
    assert merged_breakpoints([0.0, 2 * MIN_PIECE])[0] == [0.0, 2 * MIN_PIECE]
