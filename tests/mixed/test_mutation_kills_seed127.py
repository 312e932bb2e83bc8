"""Gaps found by the mutation samples of seeds 127–136 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from verifiers.mixed import wgan_grid
from verifiers.mixed.double_oracle import double_oracle


@given(st.integers(0, 2**32 - 1), st.integers(2, 6), st.integers(2, 8))
def test_double_oracle_solves_a_box_game_with_order_one_tails(seed, rows, cols):
    """Double oracle on ``min_{ρ ∈ Δ} ‖Cρ‖₁ + τᵀρ`` with τ of order 1 (the grids of the WGAN
    claims have τ ≈ 1e-10, below every tolerance): its bounds close and bracket the LP's
    value (seed 132, #20: the upper bound ``‖Cρ‖₁ + τᵀρ`` → ``‖Cρ‖₁ − τᵀρ`` stopped at once
    with a bound under the value)."""
    rng = np.random.default_rng(seed)
    C, tau = rng.normal(size=(rows, cols)), rng.uniform(0.0, 2.0, cols)
    lp = wgan_grid.solve_box_lp(C, tau)
    res = double_oracle(C, tau)
    assert res.upper[-1] - res.lower[-1] <= 1e-9
    assert res.lower[-1] - 1e-8 <= lp.value <= res.upper[-1] + 1e-8
    assert abs(np.abs(C @ res.rho).sum() + tau @ res.rho - res.upper[-1]) <= 1e-12
