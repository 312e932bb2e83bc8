"""Mutation run of seed 31: the fixed-critic descent's data law is N(0, σ²) for every game
(survivor #56, ``Sig = σ²`` → ``1/σ²``: only the WGAN game, which does not use it, was run)."""

import math

import numpy as np
import pytest

from verifiers.nash import dynamics


@pytest.mark.parametrize("sigma", [2.0, 3.0])
def test_fixed_critic_descent_starts_at_the_divergence_to_the_data_law(sigma):
    """At G* = N(0, 1) with the critic D* fixed and step 0, the value is the W2GAN value
    ½W2² = ½(σ − 1)² and the KL f-GAN value KL(N(0, σ²) ‖ N(0, 1)) = ½(σ² − 1 − ln σ²)."""
    w2 = np.asarray(dynamics.fixed_critic_descent("w2gan", sigma, 1.0, 0.0, steps=1, u_start=0.0))
    kl = np.asarray(dynamics.fixed_critic_descent("kl", sigma, 1.0, 0.0, steps=1, u_start=0.0))
    assert w2[0] == pytest.approx(0.5 * (sigma - 1.0) ** 2, rel=1e-12)
    assert kl[0] == pytest.approx(0.5 * (sigma**2 - 1.0 - math.log(sigma**2)), rel=1e-12)
