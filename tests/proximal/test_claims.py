"""Proximal-equilibrium claims: random admissible instances give the expected verdict (or
``inconclusive`` next to a threshold; the defaults are pinned by ``tests/core/test_registry.py``),
a perturbed closed form or constant makes each claim come out ``refuted``, leaving a hypothesis
gives ``inapplicable``, extreme inputs never crash or mislead, bad input is rejected."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.verdicts import assert_right_or_inconclusive
from theory.proximal import dynamics, threshold, w2gan, wgan1d
from verifiers import Verdict
from verifiers.claims.farnia2020 import proximal as f1
from verifiers.claims.farnia2020 import proximal_existence as f2
from verifiers.claims.ganeq import proximal as g
from verifiers.proximal import pe

CLAIMS = {fn.claim.id: fn.claim for fn in (
    f1.check_definition1, f1.check_proposition2, f1.check_proposition3, f1.check_corollary1,
    f1.check_proposition4, f2.check_theorem2, f2.check_theorem3, f2.check_algorithm1,
    g.check_proximal_threshold, g.check_proximal_slides_constant, g.check_proximal_nonconvex_k_lt_d,
    g.check_proximal_wgan1d_no_pe, g.check_proximal_gda_cycles, g.check_proximal_stable_not_pe)}
SAMPLED = ["farnia2020.definition1", "farnia2020.proposition2", "farnia2020.corollary1",
           "farnia2020.theorem2", "farnia2020.theorem3", "ganeq.proximal.slides_constant",
           "ganeq.proximal.wgan1d_no_pe", "ganeq.proximal.gda_cycles",
           "ganeq.proximal.stable_not_pe"]


def verdict(cid, **params):
    return CLAIMS[cid].check(**params).verdict


@pytest.mark.parametrize("cid", SAMPLED)
def test_random_instances(cid):
    claim = CLAIMS[cid]

    @settings(max_examples=examples(4), deadline=None)
    @given(claim.strategy())
    def run(params):
        assert_right_or_inconclusive(cid, **params)

    run()


def test_threshold_acceptance_and_slides_witness():
    cert = CLAIMS["ganeq.proximal.threshold"].check(sigma=2, eta=0.5)
    assert cert.verdict == Verdict.HOLDS
    assert abs(cert.witness["lam_max_closed_form"] - 1.0) <= 1e-12
    assert abs(cert.witness["lam_max_bisection"] - 1.0) <= 1e-9
    slides = CLAIMS["ganeq.proximal.slides_constant"].check(sigma=2, eta=0.5)
    assert slides.verdict == Verdict.REFUTED and slides.witness["witness_gap"] < 0
    assert np.linalg.norm(slides.witness["witness_generator"]["u"]) > 0


@pytest.mark.parametrize("ratio, expected", [(0.999, Verdict.HOLDS), (1.001, Verdict.REFUTED),
                                             (3.0, Verdict.REFUTED), (0.05, Verdict.HOLDS)])
def test_definition1_both_sides_of_the_threshold(ratio, expected):
    lam = ratio * threshold.lam_max_isotropic(2.0, 0.5)
    assert verdict("farnia2020.definition1", sigma=2.0, eta=0.5, lam=lam, t=1.0) == expected


def test_slides_crossover_is_four_thirds():
    """1/η ≤ λ_max ⇔ 4(σ − 1) ≤ σ ⇔ σ ≤ 4/3: holds just below, refuted just above."""
    assert verdict("ganeq.proximal.slides_constant", sigma=1.33, eta=0.5) == Verdict.HOLDS
    assert verdict("ganeq.proximal.slides_constant", sigma=1.34, eta=0.5) == Verdict.REFUTED
    assert_right_or_inconclusive("ganeq.proximal.slides_constant", sigma=4.0 / 3.0, eta=0.5)


@pytest.mark.parametrize("sigma, want", [(4.0 / 3.0, Verdict.HOLDS),
                                         (4.0 / 3.0 + 2e-4, Verdict.REFUTED)])
def test_slides_expected_verdict_switches_exactly_at_four_thirds(sigma, want):
    """The expected verdict is ``holds`` up to σ = 4/3 included and ``refuted`` beyond; 2·10⁻⁴
    above it the check itself already refutes (1/η exceeds λ_max there by 0.045 %)."""
    claim = CLAIMS["ganeq.proximal.slides_constant"]
    assert claim.expected_for({"sigma": sigma, "eta": 0.5}) == want
    if want is Verdict.REFUTED:
        assert verdict("ganeq.proximal.slides_constant", sigma=sigma, eta=0.5) == want


# --- perturbed formulas: refuted ---------------------------------------------------------------

def _scaled_optimum(factor_A=1.0, factor_W=1.0):
    real = w2gan.theorem1_optimum

    def perturbed(sigma, eta, d):
        A, b, w = real(sigma, eta, d)
        return A * factor_A, b, w * factor_W

    return perturbed


@pytest.mark.perturbs("farnia2020.definition1")
def test_definition1_refuted_with_perturbed_dstar(monkeypatch):
    """D* = η(1 − 1/σ)I scaled by 1 + 1e-3 is no best response: (12)'s left side fails."""
    monkeypatch.setattr(w2gan, "theorem1_optimum", _scaled_optimum(factor_A=1.001))
    assert verdict("farnia2020.definition1") == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.proposition2")
