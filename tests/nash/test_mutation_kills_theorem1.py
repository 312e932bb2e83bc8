"""Theorem 1 (general covariance) at the edge t = 0 of its domain (mutation-run survivor)."""

from verifiers import Verdict
from verifiers.claims.farnia2020 import theorem1

CLAIM = theorem1.check_theorem1_general_sigma.claim
SIGMA = [[2.0, 0.3], [0.3, 0.5]]


def test_general_sigma_expected_verdict_at_t_zero_and_just_above():
    """t = 0 is admissible (the generator is pinned at 0) and the hypothesis t > 0 fails
    there: expected `inapplicable`; any t > 0 (with λ_max(Σ) > 1) is expected to hold."""
    at_zero = {"Sigma": SIGMA, "t": 0.0, "game": "w2gan"}
    assert CLAIM.expected_for(at_zero) is Verdict.INAPPLICABLE
    assert CLAIM.check(**at_zero).verdict is Verdict.INAPPLICABLE
    assert CLAIM.expected_for({**at_zero, "t": 1e-300}) is Verdict.HOLDS
