"""Gaps found by the mutation samples of seeds 127–136 (docs/mutation.md): each test fails on
the mutant named in its docstring."""

import numpy as np
import pytest

from theory.proximal import general
from verifiers.claims.farnia2020 import theorem2_general as t2


@pytest.mark.parametrize("d, k", [(2, 2), (2, 5), (3, 4)])
def test_the_optimal_generator_is_d_by_k_with_zero_extra_columns(d, k):
    """``W*`` is d × k (Theorem 2's generator with k ≥ d latent dimensions): its first d
    columns are SY*^{1/2}, the other k − d are 0, and ``W* W*ᵀ = SY*`` (seed 130, #10:
    ``zeros((d, k − d))`` → ``zeros((d, k + d))`` gave d × (k + 2d) with the same W Wᵀ)."""
    s, Q = t2.spectrum(d, 4.0, 0.5), t2.rotation(d, 0)
    W = general.optimal_pair(s, Q, k)["W"]
    assert W.shape == (d, k)
    assert np.all(W[:, d:] == 0.0)
    np.testing.assert_allclose(W @ W.T, general.optimal_pair(s, Q, k)["SY"], rtol=0, atol=1e-14)
