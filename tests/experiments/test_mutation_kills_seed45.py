"""Gaps found by the mutation samples of seeds 45 and 46 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from theory.metrics import inception_digits


def test_digits_are_scaled_to_exactly_minus_one_to_one():
    """scikit-learn's 8 × 8 digits have pixels 0…16; ``x/8 − 1`` maps them onto [−1, 1] with
    both ends attained, the range of the generator's tanh output (seed 45, #20: ``x·8 − 1``)."""
    x, y = inception_digits.digits()
    assert x.shape == (1797, 64) and y.shape == (1797,)
    assert x.min() == -1.0 and x.max() == 1.0
    assert np.all(np.round((x + 1.0) * 8.0) == (x + 1.0) * 8.0)
    assert set(np.unique(y)) == set(range(10))
