"""Closed forms of the Gaussian games against independent routes (quadrature, POT, scipy)."""

import math

import jax.numpy as jnp
import numpy as np
import ot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

from tests.examples import examples
from theory.fdiv import get as get_divergence
from theory.gaussian_games import (
    FCritic,
    GaussianData,
    LinearGenerator,
    fgan,
    fgan_nash_conv,
    fgan_star,
    lemma,
    trs,
    w2gan,
    wgan,
)
from verifiers import tolerances
from verifiers.nash import batched, certify, crosscheck


@pytest.mark.parametrize("name", fgan.NAMES)
@pytest.mark.parametrize("w, u", [(0.9, 0.3), (1.0, 0.0), (0.75, -0.5)])
def test_fdivergence_against_quadrature(name, w, u):
    """d_f(G) (Gaussian lemma / Gauss–Hermite) equals 1-D quadrature of ∫ p_G f(p_X/p_G)."""
    sigma = 1.2
    f = get_divergence(name).numeric("f")
    px, pg = stats.norm(0, sigma), stats.norm(u, w)
    closed = float(fgan.divergence(name, jnp.eye(1) * w * w, jnp.array([u]), jnp.eye(1) * sigma**2))
    if name == "pearson" and w * w <= sigma**2 / 2:
        assert closed == math.inf  # chi^2(P_X||P_G) = inf iff s <= sigma^2/2
        return
    integrand = lambda x: pg.pdf(x) * f(px.pdf(x) / pg.pdf(x))  # noqa: E731
    span = 12
    if name == "pearson":  # p_G (r - 1)^2 decays like e^{-0.08 x^2}: evaluate it in log space
        span = 35
        integrand = lambda x: np.exp(2 * px.logpdf(x) - pg.logpdf(x)) - 2 * px.pdf(x) + pg.pdf(x)  # noqa: E731
    quad = integrate.quad(integrand, -span, span, epsabs=1e-13, epsrel=1e-12, limit=400)[0]
    tol = tolerances.GAUSS_HERMITE_JS if name == "js" else 1e-9 * max(1, abs(quad))
    assert abs(closed - quad) < tol


@pytest.mark.parametrize("name", fgan_star.CLOSED)
def test_divergence_star_and_gap_star_against_lemma(name):
    for d in (1, 2):
        eye = jnp.eye(d)
        lemma = float(fgan.divergence(name, eye, jnp.zeros(d), 1.44 * eye))
        assert abs(lemma - fgan_star.divergence_star(name, 1.2, d)) < tolerances.nash_gap(lemma)
        gap, _ = fgan.gap_vs_best_response(name, eye, jnp.zeros(d), 1.44 * eye, 0.8, eye[:1])
        assert abs(float(gap) - fgan_star.gap_star(name, 1.2, d, 0.8)) < tolerances.nash_gap(gap)


def test_js_gap_star_quadrature_vs_gauss_hermite():
    for d in (1, 2):
        eye = jnp.eye(d)
        gap, _ = fgan.gap_vs_best_response("js", eye, jnp.zeros(d), 2.25 * eye, 0.5, eye[:1])
        assert abs(float(gap) - fgan_star.js_gap_star(1.5, d, 0.5)) < tolerances.GAUSS_HERMITE_JS


def _spd(rng, d, scale):
    A = rng.standard_normal((d, d))
    return scale * (A @ A.T / d + 0.2 * np.eye(d))


