"""Gaps found by the mutation samples of seeds 71 and 72 in the proximal claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

from theory.proximal import threshold
from verifiers import Verdict
from verifiers.claims.farnia2020 import theorem2_general as t2
from verifiers.claims.ganeq import proximal

STABLE = proximal.check_proximal_stable_not_pe.claim


def test_stable_not_pe_at_gamma_exactly_one_over_eight_eta_is_inapplicable():
    """Jury's condition for the closed-form block is γ < 1/(8η), strictly: at 8γη = 1 (η = 2,
    γ = 1/16, exact) the determinant is 1 and the hypothesis fails (seed 72, #5: ``<`` →
    ``<=``)."""
    at = {"sigma": 2.0, "eta": 2.0, "gamma": 0.0625}
    assert STABLE.expected_for(at) is Verdict.INAPPLICABLE
    cert = STABLE.check(**at)
    assert cert.verdict is Verdict.INAPPLICABLE and "Jury" in cert.witness["unmet_hypothesis"]


def test_theorem2_general_without_a_certified_witness_is_inconclusive(monkeypatch):
    """Where C_U has a certified negative eigenvalue but the Newton witness does not certify a
    lower value, the claim is undecided (the branch no test had reached; seed 72, #26, a
    string concatenation turned into a subtraction there, raised only in this branch)."""
    monkeypatch.setattr(threshold, "theorem2_constant", threshold.slides_constant)
    monkeypatch.setattr(t2, "_witness", lambda *a, **k: (0.0, 1e-9, 0.5))
    cert = t2.check_theorem2_general.claim.check(d=2, k=2, s_max=9.0, ratio=1.0)
    assert cert.verdict is Verdict.INCONCLUSIVE
    undecided = [p for p in cert.witness["parts"] if p["verdict"] == "inconclusive"]
    assert [p["statement"] for p in undecided] == [
        "undecided: C_U has a negative eigenvalue but no certified witness: G* minimises "
        "V^prox_λ(·, D*) (C_U ⪰ 0)"]
    assert cert.witness["C_U_min_eig"] < 0 and cert.witness["witness_gap"] == 0.0
