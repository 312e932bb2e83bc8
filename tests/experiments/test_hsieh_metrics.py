"""Mode coverage (theory.metrics.modes) and the Mirror-GAN / Mirror-Prox-GAN steps
(theory.mirror_gan.algorithms) against closed forms."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.metrics import modes
from theory.mirror_gan import algorithms as alg
from theory.mirror_gan import data


@pytest.mark.parametrize("name", ["8gaussians", "25gaussians"])
def test_exact_mode_samples_cover_every_mode(name):
    ds = data.toy(name)
    c = ds.centre_array()
    x = np.repeat(c, 10, axis=0)
    assert modes.modes_covered(x, c, ds.sd) == len(c)
    assert modes.hq_fraction(x, c, ds.sd) == 1.0


@pytest.mark.parametrize("name", ["8gaussians", "25gaussians"])
def test_data_hq_fraction_matches_rayleigh_closed_form(name):
    """The data's own HQ fraction is 1 − exp(−k²/2) within 5 binomial standard errors."""
    ds, n = data.toy(name), 20000
    x = np.asarray(ds.sample(jax.random.key(0), n))
    p = modes.hq_fraction_exact()
    assert abs(modes.hq_fraction(x, ds.centre_array(), ds.sd) - p) <= 5 * math.sqrt(p * (1 - p) / n)
    assert modes.modes_covered(x, ds.centre_array(), ds.sd) == len(ds.centres)


def test_collapsed_and_far_samples():
    ds = data.toy("25gaussians")
    c = ds.centre_array()
    assert modes.modes_covered(np.repeat(c[:1], 500, axis=0), c, ds.sd) == 1
    assert modes.modes_covered(np.full((500, 2), 10.0), c, ds.sd) == 0
    assert modes.hq_fraction(np.full((500, 2), 10.0), c, ds.sd) == 0.0


@given(st.integers(1, 25), st.integers(1, 40))
def test_modes_covered_counts_populated_modes(k, m):
    """Exact samples on the first ``k`` modes, ``m`` each: exactly ``k`` covered."""
    ds = data.toy("25gaussians")
    c = ds.centre_array()
    x = np.repeat(c[:k], m, axis=0)
    assert modes.modes_covered(x, c, ds.sd) == k


def test_swiss_roll_range():
    x = np.asarray(data.toy("swissroll").sample(jax.random.key(0), 2000))
    r = np.linalg.norm(x, axis=1)
    assert r.min() > 0.3 and r.max() < 2.2


def test_swiss_roll_moments_match_the_closed_forms():
    """``x = ((t cos t, t sin t) + 0.25 ε)/7.5``, ``t ~ U[a, b]``, ``a = 3π/2``, ``b = 9π/2``:
    ``E[t cos t] = [t sin t + cos t]_a^b/(b − a) = 2``, ``E[t sin t] = [sin t − t cos t]_a^b/(b − a)
    = 2/(3π)``, ``E‖x‖² = ((a² + ab + b²)/3 + 2·0.25²)/7.5²``; each within 6 standard errors
    of its Monte Carlo estimate on 10⁶ draws (the law, whatever the draws)."""
    x = np.asarray(data.toy("swissroll").sample(jax.random.key(3), 1_000_000))
    a, b = 1.5 * math.pi, 4.5 * math.pi
    want = {"x1": 2.0 / 7.5, "x2": 2.0 / (3.0 * math.pi) / 7.5,
            "r2": ((a * a + a * b + b * b) / 3.0 + 2.0 * 0.25**2) / 7.5**2}
    got = {"x1": x[:, 0], "x2": x[:, 1], "r2": np.sum(x * x, axis=1)}
    for name, v in got.items():
        se = v.std() / math.sqrt(len(v))
        assert abs(v.mean() - want[name]) <= 6 * se, name


