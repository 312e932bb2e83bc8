"""Gaps found by the mutation samples of seeds 47 and 48 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np

from verifiers.dirac import blocks
from verifiers.exact import is_psd


def test_a_rounded_low_rank_gram_matrix_meets_the_psd_hypothesis():
    """``P = A Aᵀ`` of rank 2 in dimension 8, rounded to floats, is not exactly PSD (its
    computed λ_min is about −eps‖P‖, down to −1.1 eps‖P‖ over these draws) but is within the
    rounding allowance ``4n·eps·‖P‖``, so Theorems A.7/A.8's hypothesis P ⪰ 0 holds (seed
    47, #19: the allowance ``4/n·eps·‖P‖`` = 0.5 eps‖P‖ rejected such matrices)."""
    Q, B = np.eye(8), np.eye(8)
    exact = []
    for seed in range(40):
        A = np.random.default_rng(seed).standard_normal((8, 2))
        P = A @ A.T
        exact.append(is_psd(P))
        assert blocks.hypotheses(P, B, Q) is None
    assert not any(exact)
