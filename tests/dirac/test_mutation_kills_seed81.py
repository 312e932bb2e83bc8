"""Gaps found by the mutation samples of seeds 81–84 in the Dirac routes
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from verifiers import Verdict
from verifiers.dirac import routes


def test_a_real_part_lost_to_underflow_is_within_the_sum_allowance():
    """M = [[a, −f], [f, a]] with a = 1e-309 below the smallest normal and f = 1e-300 (exact
    entries): a closed form that flushes the subnormal real part gives ±if. Scaled by
    s ≈ f, the lost 2a is 2e-9 of the trace: inside the underflow allowance ``16·FLUSH/s``,
    far outside the rounding bounds (seed 81, #4: ``/ s`` → ``* s`` dropped the allowance
    and called the pair refuted). A real part off by far more than the allowance stays
    refuted, and the exact pair holds."""
    a, f = 1e-309, 1e-300
    M, E = np.array([[a, -f], [f, a]]), np.zeros((2, 2))
    flushed = routes.spectrum_equals(np.array([1j * f, -1j * f]), M, E, "M")
    assert flushed.final_verdict() is Verdict.HOLDS
    exact = routes.spectrum_equals(np.array([a + 1j * f, a - 1j * f]), M, E, "M")
    assert exact.final_verdict() is Verdict.HOLDS
    off = routes.spectrum_equals(np.array([1e-302 + 1j * f, 1e-302 - 1j * f]), M, E, "M")
    assert off.final_verdict() is Verdict.REFUTED
