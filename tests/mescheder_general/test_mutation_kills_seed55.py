"""Gaps found by the mutation samples of seeds 55 and 56 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.manifold_gan import spectra


def test_simgd_step_bound_is_zero_with_a_zero_eigenvalue():
    """Lemma A.4: SimGD is stable iff ``h < 2|Re μ|/|μ|²`` for every μ, so an eigenvalue with
    Re μ = 0 — μ = 0 included — leaves no admissible step: 0, not ``−2·0/0`` (seed 55, #3:
    ``Re μ ≥ 0`` → ``Re μ > 0``)."""
    assert spectra.h_max_simgd(np.array([0.0 + 0.0j, -1.0 + 1.0j])) == 0.0
    assert spectra.h_max_simgd(np.array([2.0j, -1.0 + 1.0j])) == 0.0
    stable = spectra.h_max_simgd(np.array([-1.0 + 1.0j, -4.0 + 0.0j]))
    assert stable == pytest.approx(0.5, rel=1e-15)  # min(2·1/2, 2·4/16)
