"""Extreme admissible inputs (tiny and huge h, γ, σ, f'(0), f''(0), μ, scaled matrices):
the right verdict or inconclusive, never a crash or a wrong verdict."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.verdicts import assert_right_or_inconclusive
from verifiers.certificate import Verdict
from verifiers.dirac import blocks
from verifiers.registry import registry

TINY = 5e-324
F_EXTREME = st.fixed_dictionaries({
    "f": st.just("taylor"),
    "f1": st.one_of(st.sampled_from([TINY, -TINY, 1e-300, 1e3, -1e3, 0.0]),
                    st.floats(-1e3, 1e3)),
    "f2": st.one_of(st.sampled_from([TINY, -TINY, -1e-300, -1e3, 1e3, 0.0]),
                    st.floats(-1e3, 1e3)),
})
POSITIVE = st.one_of(st.sampled_from([TINY, 1e-300, 1e-12, 1e3]),
                     st.floats(0.0, 1e3, exclude_min=True))


@settings(max_examples=examples(40))
@given(F_EXTREME, POSITIVE)
def test_regularised_spectra_at_extremes(fp, value):
    assert_right_or_inconclusive("mescheder2018.lemma3.2", sigma=value, **fp)
    assert_right_or_inconclusive("mescheder2018.lemma3.3", gamma=value, **fp)
    assert_right_or_inconclusive("mescheder2018.lemmaC.4", gamma=value, **fp)


@settings(max_examples=examples(40))
@given(F_EXTREME, POSITIVE, st.sampled_from(["gradient_penalty", "instance_noise"]))
def test_unregularised_and_nilpotent_at_extremes(fp, h, method):
    assert_right_or_inconclusive("mescheder2018.lemma2.2", **fp)
    assert_right_or_inconclusive("mescheder2018.lemmaC.1", h=h, **fp)
    assert_right_or_inconclusive("ganeq.dirac.critical_nilpotent", method=method, **fp)


def test_nilpotent_says_when_the_critical_noise_overflows():
    """σ_crit² = |f'(0)|/|f''(0)| overflows at f''(0) = −5e-324: inconclusive, naming the
    overflowing critical value (before, a NaN Jacobian was all it said)."""
    cert = registry.get("ganeq.dirac.critical_nilpotent").check(
        method="instance_noise", f="taylor", f1=-0.326581, f2=-TINY)
    assert cert.verdict is Verdict.INCONCLUSIVE
    assert "critical value {'sigma': inf} overflows" in cert.statement


@settings(max_examples=examples(40))
@given(POSITIVE, st.sampled_from([TINY, -TINY, 1e-300, 10.0, -10.0, 0.5]),
       st.floats(-10.0, 10.0), st.integers(1, 100), st.integers(1, 100))
def test_simgd_and_wgan_at_extremes(h, theta, psi, n_g, n_d):
    assert_right_or_inconclusive("mescheder2018.lemma2.4", h=h, theta=theta, psi=psi)
    assert_right_or_inconclusive("mescheder2018.lemma3.1", h=h, n_g=n_g, n_d=n_d)


@settings(max_examples=examples(60))
@given(st.one_of(st.sampled_from([-TINY, -1e-300, -1e3]), st.floats(-1e3, 0.0, exclude_max=True)),
       st.one_of(st.sampled_from([0.0, TINY, 1e3, -1e3]), st.floats(-1e3, 1e3)), POSITIVE)
def test_lemma_a4_at_extremes(mu_re, mu_im, h):
    assert_right_or_inconclusive("mescheder2018.lemmaA.4", mu_re=mu_re, mu_im=mu_im, h=h)


MATRIX_CLAIMS = ("mescheder2018.lemmaA.5", "mescheder2018.theoremA.7",
                 "mescheder2018.theoremA.8", "mescheder2018.lemmaA.9")


@settings(max_examples=examples(15))
@given(st.integers(0, 2**32 - 1), st.integers(-1000, 1000))
def test_matrix_claims_on_scaled_matrices(seed, exponent):
    """The statements are invariant under J -> cJ: the verdict on c·(P, B, Q), c = 2^k
    (exact), is the verdict on (P, B, Q), or inconclusive."""
    params = blocks.random_blocks_any(np.random.default_rng(seed))
    c = 2.0**exponent
    for claim_id in MATRIX_CLAIMS:
        names = [p.name for p in registry.get(claim_id).params]
        base = {k: v for k, v in params.items() if k in names}
        scaled = {k: v * c for k, v in base.items()}
        if not all(np.all(np.isfinite(v)) and np.all((v == 0) == (base[k] == 0))
                   for k, v in scaled.items()):  # overflow, or underflow to 0
            continue
        claim = registry.get(claim_id)
        expected = claim.check(**base).verdict
        got = assert_right_or_inconclusive(claim_id, **scaled).verdict
        assert got in (expected, Verdict.INCONCLUSIVE) or expected is Verdict.INCONCLUSIVE


@settings(max_examples=examples(30))
@given(F_EXTREME, POSITIVE)
def test_section_e_closed_forms_at_extremes(fp, psi1):
    """f'(0) = ±5e-324 is f1 itself: XLA's autodiff flushed it to 0, and Theorem E.2's
    hypothesis f'(0) > 0 was then said to fail (``inapplicable`` where ``holds`` was
    expected)."""
    assert_right_or_inconclusive("mescheder2018.sectionE.full_rank", **fp)
    assert_right_or_inconclusive("mescheder2018.sectionE.energy", psi1=psi1, **fp)


def test_a_subnormal_f_prime_is_no_failed_hypothesis():
    energy = registry.get("mescheder2018.sectionE.energy")
    fp = {"f": "taylor", "f2": -0.25}
    assert energy.check(psi1=1.0, f1=TINY, **fp).verdict is Verdict.INCONCLUSIVE
    assert energy.check(psi1=1.0, f1=-TINY, **fp).verdict is Verdict.INAPPLICABLE
    full_rank = registry.get("mescheder2018.sectionE.full_rank")
    assert full_rank.check(f1=-TINY, **fp).verdict is Verdict.INCONCLUSIVE
    assert full_rank.check(f1=0.0, **fp).verdict is Verdict.INAPPLICABLE


@pytest.mark.parametrize(("f1", "f2"), [(-TINY, -0.25), (0.5, TINY)])
def test_a_failed_assumption_ii_with_a_subnormal_derivative_is_inapplicable(f1, f2):
    """Theorem E.2 needs f'(0) > 0 and f''(0) < 0: at f'(0) = −5e-324 or f''(0) = +5e-324 the
    hypothesis fails, decided on the parameters (it was ``inconclusive``: the subnormal
    guard ran before the decision)."""
    claim = registry.get("mescheder2018.theoremE.2")
    params = {**claim.defaults(), "f": "taylor", "f1": f1, "f2": f2}
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE


@pytest.mark.parametrize("claim_id", ["mescheder2018.lemmaD.2", "mescheder2018.lemmaD.6",
                                      "mescheder2018.lemmaE.1"])
@pytest.mark.parametrize(("f1", "f2"), [(-TINY, 0.2), (0.5, TINY)])
def test_jacobian_identities_never_compute_with_a_flushed_derivative(claim_id, f1, f2):
    """These claims need f'(0) and f''(0) whether or not Assumption II holds: a subnormal one
    is flushed to 0 by XLA, so the check cannot compute (Lemma D.6 at f'(0) = −5e-324 said
    σ_min(K_DG) = 0: ``refuted``; found by the corner phase of ``ganeq hunt``)."""
    claim = registry.get(claim_id)
    params = {**claim.defaults(), "f": "taylor", "f1": f1, "f2": f2}
    assert_right_or_inconclusive(claim_id, **params)
