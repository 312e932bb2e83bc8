"""Gaps found by the mutation samples of seeds 85–98 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import numpy as np
import pytest

from theory import gaussian_ot
from verifiers.nash import crosscheck


@pytest.mark.parametrize("variance", [1e-6, 1e-2, 1e4])
@pytest.mark.parametrize("mu", [0.0, 3.0])
def test_a_one_dimensional_gaussian_expectation_sees_a_narrow_or_wide_law(variance, mu):
    """The line quadrature's breakpoints sit at μ ± 8s around the mass: a narrow law
    (s = 1e-3) must keep both halves (seed 86, #23: ``μ − 8s`` → ``μ − 8/s`` put the left
    breakpoint 8 000 away and quad missed the left half: E Y² came out half)."""
    value, error = crosscheck.gaussian_expectation(lambda y: y[:, 0] ** 2, [mu], [[variance]])
    assert abs(value - (mu**2 + variance)) <= error


@pytest.mark.parametrize("scale", [1e-8, 1.0, 1e8])
def test_the_covariance_check_is_relative_to_the_matrix_scale(scale):
    """A symmetric matrix whose entries rounding made asymmetric at relative 2e-15 is accepted
    at every scale, and one with a relative eigenvalue gap below 1e-12 is refused (seed 85,
    #27: ``max(1, max|S|)`` → ``min`` made the symmetry test absolute for large S)."""
    S = scale * np.array([[2.0, 1.0], [1.0 + 4e-15, 2.0]])
    gaussian_ot.check_covariance("Sigma", S)
    with pytest.raises(ValueError, match="smallest eigenvalue"):
        gaussian_ot.check_covariance("Sigma", np.diag([max(scale, 1.0), 1e-13 * scale]))


def test_pearson_below_root_two_is_decided_on_its_finite_gain():
    """χ²(P_X‖P_G*) is finite for σ² < 2, so Theorem 1 (Pearson) is decided on the gain of
    the deviation there, and on χ² = +∞ only from σ² ≥ 2 (seed 92, #14: ``σ**2 >= 2`` →
    ``σ*2 >= 2`` took the infinite branch for every σ > 1)."""
    from verifiers import Verdict, registry

    claim = registry.get("farnia2020.theorem1.fgan")
    below = claim.check(sigma=1.2, t=0.5, d=1, divergence="pearson")
    assert below.verdict is Verdict.HOLDS and 0.0 < below.margin < np.inf
    above = claim.check(sigma=1.5, t=0.5, d=1, divergence="pearson")
    assert above.verdict is Verdict.HOLDS and above.margin == np.inf


def test_the_semidefinite_check_is_relative_to_the_matrix_scale():
    """A PSD matrix whose zero eigenvalue rounding moved to −1e-12 relative is accepted as
    semi-definite at every scale, one at −1e-9 relative is refused (seed 92, #24:
    ``−1e-10·scale`` → ``−1e-10/scale``)."""
    for scale in (1e-8, 1.0, 1e8):
        gaussian_ot.check_covariance("Sigma", scale * np.diag([1.0, -1e-12]), definite=False)
    for scale in (1.0, 1e8):  # the scale is max(1, max|S|): an absolute floor below 1
        with pytest.raises(ValueError, match="smallest eigenvalue"):
            gaussian_ot.check_covariance("Sigma", scale * np.diag([1.0, -1e-9]),
                                         definite=False)


@pytest.mark.parametrize(("d", "n"), [(1, 2), (2, 12), (3, 40)])
def test_the_search_directions_are_unit_vectors(d, n):
    """``fgan.sphere`` returns unit directions in every dimension (seed 93, #30: d = 1's
    ``[[1], [−1]]`` → ``[[1.001], [−1]]``)."""
    from theory.gaussian_games import fgan

    dirs = np.asarray(fgan.sphere(d, n))
    assert dirs.shape[1] == d and np.allclose(np.linalg.norm(dirs, axis=1), 1.0, rtol=0, atol=1e-15)


def test_a_singular_covariance_is_refused_by_the_gaussian_game_models():
    """The Gaussian games need Σ ≻ 0: a smallest eigenvalue of exactly 0 is refused (seed 94,
    #22: ``<= 0`` → ``< 0`` accepted diag(1, 0))."""
    from theory.gaussian_games import _model

    with pytest.raises(ValueError, match="must be positive definite"):
        _model.check_covariance("Sigma", np.diag([1.0, 0.0]))
    assert np.array_equal(_model.check_covariance("Sigma", np.diag([1.0, 1e-300])),
                          np.diag([1.0, 1e-300]))


def test_the_default_optimal_generator_is_theorem_1s_minimiser():
    """``LinearGenerator.optimal(d, t)`` without a scale is G* = (I, 0), Theorem 1's divergence
    minimiser (seed 96, #7: the default ``scale = 1.0`` → ``1.001``; the project's own calls
    all pass Proposition 1's scale)."""
    from theory.gaussian_games._model import LinearGenerator

    G = LinearGenerator.optimal(2, 1.0)
    assert np.array_equal(np.asarray(G.S), np.eye(2)) and not np.any(np.asarray(G.u))


@pytest.mark.parametrize("value", [0.0, -0.0, -1e-300, float("inf"), float("nan")])
def test_a_positive_parameter_refuses_zero_and_non_finite_values(value):
    """``_model.check_positive``: a finite number > 0 (seed 98, #21: ``x > 0`` → ``x >= 0``
    accepted 0)."""
    from theory.gaussian_games import _model

    with pytest.raises(ValueError, match="must be a finite number > 0"):
        _model.check_positive("sigma", value)
    assert _model.check_positive("sigma", 5e-324) == 5e-324
