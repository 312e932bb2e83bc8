"""``theory.quadrature.quad_bounded``: QUADPACK's estimate is returned only where it
reports success; a reported failure raises, so no check decides on it."""

import math

import pytest

from theory.quadrature import QuadratureFailure, quad_bounded


def test_success_returns_value_and_a_true_bound():
    value, error = quad_bounded(math.exp, 0.0, 1.0, epsabs=1e-14, epsrel=1e-13)
    assert abs(value - (math.e - 1.0)) <= error + 4e-16


def test_subdivision_limit_raises():
    with pytest.raises(QuadratureFailure, match="did not certify"):
        quad_bounded(lambda x: math.sin(1.0 / x) / x, 1e-6, 1.0, limit=3)


def test_failure_is_a_numeric_failure_of_a_check():
    from verifiers.claim import NUMERIC_FAILURES

    assert issubclass(QuadratureFailure, NUMERIC_FAILURES)
