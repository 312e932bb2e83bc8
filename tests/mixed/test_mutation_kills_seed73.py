"""Gaps found by the mutation samples of seeds 73 and 74 in the mixed-strategy solvers
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from verifiers.mixed import wgan_grid
from verifiers.mixed.double_oracle import double_oracle


def test_double_oracle_stops_at_the_first_round_whose_bounds_meet():
    """The bounds it returns are one per round, and it stops as soon as upper − lower ≤ tol
    (seed 73, #25: ``upper − lower`` → ``upper + lower`` ran on to ``max_rounds`` with the
    same answer)."""
    grid = wgan_grid.make_grid(2.0, 0.5)
    tol = 1e-9
    res = double_oracle(grid.C, grid.tau, tol=tol)
    gaps = np.asarray(res.upper) - np.asarray(res.lower)
    assert gaps[-1] <= tol and np.all(gaps[:-1] > tol)
    assert len(res.upper) < 200
