"""Gaps found by the mutation sample of seed 95 (docs/mutation.md): each test fails on the
mutant named in its docstring."""

from tests.experiments.test_hsieh_claims import results
from tests.experiments.test_mutation_kills_seed77 import levels_used
from verifiers.claims.hsieh2019 import experiments as hsieh


def test_the_two_challengers_of_section_5_1_share_the_level(monkeypatch):
    """Bonferroni over Mirror-GAN and Mirror-Prox-GAN against Adam: each one-sided test runs
    at level/2, so the conjunction holds at ``level`` (seed 95, #24: ``level / 2`` →
    ``level * 2`` ran each at 2·level)."""
    assert levels_used(monkeypatch, hsieh.decide_mirror_fits_better, results()) == [0.025,
                                                                                     0.025]
