"""Gaps found by the exhaustive mutation run of ``verifiers/nash/dynamics.py``
(``tools/mutation.py run --files``, docs/mutation.md): each test fails on the mutant named
in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.gaussian_games import fgan, w2gan
from verifiers.nash import crosscheck, dynamics


def _reference_descent(value, lr, t, u0, steps):
    """Projected gradient descent on (w, u) ∈ [−1, 1] × [−t, t] from (1, u0), recording V."""
    grad, (w, u), out = jax.grad(value, argnums=(0, 1)), (1.0, u0), []
    for _ in range(steps):
        out.append(float(value(w, u)))
        gw, gu = (float(g) for g in grad(w, u))
        w, u = float(np.clip(w - lr * gw, -1, 1)), float(np.clip(u - lr * gu, -t, t))
    return out


@pytest.mark.parametrize("game", ["w2gan", "kl"])
def test_fixed_critic_descent_moves_the_generator_scale_w(game):
    """For the W2GAN and f-GAN games, V((w, u), D*) depends on w through the generator's
    covariance w² (``eye·w·w`` → ``eye/w·w`` made it constant in w), and each step is
    ``w − lr·∂V/∂w`` (``lr·∂V/∂w`` → ``lr/∂V/∂w``): three recorded values against a plain
    loop of the same descent. With σ = 0.5 < 1, V grows with w at w = 1, so w leaves 1 (for
    σ > 1 the projection holds it there and w never mattered)."""
    sigma, t, lr, u0 = 0.5, 1.0, 0.1, 0.2
    Sig = jnp.eye(1) * sigma**2
    if game == "w2gan":
        A, b = w2gan.discriminator_best_response(jnp.eye(1), jnp.zeros(1), Sig)

        def value(w, u):
            return w2gan.value(A, b, jnp.eye(1) * w**2, jnp.array([u]), Sig)
    else:
        def value(w, u):
            return fgan.value_vs_best_response(game, jnp.eye(1), jnp.zeros(1),
                                               jnp.eye(1) * w**2, jnp.array([u]), Sig)
    got = np.asarray(dynamics.fixed_critic_descent(game, sigma, t, lr, steps=3, u_start=u0))
    expected = _reference_descent(value, lr, t, u0, 3)
    assert float(jax.grad(value)(1.0, u0)) > 0  # w moves below 1
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_w2gan_best_response_iteration_starts_at_the_given_scale():
    """The iteration starts at S = s0 (``eye·s0`` → ``eye/s0`` started at 1/s0): its first
    gap is the Nash gap of (S, u) = (s0, u0) against D_{G0}."""
    sigma, s0, u0, t = 1.5, 0.5, 0.3, 1.0
    Sig, S, u = jnp.eye(1) * sigma**2, jnp.eye(1) * s0, jnp.array([u0])
    A, b = w2gan.discriminator_best_response(S, u, Sig)
    gap = float(w2gan.nash_gap(A, b, S, u, Sig, t)[0])
    us, gaps = dynamics.w2gan_best_response_iteration(sigma, s0, u0, t, steps=2)
    assert float(us[0]) == u0 and float(gaps[0]) == pytest.approx(gap, rel=1e-12)


def test_the_hermite_route_takes_a_point_mass_generator():
    """S = 0 (the generator a point mass at u) is admissible: the Cholesky factor of
    S + 1e-300·I exists and the Gauss–Hermite value matches the closed form
    (``S + 1e-300·I`` → ``S − 1e-300·I`` is not positive definite; found by the exhaustive
    run of ``crosscheck.py``)."""
    Sig = jnp.eye(1) * 4.0
    A, b = w2gan.discriminator_best_response(jnp.eye(1), jnp.zeros(1), Sig)
    S, u = jnp.zeros((1, 1)), jnp.array([0.3])
    value, error = crosscheck.w2gan_value_hermite(A, b, S, u, Sig)
    assert abs(value - float(w2gan.value(A, b, S, u, Sig))) <= error
