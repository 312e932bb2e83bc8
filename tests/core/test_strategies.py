"""The generic public strategies of ``verifiers.strategies`` (the family-specific ones are
used by the topic tests): what a user's property test gets from them."""

import numpy as np
from hypothesis import given, settings

from tests.examples import examples
from verifiers.strategies import random_matrix, spd_matrix


@settings(max_examples=examples(10), deadline=None)
@given(random_matrix(3, 2, scale=0.5))
def test_random_matrix_has_the_shape_and_is_float64(a):
    assert a.shape == (3, 2) and a.dtype == np.float64 and np.all(np.isfinite(a))


@settings(max_examples=examples(10), deadline=None)
@given(spd_matrix(4, log_cond=2.0))
def test_spd_matrix_is_symmetric_positive_definite_within_its_condition_number(s):
    assert s.shape == (4, 4) and np.allclose(s, s.T, atol=1e-12)
    eig = np.linalg.eigvalsh(s)
    assert eig[0] >= 1.0 - 1e-12 and eig[-1] <= np.exp(2.0) * (1 + 1e-12)
    assert eig[-1] / eig[0] <= np.exp(2.0) * (1 + 1e-12)


@settings(max_examples=examples(5), deadline=None)
@given(random_matrix(2, 3, scale=0.0))
def test_random_matrix_entries_are_scaled(a):
    """``scale`` multiplies every entry (a scale of 0 gives the zero matrix)."""
    assert a.shape == (2, 3) and not np.any(a)
