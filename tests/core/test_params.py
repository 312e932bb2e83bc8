"""Parameter validation: bad input is a ValueError naming the parameter and its range."""

import math

import numpy as np
import pytest
from hypothesis import given

from verifiers.params import Choice, Integer, Matrix, Real

SIGMA = Real("sigma", 1.0, low=0.0, high=5.0, low_open=True)
N_D = Integer("n_d", 1, low=1, high=10)
F = Choice("f", "standard", choices=("standard", "wgan"))


@pytest.mark.parametrize("value", [0.0, -1.0, 5.5, math.nan, math.inf, "x", True, None])
def test_bad_scalar_names_parameter_and_range(value):
    range_text = r"admissible range: a finite number in \(0\.0, 5\.0\]"
    with pytest.raises(ValueError, match=r"sigma=.* " + range_text):
        SIGMA.check(value)


def test_int_and_choice_validation():
    assert N_D.check(3) == 3 and N_D.check(3.0) == 3
    with pytest.raises(ValueError, match="n_d=2.5"):
        N_D.check(2.5)
    with pytest.raises(ValueError, match=r"f='logistic' .* one of \{standard, wgan\}"):
        F.check("logistic")


def test_cli_parsing():
    assert SIGMA.parse("0.25") == 0.25 and N_D.parse("4") == 4
    with pytest.raises(ValueError, match="sigma='abc'"):
        SIGMA.parse("abc")
    arr = Matrix("W", None, doc="a 2x2 matrix")
    assert arr.parse("[[1, 0], [0, 1]]") == [[1, 0], [0, 1]]
    with pytest.raises(ValueError, match="W=.*not a JSON array"):
        arr.parse("[[1, 0]")


@given(SIGMA.strategy())
def test_strategy_values_are_admissible(value):
    assert SIGMA.check(value) == value


def test_samples_are_admissible():
    rng = np.random.default_rng(0)
    for p in (SIGMA, N_D, F):
        for _ in range(50):
            p.check(p.sample(rng))
