"""Gaps found by the mutation samples of seeds 107 onwards (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax.numpy as jnp
import numpy as np
import pytest

from verifiers.mixed import dynamics


@pytest.mark.parametrize("method", ["md", "mp"])
def test_the_run_summary_is_the_stored_run_summarised(method):
    """``run_summary`` keeps min_{tail_from ≤ t < T} of the last-iterate gaps and the final
    gaps of the stored run, the step ``tail_from`` included: with ``tail_from = T − 1`` the
    minimum is the final gap (seed 111, #20: ``t ≥ tail_from`` → ``t > tail_from`` left
    every tail of one step at +inf)."""
    rng = np.random.default_rng(0)
    A, a, eta, T = jnp.asarray(rng.normal(size=(3, 4))), jnp.asarray(rng.normal(size=3)), 0.3, 40
    stored = dynamics.run(A, a, eta, T=T, method=method)
    for tail_from in (T - 1, T // 2, 0):
        s = dynamics.run_summary(A, a, eta, T, tail_from, method=method, log_p0=None,
                                 log_q0=None)
        assert float(s.tail_min_gap_last) == pytest.approx(
            float(jnp.min(stored.gap_last[tail_from:])), rel=1e-12, abs=1e-15)
    assert float(s.gap_last) == pytest.approx(float(stored.gap_last[-1]), rel=1e-12, abs=1e-15)
