"""Simultaneous GDA and Algorithm 1 with T inner steps at (G*, D*): closed-form blocks against
autodiff Jacobians, stability predictions against eigenvalues and trajectories, the claims'
verdicts (defaults, random instances, refutations) and bad input."""

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory.proximal import dynamics
from verifiers import Verdict, tolerances
from verifiers.claims.ganeq import proximal_training as g
from verifiers.proximal import training

BU = np.ix_([3, 1], [3, 1])
SIM = "ganeq.proximal.simgda_stability"
INNER = "ganeq.proximal.algorithm1_inner_steps"


@pytest.mark.parametrize("T", [1, 2, 7, 40])
def test_inner_steps_block_matches_autodiff(T):
    J = np.asarray(training.inner_steps_jacobian(2.0, 1.0, 0.7, 0.01, 0.02, 1.0, T))
    block = dynamics.inner_steps_block(2.0, 1.0, 0.7, 0.01, 0.02, T)
    assert np.max(np.abs(J[BU] - block)) <= tolerances.TRAINING_BLOCK
    a = dynamics.inner_steps_a_eigenvalue(2.0, 1.0, 0.7, 0.01, T)
    assert abs(J[2, 2] - a) <= tolerances.TRAINING_BLOCK
    assert abs(J[0, 0]) <= tolerances.TRAINING_BLOCK  # s clipped at its bound


def test_one_inner_step_is_alternating_gda():
    """The penalty's gradient vanishes at w = w_k, so T = 1 is alternating GDA for every μ."""
    for mu in (0.1, 3.0):
        J1 = np.asarray(training.inner_steps_jacobian(2.0, 1.0, mu, 0.01, 0.02, 1.0, 1))
        Jg = np.asarray(training.gda_jacobian(2.0, 1.0, 0.01, 0.02, 1.0))
        assert np.max(np.abs(J1 - Jg)) <= tolerances.TRAINING_BLOCK


def test_many_inner_steps_approach_exact_prox():
    """``α_T − α = q^T(1 − α)``: at T = 2000 the block equals the Newton-solved prox block."""
    mu, gd = 0.5, 0.02
    J = np.asarray(training.inner_steps_jacobian(2.0, 1.0, mu, gd, 0.02, 1.0, 2000))
    Jp = np.asarray(training.prox_jacobian(2.0, 1.0, mu, 0.02, 1.0))
    q_b, q_a = dynamics.inner_contraction(2.0, 1.0, mu, gd)
    assert max(abs(q_b), abs(q_a)) ** 2000 < 1e-30
    assert np.max(np.abs(J - Jp)) <= tolerances.FINITE_DIFFERENCE


def test_simgda_block_and_a_eigenvalue_match_autodiff():
    J = np.asarray(training.simgda_jacobian(2.0, 0.5, 0.03, 0.02, 1.0))
    assert np.max(np.abs(J[BU] - dynamics.simgda_block(2.0, 0.5, 0.03, 0.02))) <= 1e-15
    assert abs(J[2, 2] - dynamics.gda_a_eigenvalue(2.0, 0.5, 0.03)) <= 1e-15


@settings(deadline=None)
@given(st.floats(1.1, 5.0), st.floats(0.3, 2.0))
def test_simgda_critical_step_matches_bisection(sigma, eta):
    """γ_sim against bisection on ρ(simgda_block(γ)) − 1 (eigenvalues, not the formula)."""
    g_sim = dynamics.simgda_critical_step(sigma, eta)

    def rho(gamma):
        return dynamics.spectral_radius(dynamics.simgda_block(sigma, eta, gamma, gamma))

    if g_sim <= 0:
        assert all(rho(x) > 1 for x in (1e-3, 0.1, 1.0))
        return
    lo, hi = 1e-9, g_sim * 4.0
    assert rho(lo) < 1 < rho(hi)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if rho(mid) < 1 else (lo, mid)
    assert abs(lo - g_sim) <= tolerances.BISECTION * g_sim


@settings(deadline=None)
@given(st.floats(1.2, 4.0), st.floats(0.3, 2.0), st.floats(0.05, 5.0), st.floats(0.05, 0.9),
       st.floats(0.005, 0.03))
def test_stability_interval_matches_eigenvalues(sigma, eta, mu, frac, gamma):
    """Jury's affine-in-x conditions against eigenvalues of the closed-form block, T = 1 … 200;
    and T_c against the first T from which every T ≤ 200 is stable."""
    gd = frac * dynamics.inner_step_bound(sigma, eta, mu)
    stable = []
    for T in range(1, 201):
        block = dynamics.inner_steps_block(sigma, eta, mu, gd, gamma, T)
        rho = max(dynamics.spectral_radius(block),
                  abs(dynamics.inner_steps_a_eigenvalue(sigma, eta, mu, gd, T)))
        if abs(rho - 1.0) > 1e-9:
            assert dynamics.inner_steps_stable(sigma, eta, mu, gd, gamma, T) == (rho < 1)
        stable.append(rho < 1)
    T_c = dynamics.inner_steps_critical_T(sigma, eta, mu, gd, gamma)
    if np.isfinite(T_c) and T_c <= 200:
        assert all(stable[int(T_c) - 1:]) and (T_c == 1 or not stable[int(T_c) - 2])


