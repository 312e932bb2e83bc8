"""The dynamics package against independent routes: exact identities of the
iterates, the AltGD invariant, DOP853, Monte Carlo, batching, bad input."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.dirac.equilibrium import eigenvalues_at_equilibrium
from verifiers.dynamics import (
    altgd,
    altgd_batch,
    empirical_rate,
    field,
    flow,
    flow_dop853,
    flow_times,
    mean_field,
    sampled_noise_field,
    simgd,
    simgd_batch,
    stochastic_altgd,
    stochastic_simgd,
)
from verifiers.dynamics.smoothing import smoothed_field
from verifiers.dynamics.verdicts import classify

SIMGD_IDENTITY_RTOL = 1e-13  # one step: a few roundings of O(1) numbers


@given(h=st.floats(0.01, 1.0), x=st.tuples(st.floats(-2, 2), st.floats(-2, 2)))
def test_simgd_norm_identity(h, x):
    """Lemma 2.4, eq. (56): r_{k+1}² = (1 + h² f'(θ_kψ_k)²) r_k²."""
    xs = np.asarray(simgd(field("gan"), jnp.array(x), {}, h, 50))
    r2 = np.sum(xs**2, axis=1)
    fprime = 1.0 / (1.0 + np.exp(xs[:-1, 0] * xs[:-1, 1]))
    assert np.allclose(r2[1:], (1 + h**2 * fprime**2) * r2[:-1], rtol=SIMGD_IDENTITY_RTOL, atol=0)
    assert np.all(r2[1:] >= r2[:-1] * (1 - 4 * np.finfo(float).eps))


@given(h=st.floats(0.05, 0.9), n_g=st.integers(1, 2), n_d=st.integers(1, 2))
def test_altgd_linear_invariant(h, n_g, n_d):
    """Linear AltGD (f = t) keeps Q = Bθ² − ABθψ + Aψ², A = n_g h, B = n_d h (one step
    maps (θ, ψ) to (θ − Aψ, ψ + B(θ − Aψ)) and Q is invariant under it)."""
    a, b = n_g * h, n_d * h
    xs = np.asarray(altgd(field("wgan"), jnp.array([0.3, -0.2]), {}, h, 2000, n_g, n_d))
    q = b * xs[:, 0] ** 2 - a * b * xs[:, 0] * xs[:, 1] + a * xs[:, 1] ** 2
    assert np.max(np.abs(q / q[0] - 1)) < 1e-11


def test_wgan_clipping_keeps_psi_in_box():
    xs = np.asarray(simgd(field("wgan"), jnp.array([1.0, 0.5]), {}, 0.1, 3000, clip=1.0))
    assert np.max(np.abs(xs[:, 1])) <= 1.0
    assert np.max(np.abs(xs[:, 1])) > 0.999  # the clip is active on the large cycle


def test_batches_match_single_runs():
    v = field("gradient_penalty")
    x0s = jnp.array([[1.0, 0.5], [-0.3, 0.2], [0.1, -1.0]])
    gammas = jnp.array([0.3, 1.0, 2.0])
    batch = simgd_batch(v, x0s, {"gamma": gammas}, 0.1, 200, every=10)
    alt = altgd_batch(v, x0s, {"gamma": gammas}, 0.1, 200, n_d=jnp.array([1, 2, 3]), every=10)
    for i in range(3):
        one = simgd(v, x0s[i], {"gamma": gammas[i]}, 0.1, 200, every=10)
        assert np.allclose(batch[i], one, rtol=0, atol=1e-15)
        one_alt = altgd(v, x0s[i], {"gamma": gammas[i]}, 0.1, 200, 1, i + 1, every=10)
        assert np.allclose(alt[i], one_alt, rtol=0, atol=1e-15)
    assert batch.dtype == jnp.float64


def test_rk4_flow_matches_dop853():
    """The jitted RK4 scan against scipy's adaptive DOP853 (rtol 1e-12)."""
    for method in ("gan", "nonsaturating", "instance_noise"):
        v = field(method)
        xs = np.asarray(flow(v, jnp.array([1.0, 0.5]), {"sigma": 0.5}, 30.0, 3000, every=100))
        ref = flow_dop853(v, jnp.array([1.0, 0.5]), {"sigma": 0.5}, flow_times(30.0, 3000, 100))
        assert np.max(np.abs(xs - ref)) < 1e-9


def test_noise_sample_mean_is_the_quadrature_field():
    """Monte Carlo (10⁵ draws, 6-sigma band) against the Gauss–Hermite field."""
    noisy = sampled_noise_field(field("gan"))
    for x in ([0.7, -0.4], [-1.5, 1.2]):
        hyper = {"sigma": 0.8}
        mean, err = mean_field(noisy, jnp.array(x), hyper, 100_000, key=jax.random.key(3))
        exact = field("instance_noise")(jnp.array(x), hyper)
        assert np.all(np.abs(np.asarray(mean - exact)) < 6 * np.asarray(err) + 1e-12)


def test_stochastic_runs_are_reproducible_and_converge_on_average():
    noisy, hyper = sampled_noise_field(field("gan")), {"sigma": 1.0}
    a = stochastic_simgd(noisy, jnp.array([1.0, 1.0]), hyper, 0.05, 4000, key=jax.random.key(0))
    b = stochastic_simgd(noisy, jnp.array([1.0, 1.0]), hyper, 0.05, 4000, key=jax.random.key(0))
    c = stochastic_simgd(noisy, jnp.array([1.0, 1.0]), hyper, 0.05, 4000, key=jax.random.key(1))
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    alt = stochastic_altgd(noisy, jnp.array([1.0, 1.0]), hyper, 0.05, 4000, key=jax.random.key(0))
    for xs in (a, alt):  # noise floor ~ sqrt(h)·σ, well below the start radius sqrt(2)
        assert np.mean(np.linalg.norm(np.asarray(xs[-1000:]), axis=1)) < 0.6


def test_empirical_rate_of_an_exact_geometric_sequence():
    norms = 1e-2 * 0.97 ** np.arange(2000)
    rate, err, count = empirical_rate(jnp.asarray(norms))
    assert abs(float(rate) - 0.97) < 1e-12 and float(err) < 1e-12 and count > 100


def test_smoothed_fields_have_the_closed_form_spectra():
    """a.c. proxy: smoothing the plain GAN gives instance noise (Lemma 3.2);
    consensus of the smoothed field has J − γJᵀJ with J the IN Jacobian."""
    f1, f2 = 0.5, -0.25
    jac = jax.jacfwd(lambda x: smoothed_field("gan")(x, {}))(jnp.zeros(2))
    assert np.allclose(jac, [[0, -f1], [f1, 2 * f2]], atol=1e-12)
    j_in = np.array([[0, -f1], [f1, 2 * f2]])
    cons = jax.jacfwd(lambda x: smoothed_field("consensus")(x, {"gamma": 1.0}))(jnp.zeros(2))
    assert np.allclose(cons, j_in - j_in.T @ j_in, atol=1e-12)
    wgan = jax.jacfwd(lambda x: smoothed_field("wgan")(x, {}))(jnp.zeros(2))
    lam = eigenvalues_at_equilibrium("wgan", 1.0, 0.0)
    assert np.allclose(np.sort_complex(np.linalg.eigvals(wgan)), np.sort_complex(lam), atol=1e-12)


def test_classify_labels():
    k = np.arange(1001)[:, None]
    circle = np.hstack([np.cos(0.1 * k), np.sin(0.1 * k)])
    assert classify(circle * 0.9**k).startswith("converges")
    assert classify(circle).startswith("cycle")
    assert classify(circle * 1.01**k).startswith("moves away")
    assert classify(circle / np.sqrt(1 + k)).startswith("slow decay")
    assert classify(np.vstack([circle[:500], np.tile([[-2.0, 1e-9]], (501, 1))])).startswith(
        "non-Nash point (-2")
    for psi, side in ((1e-9, "0+"), (-1e-9, "0−"), (0.0, "0")):
        stuck = np.vstack([circle[:500], np.tile([[-2.0, psi]], (501, 1))])
        assert classify(stuck) == f"non-Nash point (-2, {side})"
    assert classify(np.vstack([circle, [[np.nan, 0]]])) == "diverges"


@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_classify_reads_relative_changes_not_the_scale(scale):
    """Slow decay, moving away and cycling compare the norms with each other (5 % changes),
    so scaling a trajectory (far from the absolute thresholds) keeps its label."""
    k = np.arange(1001)[:, None]
    circle = np.hstack([np.cos(0.1 * k), np.sin(0.1 * k)])
    jump = np.where(k == 0, 1.0, 2.5 + 0.1 * k / 1000)  # r_K > 2 r_0, last 10 % < 5 % up
    for path in (circle, circle * 1.01**k, circle / np.sqrt(1 + k), circle * jump):
        assert classify(scale * path).split(" (")[0] == classify(path).split(" (")[0]
    assert classify(circle * jump).startswith("moves away")


@pytest.mark.parametrize("steps, every", [(0, 1), (10, 3), (10, 0)])
def test_bad_step_counts_are_rejected(steps, every):
    with pytest.raises(ValueError, match="steps|every"):
        simgd(field("gan"), jnp.array([1.0, 0.0]), {}, 0.1, steps, every)