def test_swiss_roll_is_the_documented_map_of_its_draws():
    """With the sampler's own draws (``t`` from the first half of the key, ``ε`` from the
    second), every point is ``((t cos t, t sin t) + 0.25 ε)/7.5`` with ``t = 3π/2 + 3π u``: pins
    the range, the noise level and the scale exactly, which the moments above cannot (a
    0.1 % change moves them by less than their standard errors)."""
    key = jax.random.key(11)
    kt, kx = jax.random.split(key)
    u = np.asarray(jax.random.uniform(kt, (500,)))
    eps = np.asarray(jax.random.normal(kx, (500, 2)))
    t = 1.5 * math.pi + 3.0 * math.pi * u
    want = (np.stack([t * np.cos(t), t * np.sin(t)], axis=1) + 0.25 * eps) / 7.5
    got = np.asarray(data.toy("swissroll").sample(key, 500))
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("name", ["8gaussians", "25gaussians"])
def test_mixture_sample_is_centre_plus_sd_times_its_normal_draw(name):
    """With the sampler's own draws (the component index from the first half of the key,
    uniform on the K centres; ``ε`` from the second), every point is ``c_idx + sd·ε``."""
    ds, key = data.toy(name), jax.random.key(5)
    kc, kx = jax.random.split(key)
    idx = np.asarray(jax.random.randint(kc, (400,), 0, len(ds.centres)))
    eps = np.asarray(jax.random.normal(kx, (400, 2)))
    want = ds.centre_array()[idx] + ds.sd * eps
    np.testing.assert_allclose(np.asarray(ds.sample(key, 400)), want, rtol=1e-14, atol=1e-15)
    assert set(idx) == set(range(len(ds.centres)))  # every component drawn


def _bilinear():
    """``g_loss = θ·φ``, ``d_loss = −θ·φ`` (the bilinear game, noise-free)."""
    return alg.Game(lambda t, p, k: jnp.dot(t, p), lambda t, p, k: -jnp.dot(t, p))


PLAIN = alg.Hyper(gamma=0.1, eps=0.0, beta=1.0, K=1, precondition=False)


def test_mirror_gan_without_noise_or_damping_is_simultaneous_gda():
    """β = 1, ε = 0, K = 1: Algorithm 3 is θ' = θ − γφ, φ' = φ + γθ; one double step is two
    of them and reports the newest generator."""
    t0, p0 = jnp.array([1.0, -0.5]), jnp.array([0.3, 2.0])
    (t2, p2), rec = alg.run_jit("mirror", _bilinear(), PLAIN, t0, p0, jax.random.key(0),
                                batches=2, record_every=2)
    t1, p1 = t0 - 0.1 * p0, p0 + 0.1 * t0
    np.testing.assert_allclose(t2, t1 - 0.1 * p1, rtol=1e-15)
    np.testing.assert_allclose(p2, p1 + 0.1 * t1, rtol=1e-15)
    np.testing.assert_allclose(rec[0], t2, rtol=1e-15)


def test_mirror_prox_gan_without_noise_or_damping_is_extragradient():
    """β = 1, ε = 0, K = 1: Algorithm 6 is the extra-gradient step (leading point from the
    anchor, update from the anchor with the leading point's gradient)."""
    t0, p0 = jnp.array([1.0, -0.5]), jnp.array([0.3, 2.0])
    (t1, p1), lead = alg.run_jit("mirror_prox", _bilinear(), PLAIN, t0, p0, jax.random.key(0),
                             batches=2, record_every=2)
    th, ph = t0 - 0.1 * p0, p0 + 0.1 * t0
    np.testing.assert_allclose(lead[0], th, rtol=1e-15)
    np.testing.assert_allclose(t1, t0 - 0.1 * ph, rtol=1e-15)
    np.testing.assert_allclose(p1, p0 + 0.1 * th, rtol=1e-15)


def test_damping_and_noise_statistics():
    """ε > 0 on a flat loss: after one outer step θ_1 = θ_0 + β Σ_k β(1−β)^{K−k} S_k with S_k a
    Gaussian random walk of step variance 2γε²; a double step adds two independent such
    increments, so its variance is twice that closed form."""
    hp = alg.Hyper(gamma=0.5, eps=0.3, beta=0.5, K=3, precondition=False)
    flat = alg.Game(lambda t, p, k: 0.0 * jnp.sum(t), lambda t, p, k: 0.0 * jnp.sum(p))
    run = jax.vmap(lambda key: alg.run_jit("mirror", flat, hp, jnp.zeros(1), jnp.zeros(1), key,
                                       batches=6, record_every=6)[0][0][0])
    x = np.asarray(run(jax.random.split(jax.random.key(1), 20000)))
    # θ̄ = Σ_k a_k S_k with a = β(1−β)^{K−k} for k ≥ 1 (θ̄ starts at 0); S_k = Σ_{j≤k} ξ_j
    b, K = hp.beta, hp.K
    a = np.array([b * (1 - b) ** (K - k) for k in range(1, K + 1)])
    coef = np.array([a[j:].sum() for j in range(K)])  # weight of ξ_j in θ̄
    var = 2 * (b**2) * 2 * hp.gamma * hp.eps**2 * np.sum(coef**2)
    se = var * math.sqrt(2 / len(x))
    assert abs(x.var() - var) <= 5 * se
