"""Bounds of the mixed-strategy dynamics pinned at known points (mutation-run survivors)."""

import numpy as np
import pytest

from theory.bilinear import BilinearGame
from verifiers.mixed import rates

# G_p = max|A| = 3 and G_q = max|a| + max|A| = 4, so G_p² + G_q² = 25 (a 3-4-5 game)
GAME = BilinearGame(A=[[3.0, -1.0], [0.0, 1.0]], a=[1.0, 0.0])


def test_md_bound_is_minimised_at_the_balancing_step_with_value_sqrt_2_L_G2_over_T():
    """``((ln m + ln n)/η + η T (G_p² + G_q²)/2)/T`` is least at η* = sqrt(2L/(25 T)), where
    it is sqrt(2 L · 25 / T) (L = ln 4): both terms and each square are pinned."""
    T, L = 100.0, np.log(4.0)
    star = np.sqrt(2 * L / (25.0 * T))
    assert float(rates.md_bound(GAME, star, T)) == pytest.approx(np.sqrt(50.0 * L / T), rel=1e-12)
    assert float(rates.md_bound(GAME, 1.1 * star, T)) > float(rates.md_bound(GAME, star, T))
    assert float(rates.md_bound(GAME, star / 1.1, T)) > float(rates.md_bound(GAME, star, T))


def test_horizon_gaps_are_the_gaps_after_exactly_t_steps():
    """Each horizon T of :func:`rates.horizon_gaps` reads the ergodic gap after T steps of a
    run with its own step η_T (not one step earlier or later)."""
    from verifiers.mixed.dynamics import run

    horizons = np.array([2, 5])
    gaps, etas = rates.horizon_gaps(GAME, "md", horizons=horizons)
    for T, eta, gap in zip(horizons, etas, gaps, strict=True):
        direct = run(GAME.A, GAME.a, float(eta), T=int(T), method="md")
        assert float(gap) == pytest.approx(float(direct.gap_average[-1]), rel=1e-9, abs=1e-12)