@given(st.integers(1, 3), st.integers(0, 2**32 - 1))
@settings(deadline=None)
def test_tensor_gauss_hermite_is_exact_on_the_first_two_moments_of_ell(d, seed):
    """``lemma.gauss_hermite`` integrates polynomials of degree ≤ 2n − 1 in ξ exactly, so
    ``E ell`` and ``E ell²`` (degree 4) at n = 3 are the closed forms
    ``E ell = lemma.mean`` and ``Var ell = ½ tr((BC)²) + (Bμ + β)ᵀC(Bμ + β)``, for any
    S, u, Σ, μ and C (also singular C)."""
    rng = np.random.default_rng(seed)
    S, Sigma = _spd(rng, d, 1.0), _spd(rng, d, 2.0)
    C = _spd(rng, d, 0.5)
    if seed % 3 == 0:
        C[:, 0] = C[0, :] = 0.0  # singular: Y has a constant coordinate
    u, mu = rng.standard_normal(d), rng.standard_normal(d)
    ell = lemma.log_ratio(jnp.asarray(S), jnp.asarray(u), jnp.asarray(Sigma))
    B, beta = np.asarray(ell.B), np.asarray(ell.beta)
    m1 = float(lemma.gauss_hermite(lambda v: v, ell, jnp.asarray(mu), jnp.asarray(C), 3))
    m2 = float(lemma.gauss_hermite(lambda v: v**2, ell, jnp.asarray(mu), jnp.asarray(C), 3))
    mean = float(lemma.mean(ell, jnp.asarray(mu), jnp.asarray(C)))
    g = B @ mu + beta
    var = 0.5 * np.trace(B @ C @ B @ C) + g @ C @ g
    scale = 1.0 + mean**2 + abs(var)
    assert abs(m1 - mean) < 1e-11 * scale
    assert abs(m2 - m1**2 - var) < 1e-10 * scale


@pytest.mark.parametrize("sigma, w, u", [(1.5, 1.0, 0.0), (1.5, -0.7, 0.8), (2.0, 0.3, -1.0),
                                         (3.0, 0.0, 0.5)])
def test_w1_against_scipy_pot_and_quantile_integral(sigma, w, u):
    closed = float(wgan.w1(sigma, w, u))
    quantile = integrate.quad(lambda p: abs(stats.norm.ppf(p) * (sigma - abs(w)) - u), 0, 1,
                              limit=400, epsabs=1e-12)[0]
    assert abs(closed - quantile) < 1e-8
    rng = np.random.default_rng(0)
    n = 200_000
    x, y = sigma * rng.standard_normal(n), w * rng.standard_normal(n) + u
    tol = 1e-2 * max(1.0, sigma)
    assert abs(closed - stats.wasserstein_distance(x, y)) < tol
    assert abs(closed - float(ot.wasserstein_1d(x, y, p=1))) < tol


def test_half_w2_against_pot_bures():
    rng = np.random.default_rng(1)
    for _ in range(5):
        W = rng.standard_normal((2, 2))
        W /= np.linalg.norm(W, 2)
        S, u = W @ W.T, rng.standard_normal(2) * 0.5
        Sigma = np.array([[2.0, 0.3], [0.3, 0.7]])
        pot = float(ot.gaussian.bures_wasserstein_distance(np.zeros(2), u, Sigma, S)) ** 2
        mine = float(w2gan.half_w2_squared(jnp.asarray(S), jnp.asarray(u), jnp.asarray(Sigma)))
        assert abs(2 * mine - pot) < 1e-9 * max(1.0, pot)


def test_c_transform_against_numerical_sup_and_domain():
    A, b = jnp.array([[0.2, 0.1], [0.1, -0.3]]), jnp.array([0.3, -0.2])
    An, bn = np.asarray(A), np.asarray(b)
    for y in ([0.5, -1.0], [2.0, 0.3]):
        obj = lambda x, y=y: -(x @ An @ x + bn @ x - 0.5 * np.sum((x - y) ** 2))  # noqa: E731
        res = optimize.minimize(obj, np.zeros(2), tol=1e-14)
        assert abs(float(w2gan.c_transform(A, b, jnp.asarray(y))) + res.fun) < 1e-8
    assert float(w2gan.c_transform(jnp.eye(2) * 0.6, b, jnp.zeros(2))) == math.inf


