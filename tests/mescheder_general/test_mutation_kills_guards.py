"""Hypothesis guards of the section-E checks at the defaults (mutation-run survivor): the
default instance meets every hypothesis, so the check reaches its decision."""

from verifiers import Outcome, Verdict
from verifiers.claims.mescheder2018 import section_e_general


def test_theorem_e3_defaults_pass_the_full_rank_guards(monkeypatch):
    """E_pD[ηηᵀ] of the default instance has full rank (its smallest eigenvalue is far above
    64·n·eps times the largest) and ∂_w g(θ*) ≠ 0 off T M_G: the check goes on to Theorem
    4.1's decision (stubbed here: the convergence run itself is a slow test)."""
    reached = Outcome(margin=1.0, tolerance=0.0, verdict=Verdict.HOLDS, method="stub",
                      statement="decision reached")
    monkeypatch.setattr(section_e_general.mf, "convergence", lambda *a, **k: reached)
    claim = section_e_general.check_theoremE_3.claim
    assert claim.check().statement.endswith("decision reached")
