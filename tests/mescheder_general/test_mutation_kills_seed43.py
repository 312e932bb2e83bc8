"""Gaps found by the mutation samples of seeds 43 and 44 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import math

import pytest

from theory.manifold_gan import analysis
from verifiers.certificate import Verdict
from verifiers.claims.mescheder2018 import _manifold


def _sim(reduction: float, finite: bool = True) -> dict:
    return {"finite": finite, "reduction": reduction, "steps": 400, "measured_rate": 0.99,
            "predicted_rate": 0.98}


@pytest.mark.parametrize("finite", [True, False])
def test_a_run_that_does_not_converge_proves_nothing(finite):
    """A simulation whose residual fell only to half its start (or overflowed) within the run
    is ``inconclusive`` with the run described, never ``holds`` (seed 44, #18: no test took
    this path, so a broken statement text, ``"…" − text``, went unseen)."""
    out = _manifold._simulated(_sim(0.5, finite), "AltGD h = 0.1")
    assert out.final_verdict() is Verdict.INCONCLUSIVE
    assert out.statement.startswith("not converged within the run: AltGD h = 0.1: ")
    assert "5.00e-01 in 400 steps" in out.statement
    expected = -math.log10(0.5) + math.log10(analysis.TARGET_REDUCTION)
    assert math.isnan(out.margin) if not finite else out.margin == pytest.approx(expected)


def test_a_run_that_reaches_the_target_holds():
    out = _manifold._simulated(_sim(analysis.TARGET_REDUCTION / 10), "SimGD")
    assert out.final_verdict() is Verdict.HOLDS and out.margin == pytest.approx(1.0)
