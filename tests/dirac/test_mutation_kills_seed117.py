"""Gaps found by the mutation samples of seeds 117 onwards in the Dirac-GAN checks
(docs/mutation.md): each test fails on the mutant named in its docstring."""

from verifiers.certificate import Verdict
from verifiers.claims.mescheder2018 import matrices
from verifiers.registry import registry


def test_lemma_a5_without_a_lyapunov_step_reports_no_spectral_radius(monkeypatch):
    """Where the Lyapunov certificate fails, ``h0 = 0``: the check is inconclusive and the
    witness has no ρ(AltGD Jacobian at h0), which at h = 0 would be 1 for every J (seed 121,
    #12: ``h0 > 0`` → ``h0 ≥ 0`` reported that 1)."""
    monkeypatch.setattr(matrices, "lyapunov_step",
                        lambda J, n: (0.0, {"lyapunov_residual": 1.0, "lambda_min_X": -1.0,
                                            "norm_X": 1.0}))
    cert = registry.get("mescheder2018.lemmaA.5").check()
    assert cert.verdict is Verdict.INCONCLUSIVE
    assert cert.witness["h0"] == 0.0 and cert.witness["spectral_radius_at_h0"] is None
