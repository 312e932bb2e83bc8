"""Dirac-GAN claims: expected verdicts on random admissible instances, refutations
(one per claim id), near-critical verdicts, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings

from theory.dirac import equilibrium, matrices, operators
from verifiers import check
from verifiers.certificate import Verdict
from verifiers.claims.mescheder2018 import matrices as mat
from verifiers.registry import registry

IDS = [
    "mescheder2018.lemma2.2",
    "mescheder2018.lemma2.4",
    "mescheder2018.lemma2.5",
    "mescheder2018.lemma2.5.printed",
    "mescheder2018.lemma3.1",
    "mescheder2018.lemma3.2",
    "mescheder2018.lemma3.3",
    "mescheder2018.lemmaC.1",
    "mescheder2018.lemmaC.4",
    "mescheder2018.lemmaA.4",
    "mescheder2018.lemmaA.5",
    "mescheder2018.theoremA.7",
    "mescheder2018.theoremA.8",
    "mescheder2018.lemmaA.9",
    "mescheder2018.sectionE.full_rank",
    "mescheder2018.sectionE.energy",
    "ganeq.dirac.critical_nilpotent",
]
FP = {"f": "standard", "a": 1.0, "f1": 0.5, "f2": -0.25}


def raw(claim_id, **params):
    """The checker's verdict on parameters that bypass validation."""
    claim = registry.get(claim_id)
    defaults = {p.name: p.check(p.default) for p in claim.params}
    return claim.checker(**{**defaults, **params}).final_verdict()


@pytest.mark.parametrize("claim_id", IDS)
def test_defaults_give_expected_verdict(claim_id):
    claim = registry.get(claim_id)
    cert = claim.check()
    assert cert.verdict == claim.expected_for(cert.params), str(cert)
    assert cert.to_json()


@pytest.mark.parametrize("claim_id", IDS)
def test_random_admissible_instances(claim_id):
    claim = registry.get(claim_id)

    @settings(max_examples=10)
    @given(claim.strategy())
    def run(params):
        cert = claim.check(**params)
        assert cert.verdict == claim.expected_for(cert.params), str(cert)

    run()


# --- refutations: each claim can come out refuted ------------------------------------


@pytest.mark.refutes("mescheder2018.lemma2.2")
def test_refute_lemma22_with_perturbed_eigenvalues(monkeypatch):
    real = equilibrium.eigenvalues_at_equilibrium
    monkeypatch.setattr(
        equilibrium, "eigenvalues_at_equilibrium", lambda *a, **k: real(*a, **k) + 1e-3
    )
    assert raw("mescheder2018.lemma2.2") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemma2.4")
def test_refute_lemma24_with_a_contracting_update(monkeypatch):
    monkeypatch.setattr(operators, "simgd_jacobian", lambda J, h: np.eye(2) * (1 - h) + h * J)
    assert raw("mescheder2018.lemma2.4") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemma2.5")
def test_refute_lemma25_when_alpha_is_misjudged(monkeypatch):
    """With α halved the regime is named elliptic at α = 2.5, the jacfwd trace says hyperbolic."""
    real = operators.alpha
    monkeypatch.setattr(operators, "alpha", lambda *a: 0.5 * real(*a))
    assert raw("mescheder2018.lemma2.5", h=5.0) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemma2.5.printed")
def test_printed_lemma25_refuted_at_alpha_two_and_below_minus_two():
    cert = check("mescheder2018.lemma2.5.printed", h=4.0)
    assert cert.verdict is Verdict.REFUTED and cert.witness["regime"] == "parabolic"
    assert cert.witness["norm_M_plus_I_squared"] <= 1e-12 <= cert.witness["norm_M_plus_I"]
    assert cert.witness["norm_M_power_100"] > 100  # linear growth of the Jordan block
    neg = check("mescheder2018.lemma2.5.printed", h=5.0, f="taylor", f1=-0.5)
    assert neg.verdict is Verdict.REFUTED


def test_printed_lemma25_can_hold_and_corrected_holds_at_alpha_two():
    assert check("mescheder2018.lemma2.5.printed", h=1.0).verdict is Verdict.HOLDS
    assert check("mescheder2018.lemma2.5", h=4.0).verdict is Verdict.HOLDS


