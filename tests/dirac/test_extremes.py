"""Extreme admissible inputs (tiny and huge h, γ, σ, f'(0), f''(0), μ, scaled matrices):
the right verdict or inconclusive, never a crash or a wrong verdict."""

import numpy as np
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
