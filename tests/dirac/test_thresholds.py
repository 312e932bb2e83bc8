"""Learning-rate thresholds (Lemma A.4), critical values and nilpotency,
and the Appendix A.3 bounds on random matrices (Theorems A.7, A.8, Lemma A.9)."""

import numpy as np
from hypothesis import given

from theory.dirac import equilibrium, matrices, operators
from verifiers import tolerances
from verifiers.strategies import dirac_blocks, dirac_f_derivatives, dirac_symmetric_blocks


def test_lemma_a4_threshold_against_brute_force():
    """|1 + hμ| < 1 ⇔ h < h_max away from a 1e-9 band; eq. (26) = eq. (29)."""
    rng = np.random.default_rng(5)
    mu = -rng.uniform(0.01, 3.0, 20000) + 1j * rng.uniform(-3.0, 3.0, 20000)
    hmax = np.asarray(operators.h_max(mu))
    h = hmax * np.exp(rng.uniform(-1.0, 1.0, mu.size))
    away = np.abs(h / hmax - 1.0) > tolerances.CRITICAL_BAND
    assert np.array_equal((np.abs(1 + h * mu) < 1)[away], (h < hmax)[away])
    np.testing.assert_allclose(operators.h_max_eq26(mu.real, mu.imag), hmax, rtol=1e-14)


@given(dirac_f_derivatives())
def test_gradient_penalty_threshold_equals_spectral_threshold(fd):
    f1, _ = fd
    for gamma in (0.3 * abs(f1), 2 * abs(f1) * (1 + 1e-6), 5.0 * abs(f1)):
        lam = equilibrium.gradient_penalty_eigenvalues(f1, gamma)
        np.testing.assert_allclose(
            operators.gradient_penalty_h_max(f1, gamma), operators.h_max_matrix(lam), rtol=1e-9
        )


@given(dirac_f_derivatives())
def test_critical_values_give_a_double_defective_root_and_nilpotent_step(fd):
    """σ_crit² = |f1|/|f2| and γ_crit = 2|f1|: discriminant 0; N = I + J/|f1|
    has N² = 0, ‖N‖ ≥ 0.5 (docs/derivations/mescheder2018.md)."""
    f1, f2 = fd
    for method, hyper in [
        ("instance_noise", {"sigma": equilibrium.sigma_crit(f1, f2)}),
        ("gradient_penalty", {"gamma": equilibrium.gamma_crit(f1)}),
    ]:
        J = np.asarray(equilibrium.jacobian_at_equilibrium(method, f1, f2, hyper))
        assert abs(np.trace(J) ** 2 - 4 * np.linalg.det(J)) <= 1e-12 * (1 + np.abs(J).max()) ** 2
        N = np.asarray(operators.simgd_jacobian(J, 1.0 / abs(f1)))
        assert np.abs(N @ N).max() <= 1e-12 and np.linalg.norm(N) >= 0.5


@given(dirac_blocks())
def test_theorem_a7_bounds(blocks):
    B, Q = blocks["B"], blocks["Q"]
    lam = np.linalg.eigvals(matrices.block_jacobian(np.zeros((B.shape[1],) * 2), B, Q))
    scale = np.abs(lam).max()
    real = np.abs(lam.imag) <= 1e-7 * scale
    slack = tolerances.MATRIX_BOUND * scale
    assert np.all(lam.real[real] <= matrices.real_eigenvalue_bound(Q, B) + slack)
    assert np.all(lam.real[~real] <= matrices.complex_eigenvalue_bound(Q) + slack)


def test_theorem_a7_complex_bound_is_attained_by_1x1_blocks():
    """q < 2b: λ = −q/2 ± i sqrt(b² − q²/4), equality in (42)."""
    q, b = 0.8, 1.5
    lam = np.linalg.eigvals(matrices.block_jacobian([[0.0]], [[b]], [[q]]))
    np.testing.assert_allclose(lam.real, matrices.complex_eigenvalue_bound([[q]]), atol=1e-15)


@given(dirac_blocks())
def test_theorem_a8_negative_real_parts(blocks):
    lam = np.linalg.eigvals(matrices.block_jacobian(blocks["P"], blocks["B"], blocks["Q"]))
    assert np.max(lam.real) < -tolerances.MATRIX_BOUND * np.abs(lam).max()


def test_theorem_a8_needs_full_column_rank():
    """P = 0 and rank-deficient B give a zero eigenvalue (Theorem A.8 needs full column rank)."""
    B = np.array([[1.0, 1.0], [2.0, 2.0], [0.0, 0.0]])
    lam = np.linalg.eigvals(matrices.block_jacobian(np.zeros((2, 2)), B, np.eye(3)))
    assert np.min(np.abs(lam)) <= 1e-14


@given(dirac_symmetric_blocks())
def test_lemma_a9_imaginary_parts(blocks):
    lam = np.linalg.eigvals(matrices.block_jacobian(blocks["P"], blocks["B"], blocks["Q"]))
    bound = matrices.imaginary_part_bound(blocks["B"])
    assert np.max(np.abs(lam.imag)) <= bound + tolerances.MATRIX_BOUND * max(
        bound, np.abs(lam).max()
    )
