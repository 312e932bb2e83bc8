"""The fixed-critic descent descends (mutation-run survivor: no default test ran it)."""

import numpy as np
import pytest

from verifiers.nash import dynamics


@pytest.mark.parametrize("game", ["wgan"])
def test_fixed_critic_descent_never_increases_the_value_with_a_small_step(game):
    """Projected gradient descent on V(w, u) with a step far below 1/L: the value sequence
    is non-increasing, and it does decrease (the start is not stationary)."""
    vals = np.asarray(dynamics.fixed_critic_descent(game, 2.0, 1.0, 0.01, steps=30))
    assert np.all(np.diff(vals) <= 1e-12)
    assert vals[-1] < vals[0]