def test_trajectories_cycle_and_converge():
    """Nonlinear check of the defaults: simultaneous GDA leaves a 1e-3 neighbourhood of
    (G*, D*); Algorithm 1 with T = 5 contracts into it; with T = 1 (= GDA) it does not."""
    star = training.equilibrium(2.0, 1.0)
    z0 = star + jnp.array([0.0, 1e-3, 1e-3, -1e-3])
    sim = np.asarray(training.simgda_trajectory(z0, 2.0, 1.0, 0.02, 0.02, 1.0))
    five = np.asarray(training.inner_steps_trajectory(z0, 2.0, 1.0, 0.5, 0.02, 0.02, 1.0, 5))
    one = np.asarray(training.inner_steps_trajectory(z0, 2.0, 1.0, 0.5, 0.02, 0.02, 1.0, 1))
    dist = [np.linalg.norm(z[-1] - np.asarray(star)) for z in (sim, five, one)]
    assert dist[0] > 1e-1 and dist[1] < 1e-7 and dist[2] > 1e-1


CLAIMS = {SIM: g.check_proximal_simgda_stability.claim,
          INNER: g.check_proximal_algorithm1_inner_steps.claim}


def verdict(cid, **params):
    return CLAIMS[cid].check(**params).verdict


@pytest.mark.parametrize("cid", [SIM, INNER])
def test_defaults_give_expected_verdict(cid):
    assert verdict(cid) == CLAIMS[cid].expected_for({})


@settings(deadline=None, max_examples=examples(15))
@given(CLAIMS[SIM].strategy())
def test_simgda_holds_on_admissible(params):
    """Holds, or inconclusive at the stability boundary (ρ = 1 within its error bound)."""
    assert verdict(SIM, **params) in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


@settings(deadline=None, max_examples=examples(15))
@given(CLAIMS[INNER].strategy())
def test_inner_steps_expected_on_admissible(params):
    assert verdict(INNER, **params) in (CLAIMS[INNER].expected_for(params), Verdict.INCONCLUSIVE)


def test_simgda_at_the_boundary_is_inconclusive_not_wrong():
    g_a = 1.0 / 2.0**3  # η/σ³ at σ = 2, η = 1
    assert verdict(SIM, sigma=2.0, eta=1.0, gamma=g_a) in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


def test_both_predictions_occur():
    """The claims are two-sided: stable and unstable predictions are both checked."""
    sim = [CLAIMS[SIM].check(sigma=2.0, eta=eta, gamma=0.02).witness["predicted_stable"]
           for eta in (0.5, 1.0)]
    inner = [CLAIMS[INNER].check(T=T).witness["predicted_stable"] for T in (1, 5)]
    assert sim == [True, False] and inner == [False, True]


@pytest.mark.perturbs("ganeq.proximal.simgda_stability")
def test_simgda_refuted_with_wrong_threshold(monkeypatch):
    monkeypatch.setattr(dynamics, "simgda_critical_step", lambda s, e: 1.0)
    assert verdict(SIM) == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.simgda_stability")
def test_simgda_refuted_with_alternating_block(monkeypatch):
    monkeypatch.setattr(dynamics, "simgda_block", dynamics.gda_block)
    cert = CLAIMS[SIM].check()
    assert cert.verdict == Verdict.REFUTED and cert.witness["block_disagreement"] > 1e-6


@pytest.mark.perturbs("ganeq.proximal.algorithm1_inner_steps")
def test_inner_refuted_with_scaled_block(monkeypatch):
    real = dynamics.inner_steps_block
    monkeypatch.setattr(dynamics, "inner_steps_block", lambda *a: real(*a) * (1 + 1e-3))
    assert verdict(INNER) == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.algorithm1_inner_steps")
def test_inner_refuted_with_shifted_interval(monkeypatch):
    monkeypatch.setattr(dynamics, "inner_steps_interval", lambda *a: (-1.0, 1.0))
    assert verdict(INNER, T=1) == Verdict.REFUTED


@pytest.mark.refutes("ganeq.proximal.algorithm1_inner_steps")
def test_inner_refuted_with_off_by_one_power(monkeypatch):
    real = dynamics.inner_steps_block
    monkeypatch.setattr(dynamics, "inner_steps_block",
                        lambda s, e, mu, gd, gm, T: real(s, e, mu, gd, gm, T + 1))
    assert verdict(INNER) == Verdict.REFUTED


def test_inner_outside_its_hypothesis_is_inapplicable():
    params = {"gamma_d": 0.2}
    assert CLAIMS[INNER].expected_for(params) == Verdict.INAPPLICABLE
    assert verdict(INNER, **params) == Verdict.INAPPLICABLE


@pytest.mark.parametrize("cid, params", [
    (SIM, {"eta": 1e-300}), (SIM, {"eta": 100.0, "gamma": 5.0}), (SIM, {"sigma": 1 + 1e-12}),
    (INNER, {"eta": 1e-300}), (INNER, {"sigma": 1 + 1e-12, "T": 2000}),
])
def test_extreme_inputs(cid, params):
    assert verdict(cid, **params) in (CLAIMS[cid].expected_for(params), Verdict.INCONCLUSIVE)


@pytest.mark.parametrize(
    "cid,params,match",
    [
        (SIM, {"gamma": float("nan")}, "gamma=nan"),
        (SIM, {"gamma": -0.1}, "gamma=-0.1"),
        (SIM, {"sigma": 0.5}, "sigma=0.5"),
        (INNER, {"T": 0}, "T=0"),
        (INNER, {"mu": float("inf")}, "mu=inf"),
    ],
)
def test_bad_input_rejected(cid, params, match):
    with pytest.raises(ValueError, match=match):
        CLAIMS[cid].check(**params)
