"""Tests written for survivors of the seed-35/36 mutation runs (docs/mutation.md)."""

import numpy as np

from verifiers.claims.mescheder2018.matrices import _is_real
from verifiers.dirac import routes


def test_eigenvalues_whose_error_discs_meet_are_not_surely_real():
    """A real LAPACK eigenvalue is certified real only if its disc meets no other disc: two
    eigenvalues 1e-10 apart with error 1e-9 could be a complex pair."""
    close = np.array([1.0 + 0j, 1.0 + 1e-10 + 0j, 3.0 + 0j])
    err = np.array([1e-9, 1e-9, 1e-9])
    assert _is_real(close, err).tolist() == [False, False, True]
    apart = np.array([1.0 + 0j, 1.0 + 3e-9 + 0j])
    assert _is_real(apart, np.array([1e-9, 1e-9])).tolist() == [True, True]
    assert _is_real(np.array([1 + 1j, 1 - 1j]), np.zeros(2)).tolist() == [False, False]


def test_simgd_error_covers_a_flushed_subnormal_in_every_entry():
    """``M = I + hJ`` with J = 0 exactly: the diagonal carries two roundings of 1, every entry
    the allowance 2·FLUSH for a product flushed to zero."""
    E = routes.simgd_error(np.zeros((2, 2)), np.zeros((2, 2)), 0.5)
    assert E[0, 1] == E[1, 0] == 2 * routes.FLUSH
    assert E[0, 0] == E[1, 1] == 2 * routes.EPS + 2 * routes.FLUSH


def test_energy_jacobian_at_the_smallest_subnormal_psi1():
    """ψ1 > 0 is admissible down to 5e-324: the zero entries stay exact zeros (no 0·∞)."""
    from theory.dirac import equilibrium

    J = np.asarray(equilibrium.jacobian_at_equilibrium("energy", 3.0, -1.0, psi1=5e-324))
    expected = np.array([[0.0, 0.0, -3.0], [0.0, 0.0, 0.0], [3.0, 0.0, 0.0]])
    np.testing.assert_allclose(J, expected, rtol=0, atol=1e-300)  # −6·5e-324 may flush
