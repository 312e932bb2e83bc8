"""Theorem 2 for a general covariance (``farnia2020.theorem2.general``): holds on its default
and on random admissible instances (general Σ, several d, k ≥ d), inapplicable for k < d,
refuted by a perturbed closed form or by the slides' constant where it is too large."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.proximal import general, threshold
from verifiers import Verdict
from verifiers.claims.farnia2020 import theorem2_general as t2
from verifiers.strategies import general_covariance_w2gan

CLAIM = t2.check_theorem2_general.claim


def run(**params):
    return CLAIM.check(**params)


@pytest.mark.slow
def test_default_holds():
    assert run().verdict == Verdict.HOLDS


def test_k_below_d_is_inapplicable_naming_convexity():
    out = run(d=3, k=2)
    assert out.verdict == Verdict.INAPPLICABLE
    assert "convex" in out.statement


@pytest.mark.perturbs("farnia2020.theorem2.general")
def test_perturbed_optimal_value_refutes(monkeypatch):
    """W* = Σ(√s_i − 1)₊² scaled by 1 + 1e-3 disagrees with the Newton and OT values."""
    real = general.w_star
    monkeypatch.setattr(general, "w_star", lambda s: real(s) * 1.001)
    assert run(d=2, k=2, s_max=4.0).verdict == Verdict.REFUTED


def test_slides_constant_refuted_by_a_witness(monkeypatch):
    """λ = 1/η (the slides' constant) with s_max = 9 (b = 1/3): C_U has the negative
    eigenvalue (1 − 4·2/3)/(1 + 4/3) and a Newton witness certifies it."""
    monkeypatch.setattr(threshold, "theorem2_constant", threshold.slides_constant)
    out = run(d=2, k=2, s_max=9.0, ratio=1.0)
    assert out.verdict == Verdict.REFUTED
    assert out.witness["witness_gap"] < 0


def test_theorem2_margin_is_the_smallest_cu_eigenvalue():
    """Closed form of the certificate's margin b/(1 + b) at κ = 1/4 (s = 4: b = 1/2)."""
    assert general.u_coefficients([4.0], 0.25)[0] == pytest.approx(1.0 / 3.0)


@pytest.mark.slow
@settings(max_examples=examples(6))
@given(general_covariance_w2gan())
def test_random_general_covariances_hold(params):
    """Family 1: k ≥ d with random rotations and spectra on both sides of 1."""
    assert run(**params).verdict == Verdict.HOLDS


@pytest.mark.slow
@settings(max_examples=examples(4))
@given(st.integers(1, 3), st.floats(1e-300, 100.0), st.integers(0, 1000))
def test_isotropic_and_extreme_eta_hold(d, eta, seed):
    """Family 2: isotropic Σ (ratio 1) at extreme η (scale invariance: κ = 1/4 always)."""
    assert run(d=d, k=d, s_max=2.5, ratio=1.0, seed=seed, eta=eta).verdict == Verdict.HOLDS