def test_w2gan_value_and_best_response_against_independent_routes():
    rng = np.random.default_rng(2)
    Sigma = jnp.eye(2) * 2.0
    for _ in range(4):
        W = rng.standard_normal((2, 2))
        W /= 1.1 * np.linalg.norm(W, 2)
        S, u = jnp.asarray(W @ W.T), jnp.asarray(rng.uniform(-0.5, 0.5, 2))
        A, b = w2gan.discriminator_best_response(S, u, Sigma)
        herm, err = crosscheck.w2gan_value_hermite(A, b, S, u, Sigma)
        assert err < 1e-9
        assert abs(float(w2gan.value(A, b, S, u, Sigma)) - herm) < 2 * err
        assert abs(herm - float(w2gan.half_w2_squared(S, u, Sigma))) < 2 * err
        best, _, _ = w2gan.generator_best_response(A, b, Sigma, 1.0)
        W2, u2 = batched.sample_generators(1.0, key=__import__("jax").random.key(3), n=2000, d=2)
        A_n, b_n = jnp.broadcast_to(A, (2000, 2, 2)), jnp.broadcast_to(b, (2000, 2))
        vals = batched.w2gan_values(A_n, b_n, jnp.einsum("nij,nkj->nik", W2, W2), u2, Sigma)
        assert float(best) <= float(jnp.min(vals)) + 1e-12


@settings(max_examples=examples(25))
@given(st.integers(0, 2**32 - 1))
def test_trust_region_is_optimal(seed):
    rng = np.random.default_rng(seed)
    H = rng.standard_normal((2, 2))
    H, c, t = H + H.T, rng.standard_normal(2), rng.uniform(0.1, 2.0)
    v, q = trs.trust_region(jnp.asarray(H), jnp.asarray(c), t)
    assert np.linalg.norm(v) <= t * (1 + 1e-12) + 1e-15
    a = np.linspace(0, 2 * np.pi, 20001)
    for r in (t, 0.5 * t):
        V = r * np.stack([np.cos(a), np.sin(a)], 1)
        assert float(q) <= np.min(0.5 * np.einsum("ni,ij,nj->n", V, H, V) + V @ c) + 1e-12


def test_wgan_best_response_against_grid():
    sigma, t = 1.7, 0.8
    w_grid, u_grid = np.meshgrid(np.linspace(-1, 1, 201), np.linspace(-t, t, 201))
    for w, u in [(0.6, 0.3), (1.0, 0.0), (-0.2, -0.7)]:
        x0 = float(wgan.critic_center(sigma, w, u))
        vals = np.asarray(wgan.value(sigma, w_grid, u_grid, x0))
        best, _, _ = wgan.generator_best_response(sigma, x0, t)
        assert abs(float(best) - vals.min()) < 1e-12
        gap, _ = wgan.gap_vs_best_response(sigma, w, u, t)
        assert float(gap) >= float(wgan.c_w1(t)) - 1e-12


def test_batched_gaps_match_scalar_nash_conv():
    W, u = batched.sample_generators(1.0, key=__import__("jax").random.key(0), n=8, d=1)
    S = jnp.einsum("nij,nkj->nik", W, W)
    gaps, _ = batched.fgan_gaps("kl", S, u, jnp.eye(1) * 1.44, 1.0)
    data = GaussianData.isotropic(1.2, 1)
    for i in range(8):
        G = LinearGenerator(np.asarray(W[i]), np.asarray(u[i]), 1.0)
        nc = fgan_nash_conv("kl", data, G, FCritic(of=G))
        if math.isinf(nc.gap):
            assert float(gaps[i]) == math.inf
            continue
        assert abs(nc.gap - float(gaps[i])) < tolerances.nash_gap(nc.gap)
        assert abs(nc.discriminator_gain) < tolerances.nash_gap(nc.gap)


def test_singular_generator_gives_infinite_or_unattained_gap():
    data, G2 = GaussianData.isotropic(1.2, 2), LinearGenerator.optimal(2, 1.0)
    G = LinearGenerator(np.diag([0.5, 0.0]), np.zeros(2), 1.0)
    assert fgan_nash_conv("kl", data, G, FCritic(of=G2)).gap == math.inf
    js = fgan_nash_conv("js", data, G, FCritic(of=G2))
    assert not js.attained and 0 < js.gap < math.inf


