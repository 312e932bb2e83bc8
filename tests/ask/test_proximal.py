"""λ-proximal equilibria of any pair: λ_max by certified bisection against the closed form
σ/(4η(σ − 1)), proximal gaps on both sides of it, pairs that are a λ-PE for no λ."""

import math

import pytest

from theory.proximal.threshold import lam_max_isotropic
from verifiers.ask import game, lambda_max, proximal_gap
from verifiers.ask.proximal import optimal_pair
from verifiers.certificate import Verdict

SIGMA, ETA = 2.5, 0.7


@pytest.fixture(scope="module")
def star():
    g = game("w2gan-quadratic", sigma=SIGMA, t=0.8, eta=ETA)
    Gs, Ds, _ = optimal_pair(g)
    return g, Gs.spec(), Ds.spec()


def test_lambda_max_bisection_brackets_the_closed_form(star):
    g, G, D = star
    c = lambda_max(g, G, D, steps=2)
    closed = lam_max_isotropic(SIGMA, ETA)
    assert c.verdict is Verdict.HOLDS, c.statement
    assert c.witness["lambda_max"] == pytest.approx(closed, rel=1e-12)
    assert c.witness["bisection_upper"] >= closed
    assert c.witness["breaking_deviation"] is not None and c.witness["breaking_amount"] > 0


def test_proximal_gap_on_both_sides_of_lambda_max(star):
    g, G, D = star
    closed = lam_max_isotropic(SIGMA, ETA)
    below = proximal_gap(g, G, D, 0.8 * closed)
    above = proximal_gap(g, G, D, 2.0 * closed)
    assert below.verdict is Verdict.HOLDS, below.statement
    assert above.verdict is Verdict.REFUTED, above.statement
    assert {"gap", "lam", "proximal_gap", "generator_best"} <= set(above.witness)
    assert above.witness["generator_gain"] > 0


def test_a_pair_off_the_w2_optimum_is_a_pe_for_no_lambda(star):
    g, _, _ = star
    c = lambda_max(g, {"w": 0.6, "u": 0.3})
    assert c.witness["lambda_max"] is None and "no lambda" in c.statement
    c = proximal_gap(g, {"w": 0.6, "u": 0.3}, None, 0.1)
    assert c.verdict is Verdict.REFUTED and c.witness["generator_gain"] > 0


@pytest.mark.parametrize("name, lam, needle", [
    ("w2gan", -1.0, "lam="), ("w2gan", math.inf, "lam="), ("wgan1d", 0.1, "game="),
    ("fgan-kl", 0.1, "game="),
])
def test_bad_proximal_arguments(name, lam, needle):
    with pytest.raises(ValueError) as err:
        proximal_gap(game(name), {"w": 1.0, "u": 0.0}, None, lam)
    assert needle in str(err.value)