def test_proposition2_refuted_with_perturbed_gradient(monkeypatch):
    """∇_A V with its tr(A Sx) term scaled by 1 + 1e-3: D* fails Proposition 2's first
    condition while (12), decided on the reduced program, still says PE: they disagree."""
    real = w2gan.grad_w

    def perturbed(W, u, A, b, m, Sx, eta):
        gA, gb = real(W, u, A, b, m, Sx, eta)
        return gA + 1e-3 * Sx, gb

    monkeypatch.setattr(w2gan, "grad_w", perturbed)
    assert verdict("farnia2020.proposition2") == Verdict.REFUTED


def test_proposition2_refuted_at_lambda_zero_as_printed():
    """λ = 0: (G*, D* + δ(η/σ)I) is a 0-PE but no best response (the erratum)."""
    params = {"lam": 0.0, "delta": 0.1}
    assert CLAIMS["farnia2020.proposition2"].expected_for(params) == Verdict.REFUTED
    assert verdict("farnia2020.proposition2", **params) == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.proposition3")
def test_proposition3_refuted_with_a_term_increasing_in_lambda(monkeypatch):
    real = pe.prox_value_route

    def perturbed(p):
        r = real(p)
        return pe.Route(r.name, r.value + float(p.lam), r.error)  # a bonus λ, not a penalty

    monkeypatch.setattr(pe, "prox_value_route", perturbed)
    assert verdict("farnia2020.proposition3") == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.corollary1")
def test_corollary1_refuted_with_perturbed_ot_cost(monkeypatch):
    real = f1.gaussian_ot.ot_cost
    monkeypatch.setattr(f1.gaussian_ot, "ot_cost", lambda *a: real(*a) * (1 - 1e-3))
    assert verdict("farnia2020.corollary1") == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.proposition4")
def test_proposition4_refuted_with_gradient_at_anchor(monkeypatch):
    """∇_θ V(G_θ, D_w) at the anchor w (not w*) is not the gradient of V^prox."""

    def at_anchor(W, u, sol, A0, b0, m, Sx, eta):
        return w2gan.grad_theta(W, u, A0, b0, m, Sx, eta)

    monkeypatch.setattr(f1, "_prop4_gradient", at_anchor)
    assert verdict("farnia2020.proposition4", game="w2gan") == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.theorem2")
def test_theorem2_fails_just_above_the_exact_threshold(monkeypatch):
    """Theorem 2's constant replaced by λ_max(1 + 1e-3): a Newton witness refutes it."""
    monkeypatch.setattr(threshold, "theorem2_constant",
                        lambda eta: 1.001 * threshold.lam_max_isotropic(3.0, eta))
    assert verdict("farnia2020.theorem2", sigma=3.0, eta=1.0) == Verdict.REFUTED


