"""Gaps found by the mutation samples of seeds 127–136 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import pytest

from theory import fdiv


@pytest.mark.parametrize("f", ["t - 1", "(t - 1)**4"])
def test_a_user_f_with_a_zero_second_derivative_at_a_sample_point_is_rejected(f):
    """f'' must be > 0 at every sample point, 0 included: an affine f (f'' ≡ 0, no divergence)
    and (t − 1)⁴ (f''(1) = 0, which the local theory needs positive) are refused (seed 129,
    #25: ``f'' ≤ 0`` → ``f'' < 0`` accepted both)."""
    with pytest.raises(ValueError, match=r"f'' = .* must be finite and > 0 at t = 0\.1"):
        fdiv.FDivergence.from_f("mine", f)
