"""Gaps found by the mutation samples of seeds 39 and 40 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from theory.proximal import w2gan
from verifiers.certificate import Verdict
from verifiers.claims.farnia2020.proximal import _smooth_game
from verifiers.proximal import pe
from verifiers.registry import registry


@pytest.mark.parametrize("d", [1, 2, 3])
def test_value_at_dstar_is_the_w2gan_value_at_the_theorem1_critic(d):
    """``V(G, D*) = η(σ − 1)(σd − ‖W‖² − ‖u‖²)`` (notebook 03's λ = ∞ curve) equals the general
    W2GAN value at D* = (A*, b*) of Theorem 1 with X ~ N(0, σ²I) (seed 39, #10:
    ``η/(σ − 1)`` was drawn unseen, the notebook's curve being checked by no number)."""
    rng = np.random.default_rng(d)
    sigma, eta = 1.7, 0.8
    W, u = jnp.asarray(0.3 * rng.normal(size=(d, d))), jnp.asarray(rng.normal(size=d))
    A, b, _ = w2gan.theorem1_optimum(sigma, eta, d)
    general = w2gan.value(W, u, A, b, jnp.zeros(d), sigma**2 * jnp.eye(d), eta)
    assert float(w2gan.value_at_dstar(W, u, sigma, eta)) == pytest.approx(float(general),
                                                                          rel=1e-12)


def test_proposition4_at_eta2_equal_to_lambda_eta1_is_inapplicable():
    """The hypothesis is strict, η2 < λη1: at equality (η2 = λη1 in floating point) both the
    check and the expected verdict say ``inapplicable`` (seed 39, #25: ``≤`` in the expected
    verdict)."""
    claim = registry.get("farnia2020.proposition4")
    eta1 = 2.0 * float(np.linalg.eigvalsh(_smooth_game(0)[1])[0])
    cert = claim.check(seed=0, lam=0.5, game="smooth", eta2=0.5 * eta1)
    assert cert.verdict is Verdict.INAPPLICABLE
    assert claim.expected_for(cert.params) is Verdict.INAPPLICABLE


def test_a_search_step_inside_the_feasible_set_is_minus_lr_times_the_gradient():
    """Away from the constraints (σ_max(W) < 1, ‖u‖ < t) the projection is the identity, so
    one step moves (W, u) by exactly −lr·∇_θ V(G_θ, D_{w*}), in u as in W (seed 40, #41:
    ``u + lr·b`` ascends in u; the descent test of seed 35 compares only the gap's change,
    which the W part dominates)."""
    lam, sigma, eta, t, lr = 0.3, 2.0, 1.0, 1.0, 1e-3
    Ws = 0.2 * jax.random.normal(jax.random.key(2), (32, 2, 2))
    us = 0.15 * jax.random.normal(jax.random.key(3), (32, 2))
    W1, u1, _ = pe._batched_step(Ws, us, lam, sigma, eta, t, lr)
    _, (gW, gu) = jax.vmap(lambda W, u: pe.prox_gap(W, u, lam, sigma, eta))(Ws, us)
    np.testing.assert_allclose(np.asarray(u1 - us), -lr * np.asarray(gu), rtol=1e-6,
                               atol=1e-14)
    np.testing.assert_allclose(np.asarray(W1 - Ws), -lr * np.asarray(gW), rtol=1e-6,
                               atol=1e-14)
