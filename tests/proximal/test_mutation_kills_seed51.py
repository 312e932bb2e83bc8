"""Gaps found by the mutation samples of seeds 51 and 52 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from theory.proximal import threshold
from verifiers.proximal import pe


@pytest.mark.parametrize(("sigma", "eta"), [(1.1, 1.0), (2.0, 0.5), (15.0, 3.0)])
def test_bisected_threshold_is_the_closed_form_lambda_max(sigma, eta):
    """The certified bisection's midpoint is λ_max = σ/(4η(σ − 1)) within the bracket's
    relative width (seed 52, #4: the midpoint ``(lo − hi)/2`` drew Figure "proximal
    threshold"'s points below zero, and only the figure called it)."""
    width = 1e-9
    closed = threshold.lam_max_isotropic(sigma, eta)
    assert pe.bisect_threshold(sigma, eta, width) == pytest.approx(closed, rel=2 * width)
