"""Proximal-equilibrium claims: defaults give the expected verdict, random admissible
instances too, each claim can come out refuted, bad input is rejected."""

import numpy as np
import pytest
from hypothesis import given, settings

from verifiers import Verdict, registry
from verifiers.claims.farnia2020 import proximal as f1
from verifiers.claims.farnia2020 import proximal_existence as f2
from verifiers.claims.ganeq import proximal as g

IDS = [
    "farnia2020.definition1",
    "farnia2020.proposition2",
    "farnia2020.proposition3",
    "farnia2020.corollary1",
    "farnia2020.proposition4",
    "farnia2020.theorem2",
    "farnia2020.theorem3",
    "farnia2020.algorithm1",
    "ganeq.proximal.threshold",
    "ganeq.proximal.slides_constant",
    "ganeq.proximal.nonconvex_k_lt_d",
    "ganeq.proximal.wgan1d_no_pe",
    "ganeq.proximal.gda_cycles",
    "ganeq.proximal.stable_not_pe",
]
FAST = [
    "farnia2020.definition1",
    "farnia2020.theorem2",
    "farnia2020.theorem3",
    "ganeq.proximal.slides_constant",
    "ganeq.proximal.wgan1d_no_pe",
    "ganeq.proximal.gda_cycles",
]


@pytest.mark.parametrize("cid", IDS)
def test_defaults_give_expected_verdict(cid):
    claim = registry.get(cid)
    assert claim.check().verdict == claim.expected_for({})


def test_acceptance_threshold_and_theorem2():
    cert = registry.get("ganeq.proximal.threshold").check(sigma=2, eta=0.5)
    assert cert.verdict == Verdict.HOLDS
    assert abs(cert.witness["lam_max_closed_form"] - 1.0) <= 1e-12
    assert abs(cert.witness["lam_max_bisection"] - 1.0) <= 1e-6
    assert registry.get("farnia2020.theorem2").check(sigma=3, eta=1).verdict == Verdict.HOLDS
    slides = registry.get("ganeq.proximal.slides_constant").check(sigma=2, eta=0.5)
    assert slides.verdict == Verdict.REFUTED and slides.witness["witness_gap"] < 0
    assert np.linalg.norm(slides.witness["witness_generator"]["u"]) > 0


@pytest.mark.parametrize("cid", FAST)
def test_random_instances(cid):
    claim = registry.get(cid)

    @settings(max_examples=3)
    @given(claim.strategy())
    def run(params):
        assert claim.check(**params).verdict == claim.expected_for(params)

    run()


@pytest.mark.refutes("farnia2020.definition1")
def test_definition1_refuted_above_threshold():
    assert (
        f1._check_definition1(sigma=2.0, eta=0.5, lam=2.0, t=1.0).final_verdict() == Verdict.REFUTED
    )


@pytest.mark.refutes("farnia2020.proposition2")
def test_proposition2_refuted_at_lambda_zero():
    """At λ = 0 every D is a PE partner of G* but D* + δI is no best response."""
    out = f1._check_proposition2(sigma=2.0, eta=0.5, lam=0.0, t=1.0, delta=0.1)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.proposition3")
def test_proposition3_refuted_with_reversed_lambdas():
    assert f1._check_proposition3(seed=0, lam1=2.0, lam2=0.05).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.corollary1")
def test_corollary1_refuted_for_pe0():
    """PE_0 ⊋ Stackelberg: (G*, D* + δI) is a 0-PE but not Stackelberg."""
    out = f1._check_corollary1(sigma=2.0, eta=0.5, lam=0.0, t=1.0, delta=0.1)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.proposition4")
def test_proposition4_refuted_with_gradient_at_anchor(monkeypatch):
    """∇_θ V(G_θ, D_w) at the anchor w (not w*) is not the gradient of V^prox."""

    def at_anchor(W, u, sol, A0, b0, m, Sx, eta):
        return f1.w2gan.grad_theta(W, u, A0, b0, m, Sx, eta)

    monkeypatch.setattr(f1, "_prop4_gradient", at_anchor)
    assert f1._check_proposition4(seed=0, lam=0.5).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem2")
