"""Gaps found by the mutation samples of seeds 77 and 78 (docs/mutation.md): each test
fails on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tests.experiments.test_farnia_claims import fixd_results
from theory.training.objectives import Weights, generator_loss
from verifiers import empirical
from verifiers.claims.farnia2020 import experiments as farnia
from verifiers.claims.mescheder2018 import experiments as mescheder


def test_the_generator_loss_weighs_the_non_saturating_term():
    """``L_G = a·mean(softplus(−D(x̃))) − b·mean(D(x̃))`` with a = 2, b = 0.5 against numpy
    (s77 #15: ``a · mean`` → ``a / mean``; the earlier test had a = 0)."""
    fake = jnp.array([[0.3, -1.0], [1.5, 0.2], [-0.7, 0.4]])

    def d(x):
        return (x @ jnp.array([1.0, -2.0]) + 0.1)[:, None]

    got = float(generator_loss(d, fake, Weights(gan=2.0, wgan=0.5, noise=0.0),
                               jax.random.PRNGKey(0)))
    logits = np.asarray(fake) @ np.array([1.0, -2.0]) + 0.1
    want = 2.0 * np.mean(np.log1p(np.exp(-logits))) - 0.5 * np.mean(logits)
    assert got == pytest.approx(want, rel=1e-12)


def levels_used(monkeypatch, decide, results) -> list[float]:
    """The levels of the one-sided tests ``decide`` runs on ``results`` at level 0.05."""
    levels = []
    real = empirical.less

    def recording(*args, level=empirical.LEVEL, **kwargs):
        levels.append(level)
        return real(*args, level=level, **kwargs)

    monkeypatch.setattr(empirical, "less", recording)
    decide(results, level=0.05)
    return levels


@pytest.mark.parametrize("decide", [farnia.decide_fixd_not_nash, farnia.decide_fixd_proximal])
def test_the_two_parts_of_an_experiment_share_the_level(monkeypatch, decide):
    """Bonferroni over the two parts: each test runs at level/2, so together at ``level``
    (s78 #30: ``level / 2`` → ``level * 2`` in §6.1 ran each at 2·level)."""
    assert levels_used(monkeypatch, decide, fixd_results()) == [0.025, 0.025]


@pytest.mark.parametrize("scale_b", [1.0, 2.0])
def test_r1_equals_r2_scales_the_second_arm_by_multiplication(monkeypatch, scale_b):
    """The perturbation ``scale_b`` multiplies the second arm's W1 values; at 1 they pass
    unchanged (s78 #5: ``scale_b · v`` → ``scale_b / v`` turned them into 1/v)."""
    arms = {"R1": (["u1", "u2"], [0.4, 0.5]), "R2": (["u1", "u2"], [0.45, 0.55])}
    seen = {}
    monkeypatch.setattr(mescheder, "_arm", lambda results, arm: arms[arm])
    monkeypatch.setattr(mescheder, "_protocol", lambda results: None)
    monkeypatch.setattr(mescheder.empirical, "equivalent",
                        lambda name_a, a, name_b, b, **kw: seen.update(a=a, b=b))
    mescheder.decide_r1_equals_r2({}, arms=("R1", "R2"), scale_b=scale_b)
    assert seen["a"] == [0.4, 0.5] and seen["b"] == [scale_b * 0.45, scale_b * 0.55]

