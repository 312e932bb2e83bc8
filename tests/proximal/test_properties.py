"""Property tests not covered elsewhere: Proposition 4's gradient,
the u-curvature at G*, convexity of {D^θ} for k ≥ d and no PE for k < d, the Jacobians
of proximal training and GDA at (G*, D*)."""

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from theory import gaussian_ot
from theory.proximal import dynamics, objective, threshold, w2gan
from theory.sobolev import sobolev_inner
from verifiers import Verdict, tolerances
from verifiers.claims.ganeq import proximal as ganeq_proximal
from verifiers.proximal import pe, training
from verifiers.strategies import proximal_weight_ratio, seeds, theorem1_w2gan

D = 2


@settings(max_examples=examples(6))
@given(seeds(), st.sampled_from([0.1, 1.0]))
def test_proposition4_gradient_by_finite_differences(seed, lam):
    """∂V^prox_λ/∂θ (central differences, h = 1e-5) equals ∇_θ V(G_θ, D_{w*}) by autodiff
    and by the closed-form envelope gradient, for SY ≻ 0."""
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((D, D)))[0]
    Sx, m = (q * rng.uniform(0.3, 3.0, D)) @ q.T, rng.standard_normal(D)
    W = rng.standard_normal((D, D))
    W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
    u, A0, b0, eta = rng.standard_normal(D), 0.1 * np.eye(D), rng.standard_normal(D), 0.7

    def solve(W, u):
        return objective.solve(objective.problem(m, Sx, u, W @ W.T, A0, b0, eta, lam))

    sol = solve(W, u)
    gW, gu = w2gan.grad_theta(jnp.asarray(W), jnp.asarray(u), sol.A, sol.b, m, Sx, eta)
    cW, cu = w2gan.grad_theta_closed(jnp.asarray(W), jnp.asarray(u), sol.A, sol.b, eta)
    auto = np.concatenate([np.ravel(gW), np.ravel(gu)])
    assert np.allclose(auto, np.concatenate([np.ravel(cW), np.ravel(cu)]),
                       atol=tolerances.CLOSED_FORM * 1e3 * max(1.0, np.abs(auto).max()))
    theta, h, fd = np.concatenate([W.ravel(), u]), 1e-5, []
    for i in range(theta.size):
        vals = []
        for s in (1.0, -1.0):
            th = theta + s * h * np.eye(theta.size)[i]
            vals.append(float(solve(th[:4].reshape(D, D), th[4:]).value))
        fd.append((vals[0] - vals[1]) / (2 * h))
    err = np.max(np.abs(np.array(fd) - auto)) / max(1.0, np.abs(auto).max())
    assert err <= tolerances.FINITE_DIFFERENCE


@settings(max_examples=examples(8))
@given(theorem1_w2gan(), proximal_weight_ratio())
def test_u_curvature_matches_closed_form(game, ratio):
    """2[V^prox_λ(G_h, D*) − W*]/h² at h = 1e-3 equals 2η(σ − 4λη(σ−1))/(σ + 4λη), and
    its sign is that of λ_max − λ."""
    sigma, eta = game["sigma"], game["eta"]
    lam = ratio * threshold.lam_max_isotropic(sigma, eta)
    closed = threshold.u_curvature(lam, sigma, eta)
    fd = pe.curvature_fd(lam, sigma, eta)
    assert abs(fd - closed) <= 1e-5 * max(1.0, abs(closed))
    assert np.sign(closed) == np.sign(1.0 - ratio)


@settings(max_examples=examples(10))
@given(seeds(), st.floats(0.0, 1.0))
def test_brenier_slopes_form_a_convex_set_when_k_ge_d(seed, weight):
    """a mixture of two Brenier slopes B1, B2 of admissible generators is the
    Brenier slope of the admissible generator SY = B Sx B (‖Sx^{1/2}B‖₂ ≤ 1)."""
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((D, D)))[0]
    Sx = (q * rng.uniform(0.3, 3.0, D)) @ q.T
    slopes = []
    for _ in range(2):
        W = rng.standard_normal((D, D))
        W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
        slopes.append(np.asarray(gaussian_ot.brenier_map(np.zeros(D), Sx, np.zeros(D),
                                                         W @ W.T)[0]))
    slack, SY = threshold.convex_combination_realisable(*slopes, weight, Sx)
    assert slack >= -tolerances.GAUSSIAN_OT
    assert np.linalg.eigvalsh(SY)[-1] <= 1.0 + tolerances.GAUSSIAN_OT
    B = np.asarray(gaussian_ot.brenier_map(np.zeros(D), Sx, np.zeros(D), SY)[0])
    assert np.allclose(B, (1 - weight) * slopes[0] + weight * slopes[1],
                       atol=1e3 * tolerances.GAUSSIAN_OT)


@settings(max_examples=examples(3))
@given(st.sampled_from([1e-2, 0.1, 1.0]), st.floats(0.1, 1.2))
def test_no_pe_when_k_lt_d(lam, psi):
    """V^prox_λ(G_ψ, D*) < W* (barrier upper bound), so no λ-PE."""
    out = ganeq_proximal.check_proximal_nonconvex_k_lt_d(sigma=2.0, eta=0.5, lam=lam, psi=psi)
    assert out.final_verdict() == Verdict.HOLDS
    assert out.witness["V_prox_upper_bound"] < out.witness["W_star"] - 1e-6 * lam


