"""Gaps found by the mutation samples of seeds 107 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from theory.proximal import dynamics


@pytest.mark.parametrize(("sigma", "eta", "mu"), [(0.3, 1.0, 0.5), (2.0, 1.0, 0.5)])
def test_the_inner_step_bound_takes_the_larger_curvature(sigma, eta, mu):
    """``2/L_inner`` with ``L_inner = max(σ/(2η) + 2μ, 2σ³/η + 8μσ²)``; below σ = 1/2 the
    first term is the larger (seed 108, #23: its ``2μ`` → ``2.002μ`` is unseen by the claims,
    whose σ > 1 always picks the second)."""
    L = max(sigma / (2 * eta) + 2 * mu, 2 * sigma**3 / eta + 8 * mu * sigma**2)
    assert dynamics.inner_step_bound(sigma, eta, mu) == pytest.approx(2.0 / L, rel=1e-15, abs=0.0)


def test_a_generator_step_inside_the_box_is_minus_gamma_times_the_derivative():
    """Away from the clips (|s| < 1, |u| < t) one generator step moves (s, u) by exactly −γ
    times the derivative of V in (s, u), here by central differences, and leaves the
    discriminator alone (seed 113, #14: ``s − γ·∂V/∂s`` → ``s − γ/∂V/∂s`` went unseen: at the
    equilibrium s = 1 both are clipped to 1)."""
    import numpy as np

    from verifiers.proximal import training

    sigma, eta, gamma, t, h = 2.0, 1.0, 0.01, 1.0, 1e-6
    z = np.array([0.5, 0.1, -0.3, 0.2])
    step = np.asarray(training._generator_step(z, sigma, eta, gamma, t))
    for i in (0, 1):
        e = np.zeros(4)
        e[i] = h
        fd = (float(training._value(z + e, sigma, eta))
              - float(training._value(z - e, sigma, eta))) / (2 * h)
        assert step[i] == pytest.approx(z[i] - gamma * fd, rel=0.0, abs=1e-9)
    assert np.array_equal(step[2:], z[2:])
