"""Finite bi-affine games: validation, the duality gap, the exact LP, nashpy cross-checks."""

import warnings

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.bilinear import BilinearGame, log_md_step, md_step, random_game
from verifiers import tolerances
from verifiers.mixed import lp
from verifiers.mixed.lp import solve_lp
from verifiers.strategies import seeds


@pytest.mark.parametrize(
    "A, a, match",
    [
        ([[np.nan, 1.0]], [0.0], "non-finite"),
        ([[np.inf, 1.0]], [0.0], "non-finite"),
        (np.zeros((0, 3)), np.zeros(0), "non-empty"),
        ([1.0, 2.0], [0.0], "2-D"),
        ([[1.0, 2.0]], [0.0, 1.0], "length"),
        ([["x"]], [0.0], "numeric"),
    ],
)
def test_bad_games_are_rejected(A, a, match):
    with pytest.raises(ValueError, match=match):
        BilinearGame(A=A, a=a)


def test_game_arrays_are_frozen_float64():
    g = BilinearGame(A=[[1, 2], [3, 4]], a=[0, 1])
    assert g.A.dtype == np.float64 and not g.A.flags.writeable


@given(seeds(), st.integers(2, 6), st.integers(2, 6))
def test_gap_is_nonnegative_and_zero_at_the_lp_solution(seed, n, m):
    """gap ≥ −1e-12 everywhere, ≤ 1e-9 at the LP solution, primal = dual."""
    rng = np.random.default_rng(seed)
    game = random_game(rng, n, m)
    p, q = rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))
    assert game.gap(p, q) >= -tolerances.CLOSED_FORM
    sol = solve_lp(game)
    assert abs(sol.value_primal - sol.value_dual) <= tolerances.LP
    assert game.gap(sol.p, sol.q) <= tolerances.LP
    assert abs(game.value(sol.p, sol.q) - sol.value) <= tolerances.LP
    # both values are evaluated from the strategies (weak duality), not read off the solver
    assert sol.value_primal == np.max(game.a - game.A @ sol.p)
    assert sol.value_dual == sol.q @ game.a - np.max(game.A.T @ sol.q)
    assert sol.value_dual <= game.value(sol.p, sol.q) + tolerances.CLOSED_FORM


def test_lp_matches_nashpy_vertex_enumeration_on_small_games():
    """Vertex enumeration agrees with the LP (support enumeration fails on degenerate games)."""
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(7)
    for _ in range(20):
        n, m = rng.integers(2, 5, 2)
        game = random_game(rng, n, m)
        payoff_row = game.a[:, None] - game.A
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eqs = list(nash.Game(payoff_row, -payoff_row).vertex_enumeration())
        sol = solve_lp(game)
        values = [q @ payoff_row @ p for q, p in eqs]
        assert np.max(np.abs(np.array(values) - sol.value)) <= tolerances.LP
        assert min(game.gap(p, q) for q, p in eqs) <= tolerances.LP


def test_md_step_matches_the_formula_and_survives_huge_steps():
    z, b = jnp.array([0.2, 0.3, 0.5]), jnp.array([1.0, -2.0, 0.5])
    expected = z * jnp.exp(-0.7 * b) / jnp.sum(z * jnp.exp(-0.7 * b))
    assert np.allclose(md_step(z, b, 0.7), expected, atol=tolerances.CLOSED_FORM, rtol=0)
    logs = log_md_step(jnp.log(z), 1e4 * b, 1.0)
    assert (
        np.all(np.isfinite(logs))
        and abs(float(jnp.sum(jnp.exp(logs))) - 1.0) <= tolerances.CLOSED_FORM
    )



def _failing(*methods: str):
    """scipy's linprog, except that each of ``methods`` reports its iteration limit."""
    real = lp.linprog

    def linprog(*args, method, **kwargs):
        res = real(*args, method=method, **kwargs)
        if method in methods:
            res.status, res.message = 1, "Iteration limit reached."
        return res

    return linprog


def test_an_lp_the_default_method_cannot_finish_goes_to_the_interior_point_method(monkeypatch):
    """A cycling simplex (status 1 at :data:`lp.MAX_ITERATIONS`) does not end the check: the
    interior-point method solves the same LP, with as tight a bracket and the same value."""
    game = random_game(np.random.default_rng(3), 6, 5)
    expected = solve_lp(game)
    monkeypatch.setattr(lp, "linprog", _failing("highs"))
    sol = solve_lp(game)
    assert sol.value_primal - sol.value_dual <= 1e-8
    assert abs(sol.value - expected.value) <= 1e-8


def test_an_lp_no_method_can_finish_raises_naming_both(monkeypatch):
    monkeypatch.setattr(lp, "linprog", _failing("highs", "highs-ipm"))
    with pytest.raises(RuntimeError, match="HiGHS failed with highs, highs-ipm: Iteration limit"):
        solve_lp(random_game(np.random.default_rng(3), 6, 5))
