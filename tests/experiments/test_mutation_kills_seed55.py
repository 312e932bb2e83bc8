"""Gaps found by the mutation samples of seeds 55 and 56 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from theory.metrics import modes


def test_a_sample_exactly_k_sd_from_its_centre_is_high_quality():
    """High quality means distance ≤ k·sd, the end included, in the mask, the fraction and the
    per-mode counts alike (seed 56, #24: ``≤`` → ``<`` in the counts only)."""
    centres = np.array([[0.0, 0.0], [10.0, 0.0]])
    x = np.array([[3.0, 0.0], [10.0, -0.5], [0.0, 3.0 + 1e-12]])
    np.testing.assert_array_equal(modes.high_quality(x, centres, sd=1.0), [True, True, False])
    assert modes.hq_fraction(x, centres, sd=1.0) == 2 / 3
    np.testing.assert_array_equal(modes.mode_counts(x, centres, sd=1.0), [1, 1])
