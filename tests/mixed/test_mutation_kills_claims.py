"""Negative controls of the mixed-strategy claims (mutation-run survivors)."""

import numpy as np

from verifiers import Verdict
from verifiers.claims.ganeq import mixed as ganeq_mixed

DIRAC_BOX = ganeq_mixed.check_mixed_dirac_box.claim


def test_dirac_box_sees_a_drawn_critic_that_guarantees_the_value(monkeypatch):
    """"Random critics ≠ δ_0 guarantee less than 2f(0)" is decided on the *best* draw: with
    δ_0 itself among the draws (guarantee exactly 2f(0)) the check must not say `holds`."""
    real = np.random.default_rng

    class WithDelta0:
        def __init__(self, seed):
            self._rng = real(seed)

        def __getattr__(self, name):
            return getattr(self._rng, name)

        def dirichlet(self, alpha, size):
            draws = self._rng.dirichlet(alpha, size)
            draws[0] = np.eye(len(alpha))[len(alpha) // 2]
            return draws

    monkeypatch.setattr(np.random, "default_rng", WithDelta0)
    assert DIRAC_BOX.check(points=21).verdict is not Verdict.HOLDS
