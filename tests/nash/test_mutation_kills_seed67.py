"""Mutation seeds 67/68 (docs/mutation.md): the interval prover's box budget at its exact
end, and Proposition 3's choice of the strongest evidence among its consecutive pairs."""

import numpy as np

from verifiers.certificate import Verdict
from verifiers.claims.farnia2020 import proximal as claims
from verifiers.nash import certify
from verifiers.outcomes import Route
from verifiers.registry import registry


def test_a_proof_that_needs_exactly_max_boxes_boxes_is_a_proof():
    """``max_boxes`` boxes may be examined (seed 68, #1: ``used > max_boxes`` → ``≥``)."""
    fn = lambda backend, x: x + 1  # noqa: E731
    assert certify.interval_positive_on_box(fn, {"x": (0.0, 1.0)}, {}, max_boxes=1) == (True, 1)
    straddling = lambda backend, x: x - 0.3  # noqa: E731  (needs splitting, and fails)
    assert certify.interval_positive_on_box(straddling, {"x": (0.0, 1.0)}, {},
                                            max_boxes=1) == (False, 2)


def test_proposition3_reports_the_pair_with_the_least_drop_minus_error(monkeypatch):
    """Along λ the values must not rise; the check reports the consecutive pair whose drop
    minus its error bound is least, the strongest evidence against monotonicity (seed 67,
    #21: drop − error → drop + error picks another pair). Routes replaced by fixed values:
    the drops are 0.1, −0.05 (±0.04), 0.1, −0.045 (±0), 0.1, 0.1, 0.1."""
    values = [1.0, 0.9, 0.95, 0.85, 0.895, 0.795, 0.695, 0.595]
    errors = [0.0, 0.02, 0.02, 0.0, 0.0, 0.0, 0.0, 0.0]
    lams = iter(range(8))

    def route(problem):
        k = next(lams)
        return Route("fixed", values[k], errors[k])

    monkeypatch.setattr(claims.pe, "prox_value_route", route)
    cert = registry.get("farnia2020.proposition3").check(seed=0, lam1=0.1, lam2=0.8)
    assert cert.verdict is Verdict.REFUTED
    assert np.isclose(cert.margin, -0.05) and np.isclose(cert.tolerance, 0.04)