@pytest.mark.refutes("mescheder2018.lemma3.1")
def test_refute_lemma31_with_a_wrong_eq61(monkeypatch):
    real = operators.altgd_matrix
    monkeypatch.setattr(operators, "altgd_matrix", lambda *a: real(*a) + np.diag([0.0, 0.01]))
    assert raw("mescheder2018.lemma3.1") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemma3.2")
def test_refute_lemma32_with_the_sign_of_f2_flipped(monkeypatch):
    real = equilibrium.instance_noise_eigenvalues
    monkeypatch.setattr(
        equilibrium, "instance_noise_eigenvalues", lambda f1, f2, s: real(f1, -f2, s)
    )
    assert raw("mescheder2018.lemma3.2") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemma3.3")
def test_refute_lemma33_with_negative_gamma():
    assert raw("mescheder2018.lemma3.3", gamma=-1.0) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaC.4")
def test_refute_lemmac4_with_negative_gamma():
    assert raw("mescheder2018.lemmaC.4", gamma=-1.0) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaC.1")
def test_refute_lemmac1_with_a_contracting_update(monkeypatch):
    monkeypatch.setattr(operators, "simgd_jacobian", lambda J, h: np.eye(2) * (1 - h) + h * J)
    assert raw("mescheder2018.lemmaC.1") is Verdict.REFUTED


@pytest.mark.refutes("ganeq.dirac.critical_nilpotent")
def test_refute_nilpotency_off_the_critical_value(monkeypatch):
    real = equilibrium.gamma_crit
    monkeypatch.setattr(equilibrium, "gamma_crit", lambda f1: 1.1 * real(f1))
    assert raw("ganeq.dirac.critical_nilpotent") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaA.4")
def test_refute_lemma_a4_with_a_doubled_threshold(monkeypatch):
    monkeypatch.setattr(operators, "h_max", lambda mu: 4.0 * abs(mu.real) / abs(mu) ** 2)
    assert raw("mescheder2018.lemmaA.4", h=3.0) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaA.5")
def test_refute_lemma_a5_with_an_unstable_jacobian(monkeypatch):
    monkeypatch.setattr(mat, "_hypotheses", lambda *a, **k: None)
    assert raw("mescheder2018.lemmaA.5", P=-2.0 * np.eye(2)) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.theoremA.7")
def test_refute_theorem_a7_with_a_doubled_complex_bound(monkeypatch):
    monkeypatch.setattr(
        matrices, "complex_eigenvalue_bound", lambda Q: -float(np.linalg.eigvalsh(Q)[0])
    )
    assert (
        raw("mescheder2018.theoremA.7", B=np.array([[1.5]]), Q=np.array([[0.8]])) is Verdict.REFUTED
    )


@pytest.mark.refutes("mescheder2018.theoremA.8")
def test_refute_theorem_a8_without_its_hypothesis(monkeypatch):
    monkeypatch.setattr(mat, "_hypotheses", lambda *a, **k: None)
    assert raw("mescheder2018.theoremA.8", P=-3.0 * np.eye(2)) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.lemmaA.9")
def test_refute_lemma_a9_with_a_halved_bound(monkeypatch):
    monkeypatch.setattr(
        matrices, "imaginary_part_bound", lambda B: 0.5 * float(np.linalg.norm(B, 2))
    )
    assert raw("mescheder2018.lemmaA.9", P=np.zeros((2, 2)), Q=np.zeros((3, 3))) is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.sectionE.full_rank")
def test_refute_full_rank_with_wrong_eigenvalues(monkeypatch):
    real = equilibrium.eigenvalues_at_equilibrium
    monkeypatch.setattr(
        equilibrium, "eigenvalues_at_equilibrium", lambda *a, **k: -real(*a, **k).conj()
    )
    assert raw("mescheder2018.sectionE.full_rank") is Verdict.REFUTED


@pytest.mark.refutes("mescheder2018.sectionE.energy")
def test_refute_energy_with_negative_psi1():
    """Theorem E.2 needs f'(0)ψ1 > 0: at ψ1 < 0 the normal eigenvalues have Re > 0."""
    assert raw("mescheder2018.sectionE.energy", psi1=-1.0) is Verdict.REFUTED


# --- near critical points: right or inconclusive, never wrong ----------------------------