@pytest.mark.parametrize("name", fgan_star.CLOSED)
def test_interval_certificate_on_whole_box(name):
    """gap*/t² > 0 proved by interval bisection on σ ∈ [1.05, 1.4], t ∈ [0.1, 2] (d = 1, 2);
    the same routine fails to prove it where it is false: on σ < 1, and on a box whose midpoint
    is positive but which reaches below σ = 1 (a prover reading the upper endpoint, or only the
    midpoint, would pass that one)."""
    fn = lambda backend, sigma, t, d: fgan_star.gap_star(name, sigma, d, t, backend) / (t * t)  # noqa: E731
    for d in (1, 2):
        box = {"sigma": (1.05, 1.4), "t": (0.1, 2.0)}
        ok, _ = certify.interval_positive_on_box(fn, box, {"d": d})
        assert ok
    bad, _ = certify.interval_positive_on_box(fn, {"sigma": (0.5, 0.9), "t": (0.1, 2.0)}, {"d": 1},
                                              max_boxes=200)
    assert not bad
    straddling = {"sigma": (0.9, 1.3), "t": (0.1, 2.0)}
    mid = fn(backend=__import__("math"), sigma=1.1, t=1.05, d=1)
    assert mid > 0
    wrong, _ = certify.interval_positive_on_box(fn, straddling, {"d": 1}, max_boxes=400)
    assert not wrong


def test_interval_prover_rejects_a_function_negative_in_a_corner():
    """x − 0.4 on [0, 1]: positive at the midpoint and on most of the box, negative near 0."""
    fn = lambda backend, x: x - 0.4  # noqa: E731
    assert not certify.interval_positive_on_box(fn, {"x": (0.0, 1.0)}, {}, max_boxes=300)[0]
    assert certify.interval_positive_on_box(fn, {"x": (0.41, 1.0)}, {})[0]


@pytest.mark.parametrize("lam, t", [([2.0, 0.5], 1.0), ([3.0, 1.5], 0.7)])
def test_general_sigma_gains_against_gaussian_lemma(lam, t):
    """The closed forms of the slides' version (diagonal Σ, deviation t e1) against the lemma."""
    Sigma, S = jnp.diag(jnp.array(lam)), jnp.diag(jnp.minimum(jnp.array(lam), 1.0))
    ell = fgan.log_ratio(S, jnp.zeros(2), Sigma)
    dev = jnp.array([t, 0.0])
    for name in ("kl", "rkl", "hellinger"):
        lemma = float(fgan.J(name, ell, dev, S) - fgan.J(name, ell, jnp.zeros(2), S))
        assert lemma == pytest.approx(fgan_star.gap_general(name, lam, t), rel=1e-12)
    A, b = w2gan.discriminator_best_response(S, jnp.zeros(2), Sigma)
    w2 = float(w2gan.value(A, b, S, jnp.zeros(2), Sigma) - w2gan.value(A, b, S, dev, Sigma))
    assert w2 == pytest.approx(fgan_star.gap_general("w2gan", lam, t), rel=1e-12)


@pytest.mark.parametrize("kwargs, match", [
    ({"W": [[1.5]], "u": [0.0], "t": 1.0}, "sigma_max"),
    ({"W": [[0.5]], "u": [2.0], "t": 1.0}, "norm"),
    ({"W": [[np.nan]], "u": [0.0], "t": 1.0}, "finite"),
    ({"W": [[0.5, 0.0]], "u": [0.0, 0.0], "t": 1.0}, "length"),
    ({"W": [[0.5]], "u": [0.0], "t": 1.0, "sv_min": 1.0, "sv_max": math.inf}, "sigma_min"),
])
def test_bad_generator_rejected(kwargs, match):
    with pytest.raises(ValueError, match=match):
        LinearGenerator(**kwargs)


@pytest.mark.parametrize("Sigma, match", [([[1.0, 0.5], [0.0, 1.0]], "symmetric"),
                                          ([[1.0, 0.0], [0.0, -1.0]], "positive definite"),
                                          ([[np.nan]], "finite")])
def test_bad_covariance_rejected(Sigma, match):
    with pytest.raises(ValueError, match=match):
        GaussianData(Sigma)
    with pytest.raises(ValueError, match="sigma"):
        GaussianData.isotropic(-1.0, 2)
