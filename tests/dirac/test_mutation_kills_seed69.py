"""Gaps found by the mutation samples of seeds 69 and 70 in the Section-2/appendix-A claims
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import numpy as np

from verifiers.certificate import Verdict
from verifiers.claims.mescheder2018 import altgd, matrices
from verifiers.registry import registry

EPS = float(np.finfo(np.float64).eps)


def test_lemma_a5_checks_eq34_at_a_positive_step_when_the_certificate_gives_none(monkeypatch):
    """Where the Lyapunov certificate is uninformative (h0 = 0) eq. (34) is checked at
    h = 1/‖J‖; at h = 0 both sides are I and the check would be vacuous (seed 69, #12:
    ``h0 if h0 > 0`` → ``h0 if h0 >= 0``). The verdict is then ``inconclusive``."""
    steps = []
    real = matrices._eq34
    monkeypatch.setattr(matrices, "lyapunov_step", lambda J, n: (0.0, {}))
    monkeypatch.setattr(matrices, "_eq34", lambda J, n, h: steps.append(h) or real(J, n, h))
    cert = registry.get("mescheder2018.lemmaA.5").check()
    defaults = registry.get("mescheder2018.lemmaA.5").defaults()
    J = matrices._scaled_jacobian(*(np.asarray(defaults[k]) for k in "PBQ"))[0]
    assert steps == [1.0 / float(np.linalg.norm(J))]
    assert cert.verdict is Verdict.INCONCLUSIVE


def test_lemma2_5_jordan_block_margin_is_its_rounding_bound():
    """At α = 2 (h = 4, f'(0) = 1/2, n_g = n_d = 1) M + I has norm 4 and (M + I)² = 0
    exactly, so the parabolic part's margin is its a-priori bound 64·eps·(1 + ‖M + I‖)²
    (seed 70, #10: ``·(1 + ‖M + I‖)²`` → ``/(1 + ‖M + I‖)²``)."""
    cert = registry.get("mescheder2018.lemma2.5").check(h=4.0, n_g=1, n_d=1, f="taylor",
                                                         f1=0.5, f2=-0.25)
    assert cert.verdict is Verdict.HOLDS
    assert cert.witness["norm_M_plus_I"] == 4.0 and cert.witness["norm_M_plus_I_squared"] == 0.0
    regime = cert.witness["parts"][-1]
    assert "Jordan block" in regime["statement"]
    assert regime["margin"] == 64 * EPS * 25.0
    assert altgd.alpha_squared_minus_4(4.0, 1, 1, 0.5) == 0
