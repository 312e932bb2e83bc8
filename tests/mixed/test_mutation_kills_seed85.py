"""Gaps found by the mutation samples of seeds 85–88 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import numpy as np

from verifiers.claims.hsieh2019 import lifting


def test_the_lifting_check_reports_the_entry_with_least_slack():
    """``_worst_entry`` decides on the entry whose error bound exceeds its deviation by the
    least (seed 86, #20: ``errors − |Δ|`` → ``errors + |Δ|`` picked the entry with the
    smallest bound instead)."""
    claimed = np.array([1.0, 2.0])
    computed = np.array([1.9, 2.0])
    out = lifting._worst_entry("g − Gν", claimed, computed, np.array([1.0, 0.5]))
    assert out.statement.endswith("(worst entry 0)")
    assert out.witness["computed"] == 1.9 and abs(out.margin - 0.1) < 1e-12  # slack 1 − 0.9