@pytest.mark.parametrize("delta", [-1e-7, -1e-9, -1e-12, -1e-15, 0.0, 1e-15, 1e-12, 1e-9, 1e-7])
def test_lemma25_near_alpha_two(delta):
    """α = 2(1 + δ): the exact rational regime decides α = 2; nearby floats are
    elliptic / hyperbolic with margins ~ 8δ, inconclusive below the tolerance."""
    corrected = check("mescheder2018.lemma2.5", h=4.0 * (1 + delta)).verdict
    printed = check("mescheder2018.lemma2.5.printed", h=4.0 * (1 + delta)).verdict
    assert corrected in (Verdict.HOLDS, Verdict.INCONCLUSIVE)
    if 4.0 * (1 + delta) == 4.0:  # α = 2 exactly: the Jordan block refutes it
        assert printed is Verdict.REFUTED and corrected is Verdict.HOLDS
    else:  # |α| < 2 (stable cycles) or α > 2 (outside): the printed text is right there
        assert printed in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


@pytest.mark.parametrize("delta", [-1e-6, -1e-12, 0.0, 1e-12, 1e-6])
def test_critical_noise_and_penalty_still_hold(delta):
    assert check("mescheder2018.lemma3.2", sigma=np.sqrt(2) * (1 + delta)).verdict is Verdict.HOLDS
    assert check("mescheder2018.lemma3.3", gamma=1.0 + delta).verdict is Verdict.HOLDS


@pytest.mark.parametrize("delta", [-1e-7, -1e-10, 0.0, 1e-10, 1e-7])
def test_lemma_a4_near_threshold(delta):
    """μ = −0.5 + 0.5i: h_max = 2."""
    verdict = check("mescheder2018.lemmaA.4", h=2.0 * (1 + delta)).verdict
    assert verdict in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


def test_tiny_margins_are_inconclusive_not_refuted():
    assert check("mescheder2018.lemma3.2", sigma=1e-6).verdict is Verdict.INCONCLUSIVE
    assert (
        check("mescheder2018.lemmaA.9", P=np.zeros((2, 2)), Q=np.zeros((3, 3))).verdict
        is Verdict.INCONCLUSIVE
    )


# --- hypotheses and bad input ----------------------------------------------------------


def test_unmet_hypotheses_are_inapplicable():
    assert check("mescheder2018.lemma3.2", f="wgan").verdict is Verdict.INAPPLICABLE
    cert = check("mescheder2018.lemma2.2", f="taylor", f1=0.5, f2=-0.25)
    assert cert.verdict is Verdict.INAPPLICABLE and cert.witness["field_norm_there"] < 1e-12
    B = [[1.0, 1.0], [2.0, 2.0], [0.0, 0.0]]
    assert check("mescheder2018.theoremA.8", B=B).verdict is Verdict.INAPPLICABLE
    assert (
        check("mescheder2018.sectionE.energy", f="taylor", f1=-0.5).verdict is Verdict.INAPPLICABLE
    )


@pytest.mark.parametrize(
    "claim_id, params, fragment",
    [
        ("mescheder2018.lemma3.2", {"sigma": float("nan")}, "sigma=nan"),
        ("mescheder2018.lemma2.5", {"h": 0.0}, "h=0.0"),
        ("mescheder2018.lemma2.5", {"n_g": 0}, "n_g=0"),
        ("mescheder2018.lemma3.3", {"f": "hinge"}, "f='hinge'"),
        ("mescheder2018.lemma2.4", {"theta": 0.0, "psi": 0.0}, "theta=0.0"),
        ("mescheder2018.theoremA.8", {"Q": [[1.0, 2.0], [0.0, 1.0]]}, "not symmetric"),
        ("mescheder2018.theoremA.8", {"Q": [[1.0, 0.0], [0.0, 1.0]]}, "Q has shape"),
        ("mescheder2018.lemmaA.9", {"B": [[float("nan"), 0.0]]}, "non-finite"),
        ("mescheder2018.theoremA.7", {"B": [1.0, 2.0]}, "B has shape"),
        ("mescheder2018.lemmaA.4", {"mu_re": 0.0}, "mu_re=0.0"),
    ],
)
def test_bad_input_names_the_parameter(claim_id, params, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace("[", r"\[")):
        check(claim_id, **params)


def test_lemma32_witness_for_the_standard_f():
    cert = check("mescheder2018.lemma3.2", sigma=0.5)
    eig = sorted(cert.witness["eigenvalues"], key=lambda z: z[1])
    assert eig[1] == pytest.approx([-0.0625, 0.496078370824611], abs=1e-12)
    assert cert.witness["discrepancy"] <= 1e-14