def test_theorem2_refuted_with_slides_constant(monkeypatch):
    monkeypatch.setattr(f2, "CONSTANT", f2.threshold.slides_constant)
    assert f2._check_theorem2(sigma=3.0, eta=1.0, t=1.0).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem3")
def test_theorem3_refuted_when_hypothesis_forced(monkeypatch):
    """If α² were bounded below, the conclusion would be checked, and it fails."""
    monkeypatch.setattr(f2, "_alpha_sq", lambda x, s, u, sigma: 10.0)
    assert f2._check_theorem3(sigma=2.0, lam=0.1).final_verdict() == Verdict.REFUTED
    assert f2._check_theorem3(sigma=2.0, lam=0.0).final_verdict() == Verdict.HOLDS


@pytest.mark.refutes("farnia2020.algorithm1")
def test_algorithm1_refuted_if_penalty_were_lambda(monkeypatch):
    monkeypatch.setattr(f2.dynamics, "algorithm1_mu", lambda lam: lam)
    assert f2._check_algorithm1(sigma=2.0, eta=0.5, lam=1.0).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.threshold")
def test_threshold_refuted_with_wrong_closed_form(monkeypatch):
    real = g.threshold.lam_max_isotropic
    monkeypatch.setattr(g.threshold, "lam_max_isotropic", lambda s, e: 1.1 * real(s, e))
    assert g._check_threshold(sigma=2.0, eta=0.5).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.slides_constant")
def test_slides_constant_refuted_and_holds_below_four_thirds():
    assert g._check_slides(sigma=3.0, eta=1.0, t=1.0).final_verdict() == Verdict.REFUTED
    assert g._check_slides(sigma=1.2, eta=0.5, t=1.0).final_verdict() == Verdict.HOLDS


@pytest.mark.refutes("ganeq.proximal.nonconvex_k_lt_d")
def test_nonconvex_refuted_with_perturbed_w_star(monkeypatch):
    real = g.gaussian_ot.ot_cost
    monkeypatch.setattr(g.gaussian_ot, "ot_cost", lambda *a: real(*a) - 0.5)
    assert (
        g._check_nonconvex(sigma=2.0, eta=0.5, lam=0.1, psi=0.3).final_verdict() == Verdict.REFUTED
    )


@pytest.mark.refutes("ganeq.proximal.wgan1d_no_pe")
def test_wgan1d_refuted_with_perturbed_gap(monkeypatch):
    monkeypatch.setattr(g.wgan1d, "prox_gap", lambda lam, u, sigma: 1e-3)
    assert g._check_wgan1d(sigma=2.0, lam=0.1).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.gda_cycles")
def test_gda_converges_for_eta_half():
    assert g._check_gda(sigma=2.0, eta=0.5, gamma=0.02).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.stable_not_pe")
def test_prox_training_unstable_for_large_step():
    assert g._check_stable_not_pe(sigma=2.0, eta=0.5, gamma=0.5).final_verdict() == Verdict.REFUTED


@pytest.mark.parametrize(
    "cid,params,match",
    [
        ("ganeq.proximal.threshold", {"eta": 0.0}, "eta=0.0"),
        ("ganeq.proximal.threshold", {"eta": -1.0}, "eta=-1.0"),
        ("ganeq.proximal.threshold", {"sigma": float("nan")}, "sigma=nan"),
        ("farnia2020.definition1", {"lam": -0.1}, "lam=-0.1"),
        ("farnia2020.definition1", {"lam": 5.0}, "lam=5.0 must be <="),
        ("farnia2020.proposition3", {"lam1": 3.0, "lam2": 1.0}, "lam1=3.0 must be < lam2"),
        ("ganeq.proximal.gda_cycles", {"eta": 0.5}, "must be >= 1.5"),
        ("farnia2020.theorem3", {"lam": -1.0}, "lam=-1.0"),
    ],
)
def test_bad_input_rejected(cid, params, match):
    with pytest.raises(ValueError, match=match):
        registry.get(cid).check(**params)
