"""Gaps found by the mutation samples of seeds 39 and 40 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax.numpy as jnp
import numpy as np
import pytest

from theory.training import optim


def _two_steps(name: str, lr: float, g1: float, g2: float) -> float:
    """Parameter after two steps from 0 with gradients g1, then g2."""
    opt = optim.make(name, jnp.float64(lr))
    p = jnp.zeros(())
    state = opt.init(p)
    for g in (g1, g2):
        p, state = optim.step(opt, lambda _, g=g: jnp.float64(g), p, state)
    return float(p)


@pytest.mark.parametrize(("g1", "g2"), [(1.0, 3.0), (-2.0, 0.5)])
def test_adam_and_rmsprop_are_the_papers_settings(g1, g2):
    """Adam with β₁ = 0.5, β₂ = 0.999 (bias-corrected moments after two steps:
    m̂ = (β₁g₁ + g₂)/(1 + β₁), v̂ = (β₂g₁² + g₂²)/(1 + β₂)) and RMSProp with decay 0.9
    (ν₁ = 0.1g₁², ν₂ = 0.9ν₁ + 0.1g₂², steps g/√(ν + ε) as optax takes them), against the
    formulas by hand (seed 40, #5: β₂ = 0.999999 moves the second Adam step by about 2e-4)."""
    lr, eps, b1, b2 = 0.1, 1e-8, 0.5, 0.999
    first = g1 / (abs(g1) + eps)
    m_hat, v_hat = (b1 * g1 + g2) / (1 + b1), (b2 * g1**2 + g2**2) / (1 + b2)
    adam = -lr * (first + m_hat / (np.sqrt(v_hat) + eps))
    assert _two_steps("adam", lr, g1, g2) == pytest.approx(adam, rel=1e-12)
    nu1 = 0.1 * g1**2
    nu2 = 0.9 * nu1 + 0.1 * g2**2
    rms = -lr * (g1 / np.sqrt(nu1 + eps) + g2 / np.sqrt(nu2 + eps))
    assert _two_steps("rmsprop", lr, g1, g2) == pytest.approx(rms, rel=1e-12)


def test_optimistic_adam_moments_are_the_papers_settings():
    """Optimistic Adam (Daskalakis et al. 2018) with β₁ = 0.5, β₂ = 0.999: after gradients
    g₁, g₂ its moments are m₂ = β₁(1 − β₁)g₁ + (1 − β₁)g₂ and v₂ = β₂(1 − β₂)g₁² + (1 − β₂)g₂²
    (seed 39, #40: β₂ = 0.999999 left every test passing; the fixed-discriminator inner
    Adam of seed 41's #6 is now ``optim.make("adam")``, pinned above)."""
    b1, b2 = 0.5, 0.999
    g1, g2 = jnp.array([1.0, -2.0]), jnp.array([3.0, 0.5])
    opt = optim.make("optimistic_adam", jnp.float64(0.1))
    p = jnp.zeros(2)
    state = opt.init(p)
    for g in (g1, g2):
        _, state = opt.update(g, state, p)
    moments = state[0]
    np.testing.assert_allclose(moments.mu, b1 * (1 - b1) * g1 + (1 - b1) * g2, rtol=1e-14)
    np.testing.assert_allclose(moments.nu, b2 * (1 - b2) * g1**2 + (1 - b2) * g2**2, rtol=1e-14)
