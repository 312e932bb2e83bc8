"""The slides' stability observation (``farnia2020.slides.stability``): refuted for T < T_c
inner steps (T = 1: alternating GDA), holds for T ≥ T_c, inapplicable off its hypotheses; a
perturbed closed-form block is refuted."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.proximal import dynamics
from verifiers import Verdict
from verifiers.claims.farnia2020 import slides_stability as mod
from verifiers.strategies import proximal_training_at_pe

CLAIM = mod.check_slides_stability.claim


@pytest.mark.parametrize(("T", "expected"), [(1, Verdict.REFUTED), (2, Verdict.HOLDS),
                                             (5, Verdict.HOLDS)])
def test_threshold_at_T_c_2(T, expected):
    """σ = 2, η = 1, λ = 1/4, γ = γ_D = 0.02: T_c = 2."""
    assert dynamics.inner_steps_critical_T(2.0, 1.0, 0.25, 0.02, 0.02) == 2.0
    assert CLAIM.check(T=T).verdict == expected


def test_hypotheses_give_inapplicable():
    assert CLAIM.check(lam=0.6).verdict == Verdict.INAPPLICABLE          # λ > λ_max = 1/2
    assert CLAIM.check(gamma_d=0.9).verdict == Verdict.INAPPLICABLE      # γ_D ≥ 2/L_inner


@pytest.mark.perturbs("farnia2020.slides.stability")
def test_perturbed_block_is_refuted(monkeypatch):
    real = dynamics.inner_steps_block
    monkeypatch.setattr(dynamics, "inner_steps_block", lambda *a: real(*a) * 1.001)
    assert CLAIM.check(T=5).verdict == Verdict.REFUTED


@settings(max_examples=examples(8))
@given(proximal_training_at_pe())
def test_sampled_instances_give_the_expected_verdict(params):
    """Family 1: the claim's sampler (σ, η, λ ≤ 1.1λ_max, steps, T ∈ [1, 2T_c])."""
    got = CLAIM.check(**params).verdict
    assert got in (CLAIM.expected_for(params), Verdict.INCONCLUSIVE), (params, got)


@pytest.mark.slow
@settings(max_examples=examples(8))
@given(st.floats(1.2, 4.0), st.floats(0.3, 2.0), st.floats(0.1, 1.0), st.integers(1, 40))
def test_gda_family_at_equal_steps(sigma, eta, r, T):
    """Family 2: λ = r·λ_max, inner step half its bound, G step 0.01, any T (T = 1 is
    alternating GDA)."""
    lam = r * sigma / (4 * eta * (sigma - 1))
    params = {"sigma": sigma, "eta": eta, "lam": lam, "gamma": 0.01, "T": T,
              "gamma_d": 0.5 * dynamics.inner_step_bound(sigma, eta, lam)}
    got = CLAIM.check(**params).verdict
    assert got in (CLAIM.expected_for(params), Verdict.INCONCLUSIVE), (params, got)
