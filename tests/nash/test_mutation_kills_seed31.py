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


def test_fixed_critic_descent_takes_a_projected_gradient_step_on_the_wgan_value():
    """WGAN, D* = |x| fixed: ``V(w, u) = σ√(2/π) − E|wZ + u|``, ``∂V/∂u = −(2Φ(u/w) − 1)`` and
    ``∂V/∂w < 0``, so from (1, u₀) the step keeps w = 1 (projected) and moves u to
    ``u₀ + lr(2Φ(u₀) − 1)``; the second recorded value is V there (seed 64, #1:
    ``lr·∂V/∂u`` → ``lr/∂V/∂u`` sent u to the box's edge)."""
    from scipy.stats import norm

    sigma, t, lr, u0 = 2.0, 1.0, 0.5, 0.2
    vals = np.asarray(dynamics.fixed_critic_descent("wgan", sigma, t, lr, steps=2, u_start=u0))

    def value(u):
        abs_mean = math.sqrt(2 / math.pi) * math.exp(-u * u / 2) + u * (1 - 2 * norm.cdf(-u))
        return sigma * math.sqrt(2 / math.pi) - abs_mean

    u1 = u0 + lr * (2 * norm.cdf(u0) - 1)
    np.testing.assert_allclose(vals, [value(u0), value(u1)], rtol=1e-12)
