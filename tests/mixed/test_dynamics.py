"""Entropic MD/MP: agreement with the LP, the rate bounds, batching, keys, bad input."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.bilinear import random_game
from verifiers import tolerances
from verifiers.mixed import rates
from verifiers.mixed.dynamics import _draw, mp_step, run
from verifiers.mixed.lp import solve_lp
from verifiers.strategies import seeds

N, M, T = 8, 6, 3000


@given(seeds())
def test_mp_average_approaches_the_lp_value_within_nemirovskis_bound(seed):
    game = random_game(np.random.default_rng(seed), N, M)
    out = run(game.A, game.a, float(mp_step(game.A)), T=T, method="mp")
    bound = rates.mp_bound(game, float(mp_step(game.A)), np.arange(1, T + 1))
    assert np.all(np.asarray(out.gap_average) <= bound)
    sol = solve_lp(game)
    assert abs(game.value(out.p_average, out.q_average) - sol.value) <= float(bound[-1])


@given(seeds())
def test_md_regret_bound_holds_at_every_step(seed):
    game = random_game(np.random.default_rng(seed), N, M)
    eta = 0.1
    out = run(game.A, game.a, eta, T=T, method="md")
    assert np.all(np.asarray(out.gap_average) <= rates.md_bound(game, eta, np.arange(1, T + 1)))


def test_vmap_over_games_equals_a_loop():
    rng = np.random.default_rng(0)
    games = [random_game(rng, N, M) for _ in range(4)]
    A, a = jnp.stack([g.A for g in games]), jnp.stack([g.a for g in games])
    batched = jax.vmap(lambda A, a: run(A, a, 0.5, T=200, method="mp").gap_average)(A, a)
    looped = [run(g.A, g.a, 0.5, T=200, method="mp").gap_average for g in games]
    assert np.allclose(batched, np.stack(looped), atol=tolerances.CLOSED_FORM, rtol=0)
    assert batched.dtype == jnp.float64


def test_stochastic_runs_depend_only_on_the_key():
    game = random_game(np.random.default_rng(1), N, M)
    one = run(game.A, game.a, 0.1, T=100, method="md", stochastic=True, key=jax.random.key(3))
    two = run(game.A, game.a, 0.1, T=100, method="md", stochastic=True, key=jax.random.key(3))
    other = run(game.A, game.a, 0.1, T=100, method="md", stochastic=True, key=jax.random.key(4))
    assert np.array_equal(one.gap_average, two.gap_average)
    assert not np.array_equal(one.gap_average, other.gap_average)


_draws = jax.jit(jax.vmap(_draw, in_axes=(None, 0)))  # one shape: compiled once


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=12)
       .filter(lambda w: sum(w) >= np.finfo(float).tiny))  # Σw normal, as _draw requires
def test_inversion_draws_each_index_with_its_weight(weights):
    """Stratified uniforms (i + ½)/N: index k comes out within one of N·w_k/Σw times, a
    zero weight never,
    not even from the largest uniform below 1."""
    w = jnp.asarray(weights + [0.0] * (14 - len(weights)))  # zeros: padding strategies
    N = 4000
    u = (jnp.arange(N) + 0.5) / N
    counts = np.bincount(np.asarray(_draws(w, u)), minlength=len(w))
    expected = N * np.asarray(w) / float(np.sum(w))
    assert np.all(np.abs(counts - expected) <= 1.0 + 1e-9 * N)
    assert np.all(counts[np.asarray(w) == 0.0] == 0)
    assert float(w[int(_draw(w, 1.0 - 2.0**-53))]) > 0.0


@pytest.mark.parametrize("eta", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_step_sizes_are_rejected(eta):
    with pytest.raises(ValueError, match="eta"):
        run(np.eye(2), np.zeros(2), eta, T=10)


def test_bad_horizon_and_method_are_rejected():
    with pytest.raises(ValueError, match="T="):
        run(np.eye(2), np.zeros(2), 1.0, T=0)
    with pytest.raises(ValueError, match="method"):
        run(np.eye(2), np.zeros(2), 1.0, T=5, method="gda")


@pytest.mark.slow
def test_long_run_slopes_on_one_game():
    """On T ∈ [10², 10⁵] the fitted slopes of this game are near −1 (MP) and −1/2 (MD):
    a description of one game, not a claim."""
    game = random_game(np.random.default_rng(0), 30, 20)
    horizons = np.array([100, 1000, 10000, 100000])
    gaps, _ = rates.mp_gaps(game, int(horizons[-1]))
    assert abs(rates.fitted_slope(horizons, gaps[horizons - 1]) + 1.0) < 0.05
    md, _ = rates.horizon_gaps(game, "md", horizons)
    assert abs(rates.fitted_slope(horizons, md) + 0.5) < 0.05