def test_theorem2_holds_just_below_the_exact_threshold(monkeypatch):
    monkeypatch.setattr(threshold, "theorem2_constant",
                        lambda eta: 0.999 * threshold.lam_max_isotropic(3.0, eta))
    assert verdict("farnia2020.theorem2", sigma=3.0, eta=1.0) == Verdict.HOLDS


@pytest.mark.perturbs("farnia2020.theorem3")
def test_theorem3_refuted_with_perturbed_w1_star(monkeypatch):
    monkeypatch.setattr(wgan1d, "location_w1_star", lambda a: a * (1 + 1e-3))
    assert verdict("farnia2020.theorem3") == Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.algorithm1")
def test_algorithm1_refuted_if_penalty_were_lambda(monkeypatch):
    monkeypatch.setattr(dynamics, "algorithm1_mu", lambda lam: lam)
    assert verdict("farnia2020.algorithm1") == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.threshold")
def test_threshold_refuted_with_scaled_closed_form(monkeypatch):
    real = threshold.lam_max_isotropic
    monkeypatch.setattr(threshold, "lam_max_isotropic", lambda s, e: (1 + 1e-3) * real(s, e))
    assert verdict("ganeq.proximal.threshold") == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.slides_constant")
def test_slides_refuted_below_four_thirds_with_scaled_constant(monkeypatch):
    assert verdict("ganeq.proximal.slides_constant", sigma=1.3333) == Verdict.HOLDS
    real = threshold.slides_constant
    monkeypatch.setattr(threshold, "slides_constant", lambda eta: (1 + 1e-3) * real(eta))
    assert verdict("ganeq.proximal.slides_constant", sigma=1.3333) == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.nonconvex_k_lt_d")
def test_nonconvex_refuted_with_perturbed_w_star(monkeypatch):
    real = g.gaussian_ot.ot_cost
    monkeypatch.setattr(g.gaussian_ot, "ot_cost", lambda *a: real(*a) * (1 - 1e-2))
    assert verdict("ganeq.proximal.nonconvex_k_lt_d") == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.wgan1d_no_pe")
def test_wgan1d_refuted_with_perturbed_w1_star(monkeypatch):
    real = wgan1d.w1_star
    monkeypatch.setattr(wgan1d, "w1_star", lambda sigma: real(sigma) * (1 - 1e-2))
    assert verdict("ganeq.proximal.wgan1d_no_pe") == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.gda_cycles")
def test_gda_refuted_with_perturbed_block(monkeypatch):
    real = dynamics.gda_block
    monkeypatch.setattr(dynamics, "gda_block", lambda *a: real(*a) * (1 + 1e-3))
    assert verdict("ganeq.proximal.gda_cycles") == Verdict.REFUTED


@pytest.mark.perturbs("ganeq.proximal.stable_not_pe")
def test_stable_not_pe_refuted_with_perturbed_block(monkeypatch):
    real = dynamics.prox_block
    monkeypatch.setattr(dynamics, "prox_block", lambda *a: real(*a) * (1 + 1e-3))
    assert verdict("ganeq.proximal.stable_not_pe") == Verdict.REFUTED


# --- leaving a hypothesis: inapplicable ----------------------------------------------------------

@pytest.mark.parametrize("cid, params", [
    ("farnia2020.proposition3", {"lam1": 3.0, "lam2": 1.0}),
    ("farnia2020.proposition4", {"game": "smooth", "eta2": 5.0}),
    ("farnia2020.corollary1", {"lam": 0.0}),
    ("farnia2020.corollary1", {"delta": 0.1}),
    ("farnia2020.corollary1", {"lam": 3.0}),
    ("farnia2020.theorem3", {"family": "scale", "lam": 0.1}),
    ("farnia2020.theorem3", {"family": "location", "a": 0.05, "lam": 0.1}),
    ("ganeq.proximal.gda_cycles", {"eta": 0.5}),
    ("ganeq.proximal.stable_not_pe", {"gamma": 0.09, "eta": 2.0}),
])
def test_outside_the_hypothesis_is_inapplicable(cid, params):
    assert CLAIMS[cid].expected_for(params) == Verdict.INAPPLICABLE
    assert verdict(cid, **params) == Verdict.INAPPLICABLE


