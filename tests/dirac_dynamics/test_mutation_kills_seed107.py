"""Gaps found by the mutation samples of seeds 107 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from verifiers import check
from verifiers.claims.ganeq import dirac_dynamics


@pytest.mark.parametrize("F", [np.diag([0.5, 0.9]), np.diag([0.9, 0.5])])
def test_a_measured_rate_with_real_eigenvalues_in_either_order(F):
    """For real eigenvalues the rate's error adds ½log(1 + ε²), ε the subdominant over the
    dominant coordinate, whichever of the two eig lists first (seed 110, #25: ``c0[1 − top]``
    → ``c0[1 + top]`` fell off the vector when the dominant one came second)."""
    xs = np.array([np.linalg.matrix_power(F, k) @ np.array([1e-7, 1e-7]) for k in range(300)])
    route = dirac_dynamics.measured_rate(xs, F, 0.0, 0.0, 1)
    assert route is not None and abs(route.value - 0.9) <= route.error
    assert 0.0 < route.error < dirac_dynamics.RESOLUTION


def test_lemmaC3_witness_shows_the_printed_jump_h_times_g0():
    """Eq. (100) as printed gives the limit move h·g0, shown in the witness beside the
    corrected h·γ·g0 (seed 110, #9: ``h·g0`` → ``h/g0``, equal at the pinned g0 = 1)."""
    w = check("mescheder2018.lemmaC.3", gamma=2.5, g0=2.0, h=0.1, algorithm="altgd").witness
    assert w["jump_printed_eq100"] == pytest.approx(0.2, rel=1e-15, abs=0.0)


def test_the_flushed_quadrature_tail_is_decided_by_the_smallest_factor():
    """Two factors, one tiny: the lost mass is that of the tiny one alone, whatever the other
    (seed 111, #10: ``min`` → ``max`` of the factors read f'(0) = 1 and lost nothing)."""
    from verifiers.dirac import routes

    tiny = routes.quadrature_tail(1e-300)
    assert tiny > 0.0
    assert routes.quadrature_tail(1.0, 1e-300) == routes.quadrature_tail(1e-300, 1.0) == tiny
    assert routes.quadrature_tail(1.0, 0.5) == 0.0 == routes.quadrature_tail(0.0)


def test_table1_writes_a_pair_a_double_root_and_two_real_roots_apart():
    """Table 1's eigenvalue cells: a complex pair as ``a ± bi``, a double root (closer than
    2·DEFECTIVE_EIGEN) as ``a (double)``, two real roots sorted (seed 112, #9: ``2·1e-7`` →
    ``2/1e-7`` wrote every pair as a double root)."""
    from verifiers.claims.mescheder2018 import table1

    assert table1._eig_text([-1 + 2j, -1 - 2j], "gan") == "-1 ± 2i"
    assert table1._eig_text([-0.5, -0.5 + 1e-8], "gan") == "-0.5 (double)"
    assert table1._eig_text([-0.25, -2.0], "wgan_gp") == "one-sided -2, -0.25"
