"""``hsieh2019.mean_approximation``: the K-particle mean of Algorithm 3 against eq. (7)'s
mirror step on the 1-D WGAN game (SGLD samples) and on finite games lifted to measures (exact
samples); a perturbed mirror step is refuted."""

import numpy as np
import pytest
from hypothesis import given, settings

from tests.examples import examples
from theory.mixed import mean_approximation as ma
from verifiers import Verdict
from verifiers.claims.hsieh2019 import mean_approximation as mod
from verifiers.strategies import lifted_finite_games, wgan1d_mirror_steps

CLAIM = mod.check_mean_approximation.claim


def test_finite_game_holds_with_a_mc_rate_witness():
    out = CLAIM.check(game="finite")
    assert out.verdict == Verdict.HOLDS
    assert len(out.witness["errors"]) == len(mod.KS)


def test_hoeffding_radius_is_the_stated_constant():
    assert ma.hoeffding_radius(4096, 1e-9) == pytest.approx(np.sqrt(2 * np.log(2e9) / 4096))


@pytest.mark.perturbs("hsieh2019.mean_approximation")
def test_particles_of_the_wrong_update_are_refuted(monkeypatch):
    """Particles drawn from p e^{+ηAq} (the sign of eq. (7)'s exponent flipped) miss the mirror
    step by more than the Hoeffding radius."""
    real = ma.finite_particles
    monkeypatch.setattr(ma, "finite_particles",
                        lambda key, p, A, q, eta, K: real(key, p, A, q, -eta, K))
    out = CLAIM.check(game="finite", eta=2.0, seed=1)
    assert out.verdict == Verdict.REFUTED


@pytest.mark.slow
def test_wgan1d_default_holds():
    assert CLAIM.check().verdict == Verdict.HOLDS


@pytest.mark.slow
@pytest.mark.perturbs("hsieh2019.mean_approximation")
def test_wgan1d_target_with_the_wrong_sign_is_refuted(monkeypatch):
    """The quadrature of eq. (7) with e^{+ηh}: the SGLD particles (which sample e^{−ηh}) miss
    it by far more than the Hoeffding radius plus the bias."""
    real = ma.potential
    monkeypatch.setattr(ma, "potential",
                        lambda u, eta, a, m0, tau: real(u, -eta, a, m0, tau))
    assert CLAIM.check(eta=2.0, a=0.0, m0=0.5).verdict == Verdict.REFUTED


@pytest.mark.slow
@settings(max_examples=examples(5))
@given(lifted_finite_games())
def test_random_finite_games_hold(params):
    assert CLAIM.check(**params).verdict == Verdict.HOLDS


@pytest.mark.slow
@settings(max_examples=examples(4))
@given(wgan1d_mirror_steps())
def test_random_wgan1d_instances_hold(params):
    assert CLAIM.check(**params).verdict == Verdict.HOLDS
