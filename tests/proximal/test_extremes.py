"""Extreme admissible inputs of the proximal claims (Farnia & Ozdaglar 2020 §4–5 and ours):
η one ulp above 0, λη below the smallest float, σ one ulp above 1. Each gives the expected
verdict or ``inconclusive``, never a wrong verdict or a crash: in units η = 1 the checks
depend on κ = λη, which a printed λ(η) such as 1/(4η) must not overflow on the way."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.verdicts import assert_right_or_inconclusive
from theory import gaussian_ot
from theory.proximal import objective, threshold
from verifiers.certificate import Verdict
from verifiers.claims.farnia2020.proximal_symbols import kappa_at
from verifiers.registry import registry

TINY = 5e-324
ONE_UP = math.nextafter(1.0, 2.0)
ETA = st.one_of(st.sampled_from([TINY, 1e-310, 1e-300, 100.0]), st.floats(1e-3, 100.0))
LAM = st.one_of(st.sampled_from([0.0, TINY, 1e-300, 1e300]), st.floats(0.0, 10.0))
SIGMA = st.one_of(st.sampled_from([ONE_UP, 1.0 + 1e-12, 4.0 / 3.0, 50.0]), st.floats(1.01, 50.0))


def test_kappa_at_is_the_float_product_where_that_is_finite():
    for eta in (1e-300, 0.3, 1.0, 7.0, 100.0):
        assert kappa_at(threshold.theorem2_constant, eta) == (
            threshold.theorem2_constant(eta) * eta)
        assert kappa_at(threshold.slides_constant, eta) == threshold.slides_constant(eta) * eta


@pytest.mark.parametrize("eta", [TINY, 1e-310])
def test_kappa_at_a_subnormal_eta_keeps_the_constant(eta):
    assert threshold.theorem2_constant(eta) * eta == math.inf  # the float product overflows
    assert kappa_at(threshold.theorem2_constant, eta) == 0.25
    assert kappa_at(threshold.slides_constant, eta) == 1.0
    assert kappa_at(lambda e: threshold.lam_max_isotropic(3.0, e), eta) == 0.375
    assert kappa_at(lambda e: 1.001 / (4.0 * e), eta) == pytest.approx(0.25025, rel=1e-15)


@pytest.mark.parametrize("claim_id", ["farnia2020.theorem2", "ganeq.proximal.slides_constant"])
def test_a_printed_constant_at_a_subnormal_eta_is_decided(claim_id):
    """Theorem 2's 1/(4η) at η = 5e-324 is ~5e322, beyond float64: the check used to take
    ∞·η and crash (a RuntimeWarning as an error) or answer on κ = ∞."""
    claim = registry.get(claim_id)
    params = {**claim.defaults(), "eta": TINY}
    assert claim.check(**params).verdict is claim.expected_for(params)


def test_the_threshold_at_a_subnormal_eta_is_not_refuted():
    """λ_max·η was computed as ∞·5e-324 = ∞: margin −∞, ``refuted``."""
    cert = registry.get("ganeq.proximal.threshold").check(sigma=2.0, eta=TINY)
    assert cert.verdict is Verdict.HOLDS
    assert cert.witness["lam_max_closed_form"] == math.inf


@pytest.mark.parametrize("claim_id", ["farnia2020.proposition2", "farnia2020.corollary1"])
def test_an_underflowing_kappa_is_inconclusive(claim_id):
    """λ = η = 1e-300 > 0 give κ = 0 in float64, where V^prox_0 does not depend on D: the
    checks answered for λ = 0 (Proposition 2 ``refuted``, Corollary 1 ``holds``)."""
    claim = registry.get(claim_id)
    cert = claim.check(**{**claim.defaults(), "lam": 1e-300, "eta": 1e-300, "delta": 0.2})
    assert cert.verdict is Verdict.INCONCLUSIVE and "underflows" in cert.statement
    at_zero = claim.check(**{**claim.defaults(), "lam": 0.0, "eta": 1e-300, "delta": 0.2})
    assert at_zero.verdict is claim.expected_for(at_zero.params)


def test_gda_cycles_hypothesis_where_gamma_c_underflows():
    """γ_c's denominator 2ησ(σ − 1) underflows to 0 at η = 5e-324, σ = 1 + ulp: the expected
    verdict raised ZeroDivisionError; γ_c is −∞ there, so the hypothesis fails."""
    claim = registry.get("ganeq.proximal.gda_cycles")
    params = {"sigma": ONE_UP, "eta": TINY, "gamma": 0.1}
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE


def test_wgan1d_shifts_that_underflow_are_inconclusive():
    cert = registry.get("ganeq.proximal.wgan1d_no_pe").check(sigma=ONE_UP, lam=TINY)
    assert cert.verdict is Verdict.INCONCLUSIVE and "underflow" in cert.statement


@settings(max_examples=examples(12), deadline=None)
@given(SIGMA, ETA, LAM)
def test_threshold_family_at_extremes(sigma, eta, lam):
    assert_right_or_inconclusive("ganeq.proximal.threshold", sigma=sigma, eta=eta)
    assert_right_or_inconclusive("farnia2020.theorem2", sigma=sigma, eta=eta)
    assert_right_or_inconclusive("ganeq.proximal.slides_constant", sigma=sigma, eta=eta)
    assert_right_or_inconclusive("farnia2020.definition1", sigma=sigma, eta=eta,
                                 lam=max(lam, TINY))
    assert_right_or_inconclusive("ganeq.proximal.gda_cycles", sigma=sigma, eta=eta)


@settings(max_examples=examples(12), deadline=None)
@given(SIGMA, ETA, LAM, st.sampled_from([0.0, 0.2, -0.3]))
def test_proposition2_and_corollary1_at_extremes(sigma, eta, lam, delta):
    assert_right_or_inconclusive("farnia2020.proposition2", sigma=sigma, eta=eta, lam=lam,
                                 delta=delta)
    assert_right_or_inconclusive("farnia2020.corollary1", sigma=sigma, eta=eta, lam=lam,
                                 delta=delta)


def _reduced_objective_50_digits(A, p) -> float:
    """``F(A)`` of ``theory.proximal.objective`` (its module docstring) in 50-digit arithmetic."""
    import mpmath

    with mpmath.workdps(50):
        mat = lambda x: mpmath.matrix(np.asarray(x, float).tolist())  # noqa: E731
        A_, Sx, SY, A0 = mat(A), mat(p.Sx), mat(p.SY), mat(p.A0)
        b0, m, u = (mat(np.asarray(v, float)[:, None]) for v in (p.b0, p.m, p.u))
        eta, lam = mpmath.mpf(float(p.eta)), mpmath.mpf(float(p.lam))
        eye = mpmath.eye(A_.rows)
        M, up = eta * eye - A_, u - m
        w = b0 + 2 * A0 * m + 2 * eta * up
        dA = A_ - A0

        def tr(X):
            return sum(X[i, i] for i in range(X.rows))

        value = (tr(A_ * Sx) - eta**2 * tr(mpmath.inverse(M) * SY)
                 + eta * ((up.T * up)[0] + tr(SY))
                 - lam * (w.T * mpmath.lu_solve(eye + 4 * lam * M, w))[0]
                 - 4 * lam * tr(dA * Sx * dA))
        return float(value)


@pytest.mark.parametrize(("sigma", "kappa", "psi"), [(5.4, 1.468e-9, 0.3), (2.0, 0.05, 0.3),
                                                     (3.0, 5.0, 0.1)])
def test_value_rounding_bounds_the_barrier_value_error(sigma, kappa, psi):
    """At the end of the barrier path M = I − A is nearly singular (κ(M) ~ 4e8 for the first
    two): F in float64 is off by ~3e-8 there, which the earlier bound (512·eps·σ² ≈ 1e-12)
    missed, and the k < d claim said ``refuted`` in one process and ``holds`` in another."""
    Sx, wp = sigma**2 * np.eye(2), np.array([np.cos(psi), np.sin(psi)])
    D = gaussian_ot.optimal_discriminator(1.0, np.zeros(2), Sx, np.zeros(2),
                                          np.outer([1.0, 0.0], [1.0, 0.0]))
    p = objective.problem(np.zeros(2), Sx, np.zeros(2), np.outer(wp, wp), D.A, D.b, 1.0, kappa)
    sol = objective.solve_barrier(p)
    error = abs(float(sol.value) - _reduced_objective_50_digits(sol.A, p))
    assert error <= objective.value_rounding(sol.A, p) <= 1e-3


def test_nonconvex_claim_is_not_decided_below_its_rounding():
    cert = registry.get("ganeq.proximal.nonconvex_k_lt_d").check(sigma=5.4, eta=1.468,
                                                                   lam=1e-9, psi=0.3)
    assert cert.verdict is Verdict.INCONCLUSIVE and abs(cert.margin) < cert.tolerance
