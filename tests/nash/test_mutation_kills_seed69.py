"""Gaps found by the mutation samples of seeds 69 and 70 in the W2GAN best response
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import math

import numpy as np
import pytest

from theory.gaussian_games import w2gan


@pytest.mark.parametrize("reading", w2gan.READINGS)
def test_the_three_generator_sets_have_a_best_response(reading):
    A, b, Sigma = -0.1 * np.eye(2), np.array([0.3, 0.0]), np.eye(2)
    value, S, u = w2gan.generator_best_response(A, b, Sigma, 1.0, *reading)
    assert np.isfinite(float(value)) and np.asarray(S).shape == (2, 2)


@pytest.mark.parametrize("reading", [(0.0, 2.0), (0.0, math.inf), (0.5, 1.0), (1.0, 1.001)])
def test_another_generator_set_is_refused_not_answered_as_sigma_max_one(reading):
    """The S'-part of the best response is written for (0, 1), (1, 1) and (1, ∞) only; any
    other (sv_min, sv_max) was silently answered as (0, 1) (seed 70, #20: the default
    ``sv_max=1.0`` → ``1.001`` changed nothing)."""
    with pytest.raises(ValueError, match=r"\(sv_min, sv_max\)=.*admissible: \(0, 1\)"):
        w2gan.generator_best_response(-0.1 * np.eye(2), np.zeros(2), np.eye(2), 1.0, *reading)