def test_proposition4_smooth_game_with_positive_eta2():
    """η2 > 0 (V not concave in w): (λη1 − η2)-strong concavity and (14) hold."""
    assert verdict("farnia2020.proposition4", game="smooth", eta2=0.5) == Verdict.HOLDS
    assert verdict("farnia2020.proposition4", game="smooth", seed=7, lam=2.0,
                   eta2=1.9) == Verdict.HOLDS


@pytest.mark.perturbs("farnia2020.proposition4")
def test_proposition4_smooth_refuted_with_gradient_at_anchor(monkeypatch):
    """Smooth game: (14)'s right side evaluated at the anchor w0 instead of w*."""
    real = f1._smooth_gradients

    def at_anchor(theta, S, K, w0, eta2, lam):
        computed, _ = real(theta, S, K, w0, eta2, lam)
        return computed, f1.jax.grad(f1._smooth_value)(theta, w0, S, eta2)

    monkeypatch.setattr(f1, "_smooth_gradients", at_anchor)
    assert verdict("farnia2020.proposition4", game="smooth") == Verdict.REFUTED


def test_theorem3_scale_family_holds_at_zero():
    assert verdict("farnia2020.theorem3", family="scale", lam=0.0) == Verdict.HOLDS


# --- numerical extremes: right verdict or inconclusive ------------------------------------------

EXTREMES = [
    ("farnia2020.definition1", {"sigma": 1 + 1e-12}),
    ("farnia2020.definition1", {"eta": 1e-300, "lam": 1e299}),
    ("farnia2020.definition1", {"eta": 1e-300, "lam": 1e300}),
    ("farnia2020.definition1", {"lam": 1e-300}),
    ("farnia2020.definition1", {"lam": 1e300, "eta": 100.0}),
    ("farnia2020.definition1", {"sigma": 50.0, "t": 1e-300}),
    ("farnia2020.proposition2", {"lam": 1e-300, "delta": 0.1}),
    ("farnia2020.proposition2", {"lam": 1e300, "delta": -0.3}),
    ("farnia2020.proposition2", {"sigma": 1 + 1e-12, "delta": 1e-300}),
    ("farnia2020.proposition3", {"lam1": 0.0, "lam2": 1e300}),
    ("farnia2020.proposition3", {"lam1": 1.0, "lam2": 1.0}),
    ("farnia2020.corollary1", {"eta": 1e-300, "lam": 1e-300}),
    ("farnia2020.proposition4", {"lam": 1e-300}),
    ("farnia2020.proposition4", {"lam": 1e300}),
    ("farnia2020.proposition4", {"game": "smooth", "lam": 1e300, "eta2": 1e3}),
    ("farnia2020.proposition4", {"game": "smooth", "eta2": 0.0}),
    ("farnia2020.theorem2", {"eta": 1e-300}),
    ("farnia2020.theorem2", {"sigma": 1 + 1e-12, "eta": 100.0}),
    ("farnia2020.theorem2", {"sigma": 50.0}),
    ("farnia2020.theorem3", {"lam": 1e-300, "a": 1e-300}),
    ("farnia2020.theorem3", {"lam": 1e300}),
    ("farnia2020.theorem3", {"family": "scale", "lam": 0.0, "sigma": 1 + 1e-12}),
    ("farnia2020.algorithm1", {"sigma": 50.0, "lam": 100.0}),
    ("farnia2020.algorithm1", {"eta": 1e-300, "lam": 1e-300}),
    ("ganeq.proximal.threshold", {"sigma": 1 + 1e-12}),
    ("ganeq.proximal.threshold", {"sigma": 50.0, "eta": 1e-300}),
    ("ganeq.proximal.slides_constant", {"eta": 1e-300}),
    ("ganeq.proximal.nonconvex_k_lt_d", {"lam": 1e-300}),
    ("ganeq.proximal.nonconvex_k_lt_d", {"lam": 1e300}),
    ("ganeq.proximal.wgan1d_no_pe", {"lam": 1e-300}),
    ("ganeq.proximal.wgan1d_no_pe", {"lam": 1e300, "sigma": 1 + 1e-12}),
    ("ganeq.proximal.gda_cycles", {"eta": 100.0, "sigma": 50.0, "gamma": 1e-300}),
    ("ganeq.proximal.stable_not_pe", {"eta": 1e-300}),
    ("ganeq.proximal.stable_not_pe", {"sigma": 1 + 1e-12}),
]