_prox_step = jax.jit(training.prox_step)


def _fd_jacobian(z, *args, h=1e-6):
    cols = [(np.asarray(_prox_step(z + h * e, *args)) - np.asarray(_prox_step(z - h * e, *args)))
            / (2 * h) for e in np.eye(z.size)]
    return np.stack(cols, axis=1)


@settings(max_examples=examples(4))
@given(theorem1_w2gan(), st.floats(0.1, 3.0), st.floats(0.005, 0.03))
def test_prox_training_jacobian_spectrum(game, ratio, gamma):
    """the Jacobian of one exact proximal-training step at (G*, D*) (autodiff through
    Newton, and central differences) has eigenvalues {0, 4ημ/(σ + 4ημ), eig of the (b, u)
    block}; plain GDA's (b, u) block determinant is (1 − γσ/(2η))(1 + 2γη(σ−1))."""
    sigma, eta, t = game["sigma"], game["eta"], game["t"]
    mu = ratio * threshold.lam_max_isotropic(sigma, eta)
    J = np.asarray(training.prox_jacobian(sigma, eta, mu, gamma, t))
    z = np.asarray(training.equilibrium(sigma, eta))
    fd = _fd_jacobian(z, sigma, eta, mu, gamma, t)
    assert np.max(np.abs(J - fd)) <= 1e-6 * max(1.0, np.abs(J).max())
    expected = np.concatenate([[0.0, dynamics.prox_a_eigenvalue(sigma, eta, mu)],
                               np.linalg.eigvals(dynamics.prox_block(sigma, eta, mu, gamma))])
    got = np.linalg.eigvals(J)
    for lam in expected:
        assert np.min(np.abs(got - lam)) <= 1e-8
    block = dynamics.gda_block(sigma, eta, gamma, gamma)
    det = (1 - gamma * sigma / (2 * eta)) * (1 + 2 * gamma * eta * (sigma - 1))
    assert abs(np.linalg.det(block) - det) <= tolerances.CLOSED_FORM * 10
    J_gda = np.asarray(training.gda_jacobian(sigma, eta, gamma, gamma, t))
    assert np.min(np.abs(np.linalg.eigvals(J_gda)[:, None]
                         - np.linalg.eigvals(block)[None, :]), axis=0).max() <= 1e-8


@settings(max_examples=examples(4))
@given(theorem1_w2gan(), st.sampled_from([0.5, 0.9, 1.1, 2.0]))
def test_certified_bound_agrees_with_batched_search(game, ratio):
    """Proposition 2 (b) two ways: the certified coefficient λ_min(C_U) (≥ 0 iff G*
    minimises V^prox_λ(·, D*)) against the untrusted batched search (32 starts, projected
    descent with the Proposition-4 gradient, best point re-solved by Newton)."""
    sigma, eta, t = game["sigma"], game["eta"], game["t"]
    lam = ratio * threshold.lam_max_isotropic(sigma, eta)
    coef = pe.certified_coefficient(lam, sigma, eta, D)
    found = pe.search_gap(lam, sigma, eta, D, D, t, key=jax.random.key(0))
    if coef >= 0:
        assert found["gap"] >= -tolerances.PE_GAP
    else:
        assert found["gap"] < -tolerances.PE_GAP
        assert np.linalg.norm(found["u"]) <= t + 1e-12


@settings(max_examples=examples(8))
@given(theorem1_w2gan(), seeds())
def test_theorem2_identity_and_inner_product_sign(game, seed):
    """Theorem 2's proof: W(θ) − W* − ‖D^θ − D*‖²/(4η) = ⟨D*, D^θ − D*⟩/(2η) (Brenier), and
    ⟨D*, D^θ − D*⟩ ≥ 0 over the convex set {D^θ} (k = d), on random admissible generators."""
    sigma, eta = game["sigma"], game["eta"]
    Sx, zero = sigma**2 * np.eye(D), np.zeros(D)
    D_star = gaussian_ot.optimal_discriminator(eta, zero, Sx, zero, np.eye(D))
    w_star = float(gaussian_ot.ot_cost(eta, zero, Sx, zero, np.eye(D)))
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((D, D))
    W = W / np.linalg.norm(W, 2) * rng.uniform(0.3, 1.0)
    u = rng.standard_normal(D) * game["t"] / 2
    D_th = gaussian_ot.optimal_discriminator(eta, zero, Sx, u, W @ W.T)
    w_th = float(gaussian_ot.ot_cost(eta, zero, Sx, u, W @ W.T))
    diff = gaussian_ot.Quadratic(D_th.A - D_star.A, D_th.b - D_star.b)
    dist = float(sobolev_inner(diff, diff, zero, Sx))
    inner = float(sobolev_inner(D_star, diff, zero, Sx))
    residual = threshold.theorem2_terms(w_th, w_star, dist, inner, eta)
    assert abs(residual) <= tolerances.GAUSSIAN_OT * max(1.0, w_th, dist / eta)
    assert inner >= -tolerances.GAUSSIAN_OT * max(1.0, abs(inner))
