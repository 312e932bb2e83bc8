"""Proposition 4 with η2 > 0 (``farnia2020.proposition4``, game ``smooth``): the strong
concavity constant by closed form and autodiff, (14) against forward-mode and complex-step
derivatives of V^prox; random seeds on both sides of η2 = λη1."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from verifiers import Verdict
from verifiers.claims.farnia2020 import proximal as f1

CLAIM = f1.check_proposition4.claim


def test_complex_step_matches_forward_mode():
    S, K, theta, w0 = f1._smooth_game(3)
    forward, _ = f1._smooth_gradients(theta, S, K, w0, 0.5, 1.0)
    stepped = f1._complex_step_gradient(np.asarray(theta), S, K, w0, 0.5, 1.0)
    assert np.allclose(stepped, np.asarray(forward), rtol=1e-12, atol=1e-13)


def test_eta2_above_lambda_eta1_is_inapplicable():
    assert CLAIM.check(game="smooth", lam=0.1, eta2=2.0).verdict == Verdict.INAPPLICABLE


@pytest.mark.perturbs("farnia2020.proposition4")
def test_dropping_the_penalty_from_v_prox_is_refuted(monkeypatch):
    """(14) without the penalty's term in both derivative routes of V^prox: they still agree
    with each other but no longer with ∇_θ V(θ, w*)."""
    real_c, real_g = f1._vprox_complex, f1._smooth_gradients

    def complex_without(theta, S, K, w0, eta2, lam):
        w = np.linalg.solve(2.0 * lam * K - eta2 * S, np.tanh(theta) + 2.0 * lam * K @ w0)
        return real_c(theta, S, K, w0, eta2, lam) + lam * (w - w0) @ K @ (w - w0)

    def gradients_without(theta, S, K, w0, eta2, lam):
        _, claimed = real_g(theta, S, K, w0, eta2, lam)
        h = 1e-30
        grad = np.array([complex_without(np.asarray(theta) + 1j * h * e, S, K, w0, eta2,
                                         lam).imag for e in np.eye(theta.size)]) / h
        return grad, claimed

    monkeypatch.setattr(f1, "_vprox_complex", complex_without)
    monkeypatch.setattr(f1, "_smooth_gradients", gradients_without)
    assert CLAIM.check(game="smooth").verdict == Verdict.REFUTED


@settings(max_examples=examples(10))
@given(st.integers(0, 10_000), st.floats(0.05, 5.0), st.floats(0.01, 3.0))
def test_random_smooth_games(seed, lam, eta2):
    """Family: the smooth non-concave game over seeds, both sides of η2 = λη1."""
    params = {"seed": seed, "lam": lam, "game": "smooth", "eta2": eta2}
    got = CLAIM.check(**params).verdict
    assert got in (CLAIM.expected_for(params), Verdict.INCONCLUSIVE), (params, got)


def test_routes_disagreeing_away_from_the_worst_entry_of_14_are_inconclusive(monkeypatch):
    """The two derivative routes of ∇_θ V^prox must agree in every entry: a complex step off
    by 1e-6 in the entry where (14) fits best (not the one it fits worst) makes the check
    ``inconclusive``; before, the routes were compared at (14)'s worst entry only."""
    S, K, theta, w0 = f1._smooth_game(0)
    forward, claimed = (np.asarray(g) for g in f1._smooth_gradients(theta, S, K, w0, 0.5, 0.5))
    best = int(np.argmin(np.abs(claimed - forward)))
    assert best != int(np.argmax(np.abs(claimed - forward)))
    real = f1._complex_step_gradient

    def off_in_best(*args):
        return real(*args) + 1e-6 * (np.arange(theta.size) == best)

    monkeypatch.setattr(f1, "_complex_step_gradient", off_in_best)
    cert = CLAIM.check(game="smooth", seed=0, lam=0.5, eta2=0.5)
    assert cert.verdict == Verdict.INCONCLUSIVE, str(cert)
