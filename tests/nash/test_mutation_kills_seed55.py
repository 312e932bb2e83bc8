"""Gaps found by the mutation samples of seeds 55 to 64 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from scipy.stats import multivariate_normal

from theory.gaussian_games import lemma, wgan
from theory.gaussian_games._model import SV_RTOL, LinearGenerator, check_covariance
from verifiers.nash import certify


def test_symbolic_proof_of_the_wgan_gain_checks_every_step_it_reports():
    """Every line of the sympy certificate is checked, the monotonicity in μ included:
    ``m'(μ + t) − m'(μ) = erf((μ + t)/√2) − erf(μ/√2)``, positive because ``erf' > 0``
    (seed 55, #26: ``m'(μ − t)`` was printed with "(> 0: erf is increasing)" and never
    checked)."""
    proof = certify.symbolic_cw1_positive()
    assert proof["proved"] is True
    assert proof["c_W1(0)"] == "0"
    assert proof["d c_W1/dt"] == "erf(sqrt(2)*t/2)"
    assert proof["d/dmu [m(mu+t,1) - m(mu,1)]"].startswith(
        "-erf(sqrt(2)*mu/2) + erf(sqrt(2)*(mu + t)/2)")


def test_folded_mean_at_zero_spread_has_the_gradient_of_abs_mu():
    """``m(μ, 0) = |μ|``, and its μ-gradient at s = 0 is sign μ: the closed form is evaluated
    at a safe s there, so no NaN leaks into the gradient through the discarded branch (seed
    58, #14: ``s > 0`` → ``s ≥ 0`` for the safe s gave the gradient NaN, the value unchanged).
    """
    for mu in (-0.7, 1.3):
        assert float(wgan.folded_mean(mu, 0.0)) == abs(mu)
        grad_mu, grad_s = jax.grad(wgan.folded_mean, argnums=(0, 1))(mu, 0.0)
        assert float(grad_mu) == (1.0 if mu > 0 else -1.0)
        assert math.isfinite(float(grad_s))


def test_covariance_asymmetry_allowance_is_inclusive():
    """A covariance is accepted while ``max|S − Sᵀ| ≤ 10⁻¹²·max(1, max|S|)`` (end included,
    and symmetrised), rejected beyond (seed 59, #24: ``>`` → ``≥``)."""
    S = check_covariance("Sigma", [[1.0, 1e-12], [0.0, 1.0]])
    np.testing.assert_array_equal(S, [[1.0, 5e-13], [5e-13, 1.0]])
    with pytest.raises(ValueError, match="Sigma=.*must be symmetric"):
        check_covariance("Sigma", [[1.0, 2e-12], [0.0, 1.0]])


def test_interval_prover_splits_the_widest_side():
    """``x² − x/2 + 0.07 > 0`` on x ∈ [0, 1] (minimum 0.0075 at x = ¼) needs bisection in x;
    y, on which it does not depend, lies in [10, 10.001]. Splitting the widest side proves it
    in a few dozen boxes; splitting by ``hi + lo`` would only ever cut y (seed 62, #5)."""
    def fn(backend, x, y):
        return x * x - x / 2 + 0.07 + 0 * y

    proved, used = certify.interval_positive_on_box(fn, {"x": (0.0, 1.0), "y": (10.0, 10.001)},
                                                    {}, max_boxes=200)
    assert proved and used < 200


def test_log_ratio_evaluates_to_the_difference_of_the_two_log_densities():
    """``ell_G(y) = log p_X(y) − log p_G(y)`` for ``P_G = N(u, S)``, data ``N(0, Σ)``, against
    scipy's Gaussian log-densities at single points and at rows (seed 63, #9 and #12: the
    quadratic term's ½ divided, the linear term's sign flipped; only the registry reached
    this function, through closed forms that do not call it)."""
    S = np.array([[1.5, 0.3], [0.3, 0.8]])
    u, Sigma = np.array([0.4, -0.2]), np.array([[2.0, 0.1], [0.1, 1.2]])
    y = np.array([[0.3, 1.0], [-1.2, 0.5], [0.0, 0.0]])
    ell = lemma.log_ratio(jnp.asarray(S), jnp.asarray(u), jnp.asarray(Sigma))
    want = multivariate_normal(np.zeros(2), Sigma).logpdf(y) - multivariate_normal(u, S).logpdf(y)
    np.testing.assert_allclose(np.asarray(lemma.evaluate(ell, jnp.asarray(y))), want, rtol=1e-13)
    assert float(lemma.evaluate(ell, jnp.asarray(y[0]))) == pytest.approx(want[0], rel=1e-13)


def test_generator_singular_value_slack_is_inclusive():
    """``σ_max(W) ≤ sv_max·(1 + SV_RTOL)`` is admissible, its end included (a diagonal W has
    its singular values exactly); just beyond it the constructor names W and the range (seed
    64, #21: ``>`` → ``≥``)."""
    edge = 1.0 + SV_RTOL
    g = LinearGenerator(np.diag([edge, 0.5]), np.zeros(2), t=1.0)
    assert np.linalg.svd(g.W, compute_uv=False).max() == edge
    with pytest.raises(ValueError, match=r"W=.*sigma_max\(W\)=.*admissible"):
        LinearGenerator(np.diag([edge * (1 + 1e-14), 0.5]), np.zeros(2), t=1.0)
