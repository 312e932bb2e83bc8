"""Gaps found by the mutation samples of seeds 69 and 70 in the proximal claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from theory.proximal import dynamics
from verifiers import Verdict
from verifiers.claims.farnia2020 import slides_stability as mod

CLAIM = mod.check_slides_stability.claim


def test_an_inner_step_at_two_over_l_inner_is_not_small():
    """"Small inner steps" is γ_D < 2/L_inner, strictly: at γ_D = 2/L_inner the inner ascent
    has a multiplier on the unit circle, and the claim is inapplicable; one ulp below it is
    not ruled out by that hypothesis (seed 69, #6: ``<`` → ``<=``)."""
    sigma, eta, lam = 2.0, 1.0, 0.25
    edge = dynamics.inner_step_bound(sigma, eta, lam)
    at = CLAIM.check(sigma=sigma, eta=eta, lam=lam, gamma_d=edge)
    assert at.verdict is Verdict.INAPPLICABLE
    assert "small inner steps" in at.witness["unmet_hypothesis"]
    assert mod._small_steps(sigma, eta, lam, np.nextafter(edge, 0.0), 0.02) is None
    assert CLAIM.expected_for({**CLAIM.defaults(), "sigma": sigma, "eta": eta, "lam": lam,
                               "gamma_d": edge}) is Verdict.INAPPLICABLE
