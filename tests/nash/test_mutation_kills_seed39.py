"""Gaps found by the mutation samples of seeds 39 and 40 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import pytest

from theory.gaussian_games import fgan_star


@pytest.mark.parametrize(("sigma", "d", "t"), [(1.5, 1, 0.7), (3.0, 2, 2.0)])
def test_js_gap_error_covers_both_quadratures(sigma, d, t):
    """The JS gap* is a difference of two quadratures, so its error bound is at least each
    one's estimate (seed 40, #14: ``ea − eb`` is below ``ea``)."""
    (a, ea), (b, eb) = fgan_star.js_expectation(sigma, d, t), fgan_star.js_expectation(sigma, d,
                                                                                       0.0)
    value, error = fgan_star.js_gap_star_with_error(sigma, d, t)
    assert value == a - b and error >= max(ea, eb) > 0.0
