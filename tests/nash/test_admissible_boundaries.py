"""The exact ends of the admissible ranges of the Gaussian games' inputs: a value on an end
that the range includes is accepted, the next one beyond it is rejected with a message that
names the input (theory.gaussian_ot.check_covariance, theory.gaussian_games._model)."""

import numpy as np
import pytest

from theory import gaussian_ot
from theory.gaussian_games._model import SV_RTOL, LinearGenerator


def test_definite_covariance_needs_its_smallest_eigenvalue_above_the_allowance():
    """Definite: ``λ_min > 10⁻¹²·max(1, max|S|)``, so λ_min = 10⁻¹² (a diagonal S has its
    eigenvalues exactly) is rejected and 2·10⁻¹² accepted."""
    with pytest.raises(ValueError, match=r"S=.*smallest eigenvalue 1e-12.*positive definite"):
        gaussian_ot.check_covariance("S", np.diag([1e-12, 1.0]))
    gaussian_ot.check_covariance("S", np.diag([2e-12, 1.0]))


def test_semi_definite_covariance_allows_rounding_below_zero_up_to_its_end():
    """Semi-definite: ``λ_min ≥ −10⁻¹⁰·max(1, max|S|)``, the end included."""
    gaussian_ot.check_covariance("S", np.diag([-1e-10, 1.0]), definite=False)
    with pytest.raises(ValueError, match=r"S=.*semi-definite"):
        gaussian_ot.check_covariance("S", np.diag([-2e-10, 1.0]), definite=False)


def test_covariance_symmetry_allowance_includes_its_end():
    """``max|S − Sᵀ| ≤ 10⁻¹⁰·max(1, max|S|)`` is symmetric enough, the end included."""
    gaussian_ot.check_covariance("S", np.array([[1.0, 1e-10], [0.0, 1.0]]))
    with pytest.raises(ValueError, match=r"S=.*not symmetric"):
        gaussian_ot.check_covariance("S", np.array([[1.0, 2e-10], [0.0, 1.0]]))


def test_generator_smallest_singular_value_slack_includes_its_end():
    """``σ_min(W) ≥ sv_min·(1 − SV_RTOL)``, the end included; below it the message names W
    and the range."""
    edge = 0.5 * (1 - SV_RTOL)
    LinearGenerator(np.diag([1.0, edge]), np.zeros(2), t=1.0, sv_min=0.5)
    with pytest.raises(ValueError, match=r"W=.*sigma_min\(W\)=.*admissible: 0.5 <="):
        LinearGenerator(np.diag([1.0, edge * (1 - 1e-14)]), np.zeros(2), t=1.0, sv_min=0.5)
