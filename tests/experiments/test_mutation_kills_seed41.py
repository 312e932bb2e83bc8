"""Gaps found by the mutation samples of seeds 41 and 42 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.metrics import modes
from theory.mirror_gan import algorithms
from theory.training import data, objectives


@pytest.mark.parametrize("name", ["line", "four_lines"])
def test_uniform_coordinate_fills_exactly_minus_one_to_one(name):
    """``line`` and ``four_lines`` draw their first coordinate from U[−1, 1]: every draw lies
    in [−1, 1] and 2·10⁴ draws come within 10⁻³ of both ends (seed 42, #3: ``maxval``
    1 → 1.001 put about 10 draws beyond 1); ``four_lines``' second coordinate is one of the
    four levels ±0.5, ±1.5."""
    x = np.asarray(data.DATASETS[name][1](jax.random.key(0), 20_000))
    assert x.shape == (20_000, 2)
    assert np.all(np.abs(x[:, 0]) <= 1.0)
    assert x[:, 0].max() > 1.0 - 1e-3 and x[:, 0].min() < -1.0 + 1e-3
    if name == "four_lines":
        assert set(np.unique(x[:, 1])) == {-1.5, -0.5, 0.5, 1.5}


def test_gradient_penalty_points_lie_between_real_and_fake(monkeypatch):
    """WGAN-GP (``real`` = 0, ``mix`` = 1): the penalty is taken at u·x_real + (1 − u)·x_fake
    with u ~ U[0, 1], so each point is on the segment from the fake to the real sample
    (seed 42, #29: ``real − mix·U`` gave u ∈ [−1, 0], points beyond the fake one)."""
    seen = {}

    def capture(d, points, target):
        seen["points"] = points
        return jnp.zeros(())

    monkeypatch.setattr(objectives, "penalty", capture)
    real, fake = jnp.ones((64, 2)), -jnp.ones((64, 2))
    w = objectives.Weights(gan=0.0, wgan=1.0, gamma=10.0, target=1.0, real=0.0, mix=1.0)
    objectives.discriminator_loss(lambda x: x[:, :1], real, fake, w, jax.random.key(3))
    u = (np.asarray(seen["points"]) - np.asarray(fake)) / 2.0   # u·real + (1 − u)·fake
    assert np.allclose(u[:, 0], u[:, 1])
    assert np.all((u >= 0.0) & (u <= 1.0)) and np.ptp(u) > 0.5


def test_a_mode_needs_its_share_not_one_sample():
    """Two centres, 1000 samples on the first and 1 on the second: covering a mode needs
    ``min_share·n/K`` = 0.1·1001/2 ≈ 50 high-quality samples, so one mode is covered (seed
    42, #30: ``min(1, ·)`` in place of ``max`` counted the single sample as a mode)."""
    centres = np.array([[0.0, 0.0], [10.0, 0.0]])
    samples = np.concatenate([np.zeros((1000, 2)), [[10.0, 0.0]]])
    assert modes.modes_covered(samples, centres, sd=0.1) == 1


def test_plain_sgld_step_by_hand():
    """Without preconditioning, x⁺ = x − γg + √(2γ)·ε·n with n the step's own normal draw
    (seed 42, #26: √(2.002γ))."""
    hp = algorithms.Hyper(gamma=0.1, eps=0.5, precondition=False)
    p, g, key = {"w": jnp.array([1.0, 2.0])}, {"w": jnp.array([2.0, -4.0])}, jax.random.key(5)
    n = algorithms._noise(key, p)["w"]
    new, _ = algorithms.sgld_step(p, {"w": jnp.zeros(2)}, g, key, hp)
    expected = np.array([1.0, 2.0]) - 0.1 * np.array([2.0, -4.0]) + np.sqrt(0.2) * 0.5 * n
    np.testing.assert_allclose(new["w"], expected, rtol=1e-14)


def test_mescheder_data_sets_are_the_documented_maps_of_their_draws():
    """With each sampler's own draws: ``gaussian`` is its normal draw; ``line`` is
    ``(u, 0)``, ``u ~ U[−1, 1]``; ``circle`` is ``(cos φ, sin φ)``, ``φ = 2π v``, ``v ~ U[0, 1]``
    (uniform on the whole circle); ``four_lines`` is ``(u, j − 1.5)``, ``j`` uniform on
    {0, 1, 2, 3} from the second half of the key."""
    key, n = jax.random.key(7), 300
    draw = {name: np.asarray(data.DATASETS[name][1](key, n))
            for name in ("gaussian", "line", "circle", "four_lines")}
    np.testing.assert_array_equal(draw["gaussian"], np.asarray(jax.random.normal(key, (n, 2))))
    u = np.asarray(jax.random.uniform(key, (n,), minval=-1.0, maxval=1.0))
    np.testing.assert_array_equal(draw["line"], np.stack([u, np.zeros(n)], axis=1))
    phi = 2.0 * np.pi * np.asarray(jax.random.uniform(key, (n,)))
    np.testing.assert_allclose(draw["circle"], np.stack([np.cos(phi), np.sin(phi)], axis=1),
                               rtol=0, atol=1e-13)
    k1, k2 = jax.random.split(key)
    u1 = np.asarray(jax.random.uniform(k1, (n,), minval=-1.0, maxval=1.0))
    j = np.asarray(jax.random.randint(k2, (n,), 0, 4))
    np.testing.assert_array_equal(draw["four_lines"], np.stack([u1, j - 1.5], axis=1))
