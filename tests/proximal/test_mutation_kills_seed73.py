"""Gaps found by the mutation samples of seeds 73 and 74 in the proximal claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from verifiers import Verdict
from verifiers.claims.farnia2020 import proximal as prox

STATEMENT = "no sampled admissible G has W_η(G) ≤ W*"


def _part(outcome):
    return next(p for p in outcome.witness["parts"] if p["statement"] == STATEMENT)


def test_stackelberg_part_is_decided_on_min_w_minus_w_star():
    """Corollary 1's (10) check decides "no sampled admissible G has W_η(G) ≤ W*" on
    min W_η(G) − W* (seed 73, #8: ``− W*`` → ``+ W*``)."""
    out = prox._stackelberg(2.0, 1.0)
    assert _part(out)["verdict"] == "holds"
    assert _part(out)["margin"] == out.witness["min_W_gap"] > 0


def test_stackelberg_part_cannot_certify_against_a_sample_that_attains_w_star(monkeypatch):
    """With G* itself as the only sample, min W_η(G) − W* is 0 within the routes' error:
    not certified, so the check cannot say ``holds``."""
    monkeypatch.setattr(prox, "_generators",
                        lambda seed, t, n=16: (np.eye(2)[None], np.zeros((1, 2))))
    out = prox._stackelberg(2.0, 1.0)
    part = _part(out)
    assert part["verdict"] != "holds" and abs(part["margin"]) <= part["tolerance"]
    assert out.final_verdict() is not Verdict.HOLDS
