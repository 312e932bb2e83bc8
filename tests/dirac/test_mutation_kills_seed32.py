"""Mutation run of seed 32: survivor #49 (the Gauss–Hermite mass ``Σ p_i(1 + z_i²)`` lost to
flushing, with ``1 − z_i²``)."""

import pytest

from verifiers.dirac import routes


def test_quadrature_tail_is_the_rules_mass_when_every_term_may_flush():
    """With the smallest subnormal as a factor every node may be lost: the bound is the
    rule's Σ p_i(1 + z_i²) = E[1 + Z²] = 2 (the rule is exact for z²); a factor 1 loses none,
    and a zero factor is no factor."""
    assert routes.quadrature_tail(5e-324) == pytest.approx(2.0, rel=1e-13)
    assert routes.quadrature_tail(1.0) == 0.0
    assert routes.quadrature_tail(0.0) == 0.0
