"""Theorem 3 on the location family (``farnia2020.theorem3``): the certified grid search
(quadrature at the nodes, Lipschitz constant 1 between them) holds where the hypotheses hold,
a counterexample on the grid refutes, η > a is inapplicable."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.proximal import wgan1d
from verifiers import Verdict
from verifiers.claims.farnia2020 import proximal_existence as f2

CLAIM = f2.check_theorem3.claim


def test_cell_bounds_are_certified_and_positive():
    out = CLAIM.check()
    assert out.verdict == Verdict.HOLDS
    assert min(out.witness["cell_lower_bounds"]) > 0.2


@pytest.mark.perturbs("farnia2020.theorem3")
def test_a_dip_between_the_anchor_and_the_end_is_refuted(monkeypatch):
    """V^prox_λ(G_u, D*) lowered by 1.2 for u > a + 0.4: the grid finds the counterexample."""
    real = wgan1d.location_prox_value

    def dipped(lam, u, sigma):
        value, err = real(lam, u, sigma)
        return (value - 1.2 if u > 0.5 + 0.4 else value), err

    monkeypatch.setattr(wgan1d, "location_prox_value", dipped)
    out = CLAIM.check(a=0.5, lam=0.1)
    assert out.verdict == Verdict.REFUTED


def test_a_node_surely_below_refutes_beside_a_lower_but_uncertain_one(monkeypatch):
    """A node counts as a counterexample when its whole error interval lies below W1*: the
    search takes the node with the least *upper* end ``V + err`` (seed 41, #17: the least
    lower end ``V − err`` picked the node 0.5 below W1* with error 1, which proves nothing,
    over the one 0.1 below with error 0.01, and the check stopped at ``inconclusive``)."""
    real = wgan1d.location_prox_value
    w1 = wgan1d.location_w1_star(0.5)

    def crafted(lam, u, sigma):
        value, err = real(lam, u, sigma)
        if abs(u - 0.75) < 1e-9:
            return w1 - 0.5, 1.0
        return (w1 - 0.1, 0.01) if abs(u - 1.0) < 1e-9 else (value, err)

    monkeypatch.setattr(wgan1d, "location_prox_value", crafted)
    out = CLAIM.check(a=0.5, lam=0.1)
    assert out.verdict == Verdict.REFUTED, str(out)


@pytest.mark.slow
@settings(max_examples=examples(5))
@given(st.floats(1.05, 4.0), st.floats(0.05, 2.0), st.floats(0.0, 1.0))
def test_location_family_holds_where_eta_le_a(sigma, a, r):
    """Family 1: location family, η = r·a ≤ a."""
    assert CLAIM.check(family="location", sigma=sigma, a=a, lam=r * a).verdict == Verdict.HOLDS


@pytest.mark.slow
@settings(max_examples=examples(5))
@given(st.floats(1.05, 4.0), st.floats(0.05, 2.0), st.floats(1.01, 3.0))
def test_location_family_inapplicable_where_eta_gt_a(sigma, a, r):
    assert CLAIM.check(family="location", sigma=sigma, a=a,
                       lam=r * a).verdict == Verdict.INAPPLICABLE


@pytest.mark.slow
@settings(max_examples=examples(3))
@given(st.floats(1.05, 4.0))
def test_scale_family_at_eta_zero_holds(sigma):
    """Family 2: Theorem 1's scale family, where the hypothesis holds only at η = 0."""
    assert CLAIM.check(family="scale", sigma=sigma, lam=0.0).verdict == Verdict.HOLDS
