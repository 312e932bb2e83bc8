"""Gaps found by the mutation samples of seeds 117 onwards in the Nash checks
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import math

import numpy as np
import pytest

from theory.gaussian_games import nash
from theory.gaussian_games._model import GaussianData, LinearGenerator


@pytest.mark.parametrize("c", [0.0, 1.0, 2.0])
def test_a_constant_kl_critic_loses_f_star_of_c_minus_c(c):
    """Against a constant critic D ≡ c the game's value is c − f*(c) for every generator, so
    at G = data (sup = KL = 0) the discriminator gains f*(c) − c = e^{c−1} − c ≥ 0 (0 only at
    c = f'(1) = 1) and the generator nothing (seed 119, #7: the discriminator's gain
    ``sup − v`` → ``sup + v``, the same at c = 1, the only constant any caller passed)."""
    data = GaussianData(np.eye(2))
    G = LinearGenerator(np.eye(2), np.zeros(2), 1.0)
    conv = nash.fgan_nash_conv("kl", data, G, nash.FCritic(value=c))
    gain = math.exp(c - 1.0) - c
    assert conv.discriminator_gain == pytest.approx(gain, abs=1e-15)
    assert conv.generator_gain == 0.0 and conv.gap == pytest.approx(gain, abs=1e-15)


def test_w2gan_best_scale_takes_every_direction_with_kappa_above_one():
    """For σ(W') ≤ 1 the generator's best S' is the projector on {κ_i(K) > 1}, K = (I − 2A)⁻¹:
    with κ = (1.0005, 1.5) both directions, with κ = (0.9995, 1.5) only the second (seed 124,
    #22: ``κ > 1`` → ``κ > 1.001`` dropped the first)."""
    from theory.gaussian_games import w2gan

    def best_s(kappa):
        A = np.diag([0.5 * (1.0 - 1.0 / k) for k in kappa])
        _, S, _ = w2gan.generator_best_response(A, np.zeros(2), np.eye(2), 0.5)
        return np.asarray(S)

    assert np.allclose(best_s((1.0005, 1.5)), np.eye(2), atol=1e-12)
    assert np.allclose(best_s((0.9995, 1.5)), np.diag([0.0, 1.0]), atol=1e-12)
