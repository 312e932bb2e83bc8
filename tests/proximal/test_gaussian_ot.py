"""Gaussian OT closed forms (theory.gaussian_ot) against POT, emd2 and brute force."""

import jax
import numpy as np
import ot
import pytest
import scipy.optimize
from hypothesis import given
from hypothesis import strategies as st

from theory import gaussian_ot as g
from verifiers import tolerances

D = 3
seeds = st.integers(0, 2**32 - 1)


def spd(rng, d=D, low=0.3, high=3.0):
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    return (q * rng.uniform(low, high, d)) @ q.T


def instance(seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(D), spd(rng), rng.standard_normal(D), spd(rng)


@given(seeds)
def test_brenier_map_matches_pot(seed):
    """P1: (B, s) equals POT's bures_wasserstein_mapping; B symmetric PSD, B S1 B = S2."""
    m1, S1, m2, S2 = instance(seed)
    B, s = g.brenier_map(m1, S1, m2, S2)
    B_pot, s_pot = ot.gaussian.bures_wasserstein_mapping(m1, m2, S1, S2)
    assert np.allclose(B, B_pot, atol=tolerances.GAUSSIAN_OT, rtol=0)
    assert np.allclose(s, s_pot, atol=tolerances.GAUSSIAN_OT, rtol=0)
    assert np.allclose(B, B.T, atol=tolerances.CLOSED_FORM) and np.linalg.eigvalsh(B)[0] > 0
    assert np.allclose(B @ S1 @ B, S2, atol=tolerances.GAUSSIAN_OT)


@given(seeds, st.sampled_from([0.5, 1.0, 1.7]))
def test_w2_matches_pot_and_scales_with_eta(seed, eta):
    """P2: W2² equals POT's distance squared and W_η = η W2²."""
    m1, S1, m2, S2 = instance(seed)
    w2 = float(g.w2_squared(m1, S1, m2, S2))
    pot = float(ot.gaussian.bures_wasserstein_distance(m1, m2, S1, S2)) ** 2
    assert abs(w2 - pot) <= tolerances.GAUSSIAN_OT * max(1.0, pot)
    w_eta = float(g.ot_cost(eta, m1, S1, m2, S2))
    assert abs(w_eta - eta * w2) <= tolerances.CLOSED_FORM * max(1.0, w2)


@given(seeds, st.sampled_from([0.5, 1.0, 1.7]))
def test_potentials_and_fenchel_young(seed, eta):
    """P4/P5: ∇D^θ = 2η(x − Tx); D^θ = η‖x‖² − 2ηφ; D^{θ,c} = 2ηφ* − η‖y‖²;
    D(x) − D^c(y) ≤ η‖x − y‖² with equality on y = Tx; E D(X) − E D^c(Y) = W_η."""
    m1, S1, m2, S2 = instance(seed)
    rng = np.random.default_rng(seed + 1)
    B, s = g.brenier_map(m1, S1, m2, S2)
    D, Dc = g.kantorovich_potentials(eta, m1, S1, m2, S2)
    x, y = rng.standard_normal((50, D.A.shape[0])), rng.standard_normal((50, D.A.shape[0]))
    tx = g.transport(x, B, s)
    assert np.allclose(g.gradient(D, x), 2 * eta * (x - tx), atol=tolerances.GAUSSIAN_OT)
    primal = eta * np.sum(x**2, 1) - 2 * eta * np.asarray(g.brenier_potential(x, B, s))
    assert np.allclose(g.evaluate(D, x), primal, atol=tolerances.GAUSSIAN_OT)
    dual = eta * np.sum(y**2, 1) - 2 * eta * np.asarray(g.brenier_conjugate(y, B, s))
    assert np.allclose(-np.asarray(g.evaluate(Dc, y)), dual, atol=tolerances.GAUSSIAN_OT)
    gap_graph = g.evaluate(D, x) - g.evaluate(Dc, tx) - eta * np.sum((x - tx) ** 2, 1)
    gap_random = g.evaluate(D, x) - g.evaluate(Dc, y) - eta * np.sum((x - y) ** 2, 1)
    assert np.max(np.abs(gap_graph)) <= tolerances.GAUSSIAN_OT * 10
    assert np.max(gap_random) <= tolerances.GAUSSIAN_OT
    value = (np.trace(D.A @ S1) + m1 @ D.A @ m1 + D.b @ m1
             - np.trace(Dc.A @ S2) - m2 @ Dc.A @ m2 - Dc.b @ m2 - Dc.c)
    w_eta = float(g.ot_cost(eta, m1, S1, m2, S2))
    assert abs(value - w_eta) <= tolerances.GAUSSIAN_OT * max(1.0, w_eta)


@pytest.mark.parametrize("seed", range(4))
def test_c_transform_matches_brute_force(seed):
    """P5: closed-form D^c(y) equals sup_x D(x) − η‖x − y‖² by BFGS."""
    rng = np.random.default_rng(seed)
    eta = 0.8
    A = g.sym(rng.standard_normal((D, D)))
    A = A - (np.linalg.eigvalsh(A)[-1] - eta + 0.4) * np.eye(D)
    Dq = g.Quadratic(A, rng.standard_normal(D), 0.3)
    Dc = g.c_transform(Dq, eta)
    def loss(x, y):
        return -(x @ A @ x + Dq.b @ x + 0.3 - eta * np.sum((x - y) ** 2))

    for y in rng.standard_normal((3, D)):
        res = scipy.optimize.minimize(loss, y, args=(y,), method="BFGS", options={"gtol": 1e-11})
        assert abs(-res.fun - float(g.evaluate(Dc, y))) <= tolerances.OPTIMIZER
        assert abs(-res.fun - float(g.c_transform_value(Dq, eta, y))) <= tolerances.OPTIMIZER


@pytest.mark.parametrize("d,n", [(2, 400), (5, 600)])
def test_brenier_pairing_is_an_exact_discrete_optimum(d, n):
    """P6: T is cyclically monotone, so the identity pairing of X_n with T(X_n)
    is an optimal assignment: ot.emd2 equals the mean squared displacement."""
    rng = np.random.default_rng(d)
    m1, S1, m2, S2 = rng.standard_normal(d), spd(rng, d), rng.standard_normal(d), spd(rng, d)
    B, s = g.brenier_map(m1, S1, m2, S2)
    x = m1 + rng.standard_normal((n, d)) @ np.linalg.cholesky(S1).T
    tx = np.asarray(g.transport(x, B, s))
    w = np.full(n, 1.0 / n)
    emd = ot.emd2(w, w, ot.dist(x, tx))
    assert abs(emd - np.mean(np.sum((x - tx) ** 2, 1))) <= tolerances.LP * max(1.0, emd)
    rot = np.linalg.qr(rng.standard_normal((d, d)))[0]
    lx = x @ (np.asarray(g.sqrtm_psd(S2)) @ rot @ np.asarray(g.inv_sqrtm(S1))).T
    assert ot.emd2(w, w, ot.dist(x, lx)) < np.mean(np.sum((x - lx) ** 2, 1)) - 1e-3


def test_singular_target_is_handled_exactly():
    """Rank-1 S2 (k = 1 < d = 3): B S1 B = S2, B has rank 1, W2² is the limit of
    the regularised values, D^{θ,c} is finite on the support and +∞ off it, and
    Fenchel–Young holds with equality on the graph of T. POT's map needs S2 ≻ 0."""
    rng = np.random.default_rng(7)
    m1, S1, m2 = rng.standard_normal(D), spd(rng), rng.standard_normal(D)
    w = rng.standard_normal((D, 1))
    S2 = w @ w.T / float(np.sum(w**2))
    B, s = g.brenier_map(m1, S1, m2, S2)
    assert np.allclose(B @ S1 @ B, S2, atol=tolerances.GAUSSIAN_OT)
    assert np.sum(np.linalg.eigvalsh(B) > 1e-12) == 1
    limits = [float(g.w2_squared(m1, S1, m2, S2 + e * np.eye(D))) for e in (1e-6, 1e-8, 1e-10)]
    assert abs(limits[-1] - float(g.w2_squared(m1, S1, m2, S2))) <= 1e-4
    eta = 0.6
    Dq = g.optimal_discriminator(eta, m1, S1, m2, S2)
    x = rng.standard_normal((20, D))
    tx = g.transport(x, B, s)
    gap = g.evaluate(Dq, x) - g.c_transform_value(Dq, eta, tx) - eta * np.sum((x - tx) ** 2, 1)
    assert np.max(np.abs(gap)) <= tolerances.GAUSSIAN_OT * 10
    off = g.optimal_discriminator_conjugate(eta, m1, S1, m2, S2, tx + np.linalg.svd(w)[0][:, 1])
    assert np.all(np.isinf(off)) and np.all(np.asarray(off) > 0)
    with pytest.raises(ValueError, match="eta\\*I - A"):
        g.c_transform(Dq, eta)


def test_jit_and_vmap_agree_with_eager():
    m1, S1, m2, S2 = instance(3)
    eager = float(g.w2_squared(m1, S1, m2, S2))
    batched = jax.vmap(g.w2_squared)(*(np.stack([a, a]) for a in (m1, S1, m2, S2)))
    assert np.allclose(batched, eager, atol=tolerances.CLOSED_FORM)
    assert jax.jit(g.w2_squared)(m1, S1, m2, S2).dtype == np.float64


@pytest.mark.parametrize("S1,message", [
    (np.diag([1.0, -1.0, 1.0]), "S1=.*smallest eigenvalue"),
    (np.array([[1.0, 0.5, 0], [0, 1.0, 0], [0, 0, 1.0]]), "not symmetric"),
    (np.diag([1.0, np.nan, 1.0]), "non-finite"),
    (np.eye(2), "shape|S2 has shape"),
    (np.zeros((3, 3)), "positive definite"),
])
def test_bad_covariances_rejected(S1, message):
    with pytest.raises(ValueError, match=message):
        g.brenier_map(np.zeros(3), S1, np.zeros(3), np.eye(3))


@pytest.mark.parametrize("eta", [0.0, -1.0, np.nan, np.inf])
def test_bad_eta_rejected(eta):
    with pytest.raises(ValueError, match="eta="):
        g.ot_cost(eta, np.zeros(2), np.eye(2), np.zeros(2), np.eye(2))


def test_bad_vectors_and_psd_target_rejected():
    with pytest.raises(ValueError, match="m2="):
        g.w2_squared(np.zeros(2), np.eye(2), np.zeros(3), np.eye(2))
    with pytest.raises(ValueError, match="S2=.*semi-definite"):
        g.w2_squared(np.zeros(2), np.eye(2), np.zeros(2), np.diag([1.0, -0.1]))


def test_the_c_transform_at_a_zero_curvature_is_finite_on_its_range():
    """``M = ηI − A = 0`` is positive semi-definite, not negative: ``D^c(y)`` is
    ``c − η‖y‖²`` where ``v = b + 2ηy = 0`` (the range of M) and +∞ elsewhere (mutation
    s77 #6: ``λ_min(M) < −tol`` → ``≤ −tol`` made it +∞ at M = 0, where the tolerance is 0)."""
    eta, y = 0.75, np.array([0.5, -1.0])
    D = g.Quadratic(eta * np.eye(2), -2 * eta * y, 0.3)
    assert float(g.c_transform_value(D, eta, y)) == pytest.approx(0.3 - eta * 1.25, abs=1e-15)
    assert float(g.c_transform_value(D, eta, y + 0.1)) == np.inf
