"""Gaps found by the mutation samples of seeds 39 and 40 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from tests.verdicts import assert_right_or_inconclusive
from verifiers.certificate import Verdict
from verifiers.registry import registry

TINY = 5e-324


@pytest.mark.parametrize(("theta", "psi"), [(TINY, 0.0), (TINY, -TINY), (0.0, 1e-310)])
def test_lemma2_4_one_step_from_a_subnormal_start(theta, psi):
    """From a subnormal start the flushed components dominate the step's error bound
    ``δ = ROUNDING·(1 + h|f'|) + 8·FLUSH/|x0|`` (δ ≫ 1), so the ratio's bound ``2rδ + δ²`` is
    vacuous but positive, and the check finishes (the exact identity and the spectrum decide
    it: ``holds``); with ``− δ²`` (seed 40, #1) the bound is negative, the route rejects it
    and the check stops at ``inconclusive``."""
    cert = assert_right_or_inconclusive("mescheder2018.lemma2.4", h=0.5, theta=theta, psi=psi)
    assert cert.verdict is Verdict.HOLDS and "error" not in cert.witness, str(cert)


def test_lemma_a5_expects_inapplicable_on_the_imaginary_axis():
    """Lemma A.5 needs every eigenvalue of J = [[−P, −Bᵀ], [B, −Q]] in Re < 0; with P = Q = 0
    the spectrum ±iσ(B) lies on the axis (LAPACK gives real parts exactly 0 here), so the
    expected verdict is ``inapplicable`` (seed 39, #29: ``max Re ≤ 0``); the check cannot
    separate 0 from its error bound and says ``inconclusive``."""
    claim = registry.get("mescheder2018.lemmaA.5")
    cert = claim.check(P=[[0.0]], B=[[1.0]], Q=[[0.0]])
    assert claim.expected_for(cert.params) is Verdict.INAPPLICABLE
    assert cert.verdict is Verdict.INCONCLUSIVE


def test_theorem_a7_a_double_real_eigenvalue_is_held_to_the_weaker_bound():
    """Two decoupled 1 × 1 blocks (b₁, q₁) = (1, 4) and (b₂, q₂) with b₂ chosen so that both
    have the root λ₊ = −2 + √3 of λ² + qλ + b² = 0: a double real eigenvalue whose error
    discs overlap, so the check cannot tell it real from a complex pair and holds it to the
    weaker of (41) and (42). It lies above (42) = −λmin(Q)/2 = −1 and below
    (41) ≈ −0.11, so with ``min((41), (42))`` (seed 40, #42) it is refuted."""
    lam = -2.0 + np.sqrt(3.0)
    b2 = np.sqrt(-lam * lam - 2.0 * lam)
    cert = registry.get("mescheder2018.theoremA.7").check(B=[[1.0, 0.0], [0.0, b2]],
                                                          Q=[[4.0, 0.0], [0.0, 2.0]])
    assert cert.verdict is Verdict.HOLDS, str(cert)
    ambiguous = [p for p in cert.witness["parts"] if "max((41), (42))" in p["statement"]]
    assert len(ambiguous) == 2
    assert cert.witness["complex_bound"] < lam < cert.witness["real_bound"]
