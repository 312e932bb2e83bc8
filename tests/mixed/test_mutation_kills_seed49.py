"""Gaps found by the mutation samples of seeds 49 and 50 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.bilinear import BilinearGame
from verifiers.mixed import lp, wgan_grid


def test_a_solvers_strategy_is_put_on_the_simplex():
    """Rounding below 0 is cut to 0, then the entries are divided by their sum (seed 49, #7:
    ``x·Σx`` in place of ``x/Σx`` is invisible on HiGHS' output, which sums to 1 within
    10⁻¹⁰, but not on a point off the simplex)."""
    np.testing.assert_allclose(lp._normalised(np.array([2.0, -1e-12, 6.0])), [0.25, 0.0, 0.75],
                               rtol=0, atol=1e-16)


def test_lp_strategies_are_exactly_on_the_simplex():
    """The strategies of :func:`solve_lp` are probability vectors to the last bits."""
    game = BilinearGame(A=[[3.0, -1.0, 0.5], [-2.0, 4.0, 1.0]], a=[0.2, -0.1])
    sol = lp.solve_lp(game)
    for x in (sol.p, sol.q):
        assert np.all(x >= 0.0) and abs(x.sum() - 1.0) <= 4 * np.finfo(float).eps


@pytest.mark.parametrize("t", [0.3, 1.0, 2.5])
def test_the_branch_and_bound_starts_from_boxes_that_tile_the_domain(t):
    """The critic guarantee is a lower bound over ``[0, 1] × [−t, t]`` only if its first boxes
    cover it: 10 × 20 boxes of sides 0.1 × t/10, edge to edge from corner to corner (seed 50,
    #8: the first centre 0.05 → 0.05005 left ``w ∈ [0, 5·10⁻⁵)`` uncovered)."""
    w, u, hw, hu = wgan_grid.initial_boxes(t)
    for centres, side, low, high, n in ((w, hw, 0.0, 1.0, 10), (u, hu, -t, t, 20)):
        c = np.unique(centres)
        assert len(c) == n and len(centres) == 200
        edges = np.concatenate([c - side / 2, [c[-1] + side / 2]])
        np.testing.assert_allclose(edges, np.linspace(low, high, n + 1), rtol=0,
                                   atol=1e-15 * (1 + abs(high)))
        np.testing.assert_allclose(c[1:] - side / 2, c[:-1] + side / 2, rtol=0,
                                   atol=1e-15 * (1 + abs(high)))
