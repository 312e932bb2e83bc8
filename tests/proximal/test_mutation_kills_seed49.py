"""Gaps found by the mutation samples of seeds 49 and 50 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from verifiers import check, registry
from verifiers.outcomes import Verdict

CLAIM = "farnia2020.theorem2.general"


@pytest.mark.parametrize(("d", "k", "expected"), [(2, 2, Verdict.HOLDS), (3, 3, Verdict.HOLDS),
                                                  (3, 2, Verdict.INAPPLICABLE)])
def test_theorem2_general_at_the_edge_of_its_rank_hypothesis(d, k, expected):
    """Theorem 2 needs rank k ≥ d: at k = d it holds and is expected to, at k = d − 1 it is
    inapplicable (seed 49, #2: ``k > d`` in the expected verdict expected `inapplicable` at
    k = d, which no pinned instance had)."""
    params = {"d": d, "k": k}
    assert registry.get(CLAIM).expected_for(params) is expected
    assert check(CLAIM, **params).verdict is expected
