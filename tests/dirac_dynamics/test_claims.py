"""The Dirac-GAN dynamics claims: expected verdicts on defaults and on random
admissible parameters, refutations, bad input, the Table 1 pieces."""

import math

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings

from verifiers import Verdict, check, registry
from verifiers.claims.ganeq import dirac_dynamics as gdd
from verifiers.claims.mescheder2018 import dynamics as md
from verifiers.claims.mescheder2018 import table1
from verifiers.dynamics import field

IDS = ["mescheder2018.lemma2.3", "mescheder2018.lemmaC.2", "mescheder2018.lemmaC.2.printed",
       "mescheder2018.lemmaC.3", "ganeq.dirac.wgan_gp_spurious", "ganeq.dirac.empirical_rate"]


@pytest.mark.parametrize("claim_id", IDS)
def test_defaults_give_the_expected_verdict(claim_id):
    claim = registry.get(claim_id)
    cert = claim.check()
    assert cert.verdict == claim.expected_for(cert.params), str(cert)
    assert math.isfinite(cert.margin) and cert.tolerance > 0


@pytest.mark.parametrize("claim_id", IDS)
def test_random_instances_give_the_expected_verdict(claim_id):
    claim = registry.get(claim_id)

    @settings(max_examples=6)
    @given(claim.strategy())
    def run(params):
        assert claim.check(**params).verdict == claim.expected_for(params)

    run()


@pytest.mark.refutes("mescheder2018.lemma2.3")
def test_lemma23_refuted_by_a_dissipative_field(monkeypatch):
    monkeypatch.setattr(md, "dirac_field", lambda method, f=None: field("gradient_penalty"))
    assert check("mescheder2018.lemma2.3").verdict == Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaC.2")
def test_lemmaC2_refuted_by_a_wrong_curvature(monkeypatch):
    monkeypatch.setattr(md, "f_derivatives", lambda f: (0.0, 0.5, -0.5))
    assert check("mescheder2018.lemmaC.2").verdict == Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaC.2")
def test_lemmaC2_monotonicity_refuted_by_an_expanding_field(monkeypatch):
    monkeypatch.setattr(md, "dirac_field", lambda method, f=None: (
        lambda x, hyper: field("nonsaturating")(x, hyper) + 1e-3 * x))
    cert = check("mescheder2018.lemmaC.2")
    assert cert.verdict == Verdict.REFUTED and cert.witness["monotone_margin"] < 0


@pytest.mark.refutes("mescheder2018.lemmaC.2.printed")
def test_printed_eq90_is_refuted():
    cert = check("mescheder2018.lemmaC.2.printed", r0=0.2)
    assert cert.verdict == Verdict.REFUTED
    assert abs(cert.witness["t_w_limit"] - 8.0) < 0.01  # E6: 2/|f''(0)| = 8, not 4


@pytest.mark.refutes("mescheder2018.lemmaC.3")
def test_lemmaC3_refuted_by_a_convergent_penalty(monkeypatch):
    monkeypatch.setattr(md, "dirac_field", lambda method, f=None: field("gradient_penalty"))
    assert check("mescheder2018.lemmaC.3").verdict == Verdict.REFUTED


def test_lemmaC3_witnesses_errata_E7_E10():
    cert = check("mescheder2018.lemmaC.3", gamma=2.5, h=0.1, algorithm="altgd")
    w = cert.witness
    assert abs(w["jump_near_origin"] - w["jump_near_origin_E7"]) < 1e-9  # h·γ·g0, not h·g0
    assert abs(w["jump_near_origin"] - w["jump_near_origin_printed_eq100"]) > 0.1
    assert np.allclose(np.abs(w["final_iterate"]), [2.5, 0.0], atol=1e-9)  # E10


@pytest.mark.refutes("ganeq.dirac.wgan_gp_spurious")
def test_spurious_refuted_by_a_wrong_point(monkeypatch):
    real = gdd.one_sided_point
    monkeypatch.setattr(gdd, "one_sided_point",
                        lambda m, g, t: (0.5 * real(m, g, t)[0], real(m, g, t)[1]))
    assert check("ganeq.dirac.wgan_gp_spurious").verdict == Verdict.REFUTED


def test_spurious_inapplicable_for_a_focus():
    cert = check("ganeq.dirac.wgan_gp_spurious", gamma=1.0)
    assert cert.verdict == Verdict.INAPPLICABLE


@pytest.mark.refutes("ganeq.dirac.empirical_rate")
def test_rate_refuted_by_a_perturbed_closed_form(monkeypatch):
    real = gdd.update_jacobian
    monkeypatch.setattr(gdd, "update_jacobian",
                        lambda *a: (1.01 * real(*a)[0], real(*a)[1]))
    assert check("ganeq.dirac.empirical_rate").verdict == Verdict.REFUTED


def test_rate_inapplicable_near_a_jordan_block():
    cert = check("ganeq.dirac.empirical_rate", method="gradient_penalty", reg=1.0)
    assert cert.verdict == Verdict.INAPPLICABLE


@pytest.mark.parametrize("claim_id, params", [
    ("mescheder2018.lemma2.3", {"r0": float("nan")}),
    ("mescheder2018.lemma2.3", {"r0": 5.0}),
    ("mescheder2018.lemmaC.2", {"f": "wgan"}),
    ("mescheder2018.lemmaC.3", {"gamma": -1.0}),
    ("mescheder2018.lemmaC.3", {"n_d": 2.5}),
    ("ganeq.dirac.wgan_gp_spurious", {"h_frac": 1.0}),
    ("ganeq.dirac.empirical_rate", {"method": "gan"}),
])
def test_bad_input_names_the_parameter(claim_id, params):
    with pytest.raises(ValueError, match=next(iter(params))):
        check(claim_id, **params)


def test_period_integral_against_trapezoid():
    """Periodic integrand: the trapezoid rule is spectrally accurate."""
    p = np.linspace(0, 2 * np.pi, 100_001)[:-1]
    trap = 2 * np.pi * np.mean(1 + np.exp(np.sin(2 * p) / 2))
    assert abs(md.period_integral("standard", 1.0) - trap) < 1e-9


def test_table1_cells():
    assert "mescheder2018" in table1.TABLES
    lam = table1.ac_eigenvalues("consensus", {"gamma": 1.0})
    assert np.allclose(sorted(lam.imag), [-0.21650635, 0.21650635])
    assert np.allclose(lam.real, -0.625)
    assert table1._eig_text(table1.general_eigenvalues("gradient_penalty", {"gamma": 1.0}),
                            "gradient_penalty") == "-0.5 (double)"
    hyper = {"gamma": 1.0, "k": 1.0}
    verdict = table1.simulate(field("dragan"), hyper, np.inf, ())
    assert verdict.count("non-Nash point (-2, 0+)") == 2
    assert jnp.float64 == table1.general_eigenvalues("gan", {}).real.dtype


@pytest.mark.slow
def test_table1_full():
    text = table1.table_markdown()
    assert text.count("\n| ") == len(table1.ROWS) + 1 and "cannot decide" in text
    assert "✓" not in text and "✗" not in text  # E11: no marks that were not computed
