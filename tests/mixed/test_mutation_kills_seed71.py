"""Gaps found by the mutation samples of seeds 71 and 72 in the mixed-strategy claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from verifiers import Verdict
from verifiers.claims.ganeq import mixed

GAP = mixed.check_mixed_gap_to_stackelberg.claim


def test_gap_to_stackelberg_needs_sigma_strictly_above_one():
    """σ = 1 is outside "σ > 1": expected and checked ``inapplicable``; one ulp above it the
    expected verdict is ``holds`` (seed 71, #16: ``σ > 1`` → ``σ ≥ 1`` in the expected
    verdict; the claim's every-edge test runs only under ``-m slow``)."""
    assert GAP.expected_for({"sigma": 1.0, "t": 0.5}) is Verdict.INAPPLICABLE
    assert GAP.check(sigma=1.0, t=0.5).verdict is Verdict.INAPPLICABLE
    assert GAP.expected_for({"sigma": float(np.nextafter(1.0, 2.0)), "t": 0.5}) is Verdict.HOLDS
