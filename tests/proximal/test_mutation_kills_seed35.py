"""Tests written for survivors of the seed-35/36 mutation runs (docs/mutation.md)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.proximal import dynamics
from verifiers import check
from verifiers.certificate import Verdict
from verifiers.proximal import pe
from verifiers.registry import registry


def test_one_search_step_descends_along_the_proposition4_gradient():
    """Inside the feasible set (σ_max(W) < 1, ‖u‖ < t) a step of size lr moves θ by
    d = −lr∇V^prox (the Proposition-4 gradient, envelope theorem), so the gap changes by
    ∇·d = −‖d‖²/lr to first order; a step along any other direction of the same length
    (e.g. ascent in W) changes it by more."""
    lam, sigma, eta, t, lr = 0.3, 2.0, 1.0, 1.0, 1e-4
    Ws = 0.2 * jax.random.normal(jax.random.key(0), (32, 2, 2))  # search_gap's batch shape
    us = 0.15 * jax.random.normal(jax.random.key(1), (32, 2))
    assert float(jnp.max(jnp.linalg.norm(Ws, ord=2, axis=(1, 2)))) < 1.0
    W1, u1, before = pe._batched_step(Ws, us, lam, sigma, eta, t, lr)
    _, _, after = pe._batched_step(W1, u1, lam, sigma, eta, t, lr)
    moved = jnp.sum((W1 - Ws) ** 2, axis=(1, 2)) + jnp.sum((u1 - us) ** 2, axis=1)
    predicted = -np.asarray(moved) / lr
    assert np.all(predicted < 0)
    np.testing.assert_allclose(np.asarray(after - before), predicted, rtol=0.05)


def test_inner_steps_at_the_step_bound_are_outside_the_hypothesis():
    """γ_D = 2/L_inner exactly (0.0625 at σ = 2, η = 1, μ = ½): the inner ascent does not
    converge (|q| = 1), so the claim and its expected verdict both say inapplicable."""
    params = {"sigma": 2.0, "eta": 1.0, "mu": 0.5, "gamma_d": 0.0625, "gamma": 0.02, "T": 5}
    assert dynamics.inner_step_bound(2.0, 1.0, 0.5) == 0.0625
    claim = registry.get("ganeq.proximal.algorithm1_inner_steps")
    assert claim.expected_for(params) == Verdict.INAPPLICABLE
    assert check("ganeq.proximal.algorithm1_inner_steps", **params).verdict == Verdict.INAPPLICABLE
    below = {**params, "gamma_d": float(np.nextafter(0.0625, 0.0))}
    assert claim.expected_for(below) == Verdict.HOLDS


def test_best_response_route_is_the_gradient_norm_away_from_the_best_response():
    """At D = D* + a perturbation, ‖∇_(A,b) V(G*, D)‖ against central differences of V."""
    from theory.proximal import w2gan

    sigma, d, h = 2.0, 2, 1e-6
    A_star, b_star, _ = w2gan.theorem1_optimum(sigma, 1.0, d)
    A = np.asarray(A_star) + 0.05 * np.array([[1.0, 0.3], [0.3, -0.2]])
    b = np.asarray(b_star) + np.array([0.1, -0.2])

    def V(x):
        return float(w2gan.value(np.eye(d), np.zeros(d), x[:4].reshape(2, 2), x[4:],
                                 np.zeros(d), sigma**2 * np.eye(d), 1.0))

    x = np.concatenate([A.ravel(), b])
    grad = [(V(x + h * e) - V(x - h * e)) / (2 * h) for e in np.eye(x.size)]
    route = pe.best_response_route(sigma, d, A, b)
    assert route.value == pytest.approx(np.linalg.norm(grad), rel=1e-6)
    assert route.value > 0.1


@given(st.floats(1.0 + 1e-6, 1e3), st.floats(1e-3, 1e3), st.floats(1e-6, 1.0 - 1e-9))
def test_stable_hypothesis_is_gamma_below_one_over_8_eta(sigma, eta, x):
    """Exact proximal training at μ = 4λ_max, γ = x/(8η): on the block itself det < 1,
    1 − tr + det > 0 and 1 + tr + det > 7/4, so Jury's conditions reduce to γ < 1/(8η)
    (farnia2020.md, "Stable but not a PE"); det > 1 beyond it."""
    from theory.proximal import threshold
    from verifiers.claims.ganeq.proximal import _stable_hypothesis

    gamma, mu = x / (8 * eta), 4 * threshold.lam_max_isotropic(sigma, eta)
    B = dynamics.prox_block(sigma, eta, mu, gamma)
    tr, det = np.trace(B), np.linalg.det(B)
    assert det < 1 + 1e-12 and 1 - tr + det > -1e-9 * (1 + abs(tr)) and 1 + tr + det > 1.75
    assert _stable_hypothesis(sigma, eta, gamma)
    beyond = dynamics.prox_block(sigma, eta, mu, (1 + 1e-3) / (8 * eta))
    assert np.linalg.det(beyond) > 1 and not _stable_hypothesis(sigma, eta, (1 + 1e-3) / (8 * eta))