@pytest.mark.parametrize("cid, params", EXTREMES)
def test_extreme_inputs(cid, params):
    assert_right_or_inconclusive(cid, **params)


def test_threshold_near_one_is_not_compared_with_tolerance_zero():
    """σ → 1⁺: the bisection's bracket cannot resolve λ_max; no refutation."""
    cert = CLAIMS["ganeq.proximal.threshold"].check(sigma=1 + 1e-12)
    assert cert.verdict == Verdict.INCONCLUSIVE
    assert verdict("ganeq.proximal.threshold", sigma=1.01) == Verdict.HOLDS


@pytest.mark.parametrize("cid, params, match", [
    ("ganeq.proximal.threshold", {"eta": 0.0}, "eta=0.0"),
    ("ganeq.proximal.threshold", {"eta": -1.0}, "eta=-1.0"),
    ("ganeq.proximal.threshold", {"sigma": float("nan")}, "sigma=nan"),
    ("ganeq.proximal.threshold", {"sigma": 1.0}, "sigma=1.0"),
    ("farnia2020.definition1", {"lam": -0.1}, "lam=-0.1"),
    ("farnia2020.definition1", {"lam": 0.0}, "lam=0.0"),
    ("farnia2020.proposition2", {"delta": 0.5}, "delta=0.5"),
    ("farnia2020.theorem3", {"lam": -1.0}, "lam=-1.0"),
    ("farnia2020.theorem3", {"family": "other"}, "family='other'"),
])
def test_bad_input_rejected(cid, params, match):
    with pytest.raises(ValueError, match=match):
        CLAIMS[cid].check(**params)


@settings(max_examples=examples(12), deadline=None)
@given(st.floats(-300, 300), st.floats(-300, 2), st.floats(-12, 1.69), st.floats(-3, 1))
def test_definition1_extreme_scales(log_lam, log_eta, log_excess, log_t):
    """λ, η over 600 decades and σ = 1 + 10^x down to 1 + 1e-12: the expected verdict or
    inconclusive, never a crash or the opposite verdict."""
    assert_right_or_inconclusive("farnia2020.definition1", lam=10.0**log_lam, eta=10.0**log_eta,
                          sigma=1.0 + 10.0**log_excess, t=10.0**log_t)


@settings(max_examples=examples(12), deadline=None)
@given(st.floats(-300, 300), st.floats(-12, 1.69))
def test_wgan1d_and_theorem3_extreme_weights(log_lam, log_excess):
    """Tiny and huge λ through the guarded quadrature (no division by a vanishing λp_X)."""
    sigma = 1.0 + 10.0**log_excess
    assert_right_or_inconclusive("ganeq.proximal.wgan1d_no_pe", lam=10.0**log_lam, sigma=sigma)
    assert_right_or_inconclusive("farnia2020.theorem3", lam=10.0**log_lam, sigma=sigma, a=0.5)


@pytest.mark.parametrize("sigma, eta, expected", [(2.0, 0.5, 1.0), (3.0, 2.0, 0.1875),
                                                   (1.5, 0.25, 3.0)])
def test_lam_max_closed_form_at_eta_other_than_one(sigma, eta, expected):
    """λ_max = σ/(4η(σ − 1)), pinned away from η = 1 (where a wrong η-power is invisible)."""
    from verifiers.claims.farnia2020.proximal_symbols import lam_max

    assert lam_max(sigma, eta) == pytest.approx(expected, rel=1e-15)


def test_corollary1_search_draws_admissible_generators():
    """The generators Corollary 1's Stackelberg check compares with are admissible:
    σ_max(W) <= 1 and ‖u‖ <= t."""
    from verifiers.claims.farnia2020.proximal import _generators

    W, u = _generators(0, 0.7)
    assert np.all(np.linalg.norm(W, 2, axis=(1, 2)) <= 1.0 + 1e-12)
    assert np.all(np.linalg.norm(u, axis=1) <= 0.7 * (1 + 1e-12))
