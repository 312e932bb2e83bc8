"""Gaps found by the mutation samples of seeds 107 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

from verifiers import Verdict, registry


def test_theorem_e2_needs_a_strictly_negative_curvature():
    """Assumption II of Theorem E.2 has f''(0) < 0 strict: at f''(0) = 0 the expected verdict
    and the check say ``inapplicable`` (seed 109, #16: ``f2 < 0`` → ``f2 <= 0``; seed 90's #7
    was the same edge for f'(0), tested in ``test_mutation_kills_seed81.py``)."""
    claim = registry.get("mescheder2018.theoremE.2")
    params = dict(claim.defaults(), f="taylor", f1=0.5, f2=0.0)
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE
