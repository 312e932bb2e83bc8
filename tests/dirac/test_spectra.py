"""Batched spectra (jit + vmap) against LAPACK loops; update operators; bad input; dtype."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.dirac import equilibrium, operators
from theory.dirac.fields import METHODS, state_size
from verifiers import tolerances
from verifiers.dirac import (
    batched_operator_spectra,
    batched_spectra,
    batched_stability,
    jacobians_batch,
    reference_spectra_loop,
)

N = 512
RNG = np.random.default_rng(11)
F1 = RNG.choice([-1.0, 1.0], N) * RNG.uniform(0.1, 3.0, N)
F2 = RNG.uniform(-3.0, -0.1, N)
HYP = {"sigma": RNG.uniform(0.05, 5.0, N), "gamma": RNG.uniform(0.01, 5.0, N)}
TWO_BY_TWO = tuple(m for m in METHODS if state_size(m) == 2)


@pytest.mark.parametrize("method", TWO_BY_TWO)
def test_batched_spectra_match_lapack_loop(method):
    eig, max_re = batched_spectra(method, F1, F2, HYP)
    assert eig.shape == (N, 2) and eig.dtype == jnp.complex128 and max_re.dtype == jnp.float64
    ref, ref_max = reference_spectra_loop(jacobians_batch(method, F1, F2, HYP))
    J = np.asarray(jacobians_batch(method, F1, F2, HYP))
    scale = 1.0 + np.abs(J).max(axis=(1, 2))
    # double roots only to sqrt(eps) (DEFECTIVE_EIGEN); elsewhere spectral tolerance
    assert np.all(np.abs(np.asarray(max_re) - ref_max) <= tolerances.DEFECTIVE_EIGEN * scale)
    simple = np.abs(ref[:, 0] - ref[:, 1]) > 1e-3 * scale
    np.testing.assert_allclose(np.asarray(eig)[simple], ref[simple], atol=1e-10 * scale.max())


def test_closed_form_eigenvalues_equal_lapack():
    for method in TWO_BY_TWO:
        for f1, f2, s, g in zip(
            F1[:40], F2[:40], HYP["sigma"][:40], HYP["gamma"][:40], strict=True
        ):
            h = {"sigma": s, "gamma": g}
            J = np.asarray(equilibrium.jacobian_at_equilibrium(method, f1, f2, h))
            lam = np.asarray(equilibrium.eigenvalues_at_equilibrium(method, f1, f2, h))
            np.testing.assert_allclose(
                np.sort_complex(lam),
                np.sort_complex(np.linalg.eigvals(J)),
                atol=tolerances.DEFECTIVE_EIGEN * (1 + np.abs(J).max()),
            )


@pytest.mark.parametrize("scheme", ["simgd", "altgd"])
def test_operator_spectra_match_numpy(scheme):
    h = RNG.uniform(0.01, 2.0, N)
    n_g, n_d = RNG.integers(1, 6, N), RNG.integers(1, 6, N)
    eig, rho = batched_operator_spectra(
        "gradient_penalty", F1, F2, HYP, h=h, scheme=scheme, n_g=n_g, n_d=n_d
    )
    J = np.asarray(jacobians_batch("gradient_penalty", F1, F2, HYP))
    for i in range(0, N, 37):
        F1m, F2m = (
            np.eye(2) + h[i] * np.array([J[i, 0], [0, 0]]),
            np.eye(2) + h[i] * np.array([[0, 0], J[i, 1]]),
        )
        M = (
            np.eye(2) + h[i] * J[i]
            if scheme == "simgd"
            else np.linalg.matrix_power(F2m, n_d[i]) @ np.linalg.matrix_power(F1m, n_g[i])
        )
        ref = np.max(np.abs(np.linalg.eigvals(M)))
        assert abs(float(rho[i]) - ref) <= tolerances.DEFECTIVE_EIGEN * (1 + np.abs(M).max())


@pytest.mark.parametrize("scheme", ["simgd", "altgd"])
def test_fused_stability_equals_the_two_spectra(scheme):
    h = RNG.uniform(0.01, 2.0, N)
    n_g, n_d = RNG.integers(1, 4, N), RNG.integers(1, 4, N)
    max_re, rho = batched_stability("instance_noise", F1, F2, HYP, h=h, scheme=scheme,
                                    n_g=n_g, n_d=n_d)
    _, want_re = batched_spectra("instance_noise", F1, F2, HYP)
    _, want_rho = batched_operator_spectra("instance_noise", F1, F2, HYP, h=h, scheme=scheme,
                                           n_g=n_g, n_d=n_d)
    # real arithmetic (τ, δ) against complex eigenvalues: equal to rounding
    np.testing.assert_allclose(max_re, want_re, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(rho, want_rho, rtol=1e-13, atol=1e-13)
    # the closed form of Lemma 3.2 / eq. (6) at one instance, independently of the kernel
    lam = np.asarray(equilibrium.instance_noise_eigenvalues(F1[0], F2[0], HYP["sigma"][0]))
    assert abs(float(max_re[0]) - lam.real.max()) <= 1e-12 * (1 + abs(lam).max())


def test_altgd_operator_equals_eq61_on_gan():
    for f1, h, n_g, n_d in [(0.5, 0.8, 2, 3), (-1.3, 0.2, 1, 7), (2.0, 1.5, 4, 1)]:
        J = equilibrium.jacobian_at_equilibrium("gan", f1, 0.0)
        np.testing.assert_allclose(
            operators.altgd_jacobian(J, h, n_g, n_d),
            operators.altgd_matrix(f1, h, n_g, n_d),
            atol=1e-13,
        )
        lam = np.asarray(operators.altgd_eigenvalues(f1, h, n_g, n_d))
        np.testing.assert_allclose(lam.prod(), 1.0, atol=1e-12 * (1 + (h * f1) ** 4 * n_g * n_d))


def test_altgd_jacobian_vmaps_over_counts():
    J = equilibrium.jacobian_at_equilibrium("gan", 0.5, -0.25)
    out = jax.vmap(operators.altgd_jacobian, in_axes=(None, None, 0, 0))(
        J, 0.8, jnp.array([1, 2]), jnp.array([3, 3])
    )
    np.testing.assert_allclose(out[1], operators.altgd_matrix(0.5, 0.8, 2, 3), atol=1e-14)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="energy"):
        batched_spectra("energy", 0.5, -0.25)
    with pytest.raises(ValueError, match="scheme"):
        batched_operator_spectra("gan", 0.5, -0.25, h=0.1, scheme="adam")
    with pytest.raises(ValueError, match="one dimension"):
        batched_spectra("gan", np.ones((2, 2)), -0.25)
    with pytest.raises(ValueError, match="scheme"):
        batched_stability("gan", 0.5, -0.25, h=0.1, scheme="adam")
    with pytest.raises(ValueError, match="energy"):
        batched_stability("energy", 0.5, -0.25, h=0.1)
    with pytest.raises(ValueError, match="method='r3'"):
        equilibrium.jacobian_at_equilibrium("r3", 0.5, -0.25)


@pytest.mark.parametrize("method", TWO_BY_TWO + ("energy",))
def test_generic_callable_f_closed_form_equals_autodiff(method):
    """Any smooth f, e.g. −log(1+e^{−at})/a + b t³, through f_derivatives."""
    from verifiers.dirac.checks import equilibrium_spectrum

    def f(t):
        return -jnp.log1p(jnp.exp(-1.7 * t)) / 1.7 + 0.3 * t**3

    out = equilibrium_spectrum(
        method, f, {"gamma": 0.8, "sigma": 0.6, "g0": 1.0, "k": 1.0}, psi1=0.7
    )
    assert out["discrepancy"] <= 1e-12
    assert out["f1"] == pytest.approx(0.5) and out["f2"] == pytest.approx(-1.7 / 4)


def test_gauss_hermite_rule_reproduces_the_moments_that_enter_the_jacobian():
    """``Σ p_i = 1`` and ``Σ p_i z_i² = 1`` to within 2 eps, in exact rational arithmetic:
    the assumption behind ``routes.ENTRY`` for the instance-noise Jacobian."""
    from fractions import Fraction

    from theory.dirac import objectives

    p = [Fraction(float(x)) for x in np.asarray(objectives._GH_P)]
    z = [Fraction(float(x)) for x in np.asarray(objectives._GH_Z)]
    eps = Fraction(np.finfo(float).eps)
    assert abs(sum(p) - 1) <= 2 * eps
    assert abs(sum(pi * zi**2 for pi, zi in zip(p, z, strict=True)) - 1) <= 2 * eps
