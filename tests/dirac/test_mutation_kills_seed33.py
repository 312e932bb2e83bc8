"""Tests written for survivors of the seed-33/34 mutation runs (docs/mutation.md)."""

import math

import pytest

from theory.dirac import activations


@pytest.mark.parametrize("a", [0.0, -1.0, math.inf, math.nan])
def test_scaled_activation_needs_a_finite_positive_a(a):
    with pytest.raises(ValueError, match="a finite number > 0"):
        activations.scaled(a)


@pytest.mark.parametrize("a", [1e-3, 1.0, 7.0])
def test_scaled_activation_derivatives(a):
    """f(t) = −log(1 + e^{−at})/a: f(0) = −log 2/a, f'(0) = 1/2, f''(0) = −a/4."""
    f0, f1, f2 = activations.f_derivatives(activations.scaled(a))
    assert f0 == pytest.approx(-math.log(2) / a, rel=1e-14)
    assert f1 == pytest.approx(0.5, rel=1e-14)
    assert f2 == pytest.approx(-a / 4, rel=1e-14)
