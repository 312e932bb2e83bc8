"""Gaps found by the mutation samples of seeds 71 and 72 in the Dirac-GAN claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import pytest

from verifiers.certificate import Verdict
from verifiers.registry import registry


@pytest.mark.parametrize(("theta", "psi"), [(1e-300, 1e-300), (1e-295, 0.0), (3e-307, 3e-307)])
def test_lemma2_4_holds_from_a_tiny_normal_start(theta, psi):
    """From a start of norm 1e-307 … 1e-295 nothing is flushed, and the step's error bound
    ``δ = ROUNDING·(1 + h|f'|) + 8·FLUSH/|x0|`` stays at the rounding level, so the growth
    identity is decided: ``holds``. With ``− 8·FLUSH/|x0|`` (seed 71, #17) δ is negative there
    and the check gives up (``inconclusive``)."""
    cert = registry.get("mescheder2018.lemma2.4").check(h=0.5, theta=theta, psi=psi)
    assert cert.verdict is Verdict.HOLDS, str(cert)
