"""The digits classifier score (theory.metrics.inception_digits) against closed forms, and
the Sobolev proximal term of theory.training.proximal."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.metrics import inception_digits as digits


def test_one_hot_balanced_probabilities_score_the_class_count():
    """p(y|x_i) one-hot, each class equally often: KL(p_i ‖ p̄) = log 10, IS = 10."""
    p = np.tile(np.eye(10), (3, 1))
    assert digits.score_from_probabilities(p) == pytest.approx(10.0, rel=1e-14)


@pytest.mark.parametrize("k", [1, 3, 9])
def test_a_generator_that_covers_k_classes_scores_k(k):
    """One-hot on k of the 10 classes, each equally often (a partly collapsed generator): the
    other classes have p̄(y) = 0 and add 0 (0 log 0 = 0), so IS = k exactly, with no warning
    (found through seed 49's #11: ``log p̄`` was taken of 0, a warning, and ``p ≥ 0`` in place
    of ``p > 0`` then gave 0·∞ = NaN)."""
    p = np.zeros((6 * k, 10))
    p[np.arange(6 * k), np.arange(6 * k) % k] = 1.0
    assert digits.score_from_probabilities(p) == pytest.approx(k, rel=1e-14)


@given(st.integers(0, 2**32 - 1), st.integers(2, 40))
def test_score_between_one_and_class_count(seed, n):
    p = np.random.default_rng(seed).dirichlet(np.full(10, 0.3), size=n)
    s = digits.score_from_probabilities(p)
    assert 1.0 - 1e-12 <= s <= 10.0 + 1e-12


def test_identical_samples_score_one():
    x, _ = digits.held_out()
    assert digits.score(np.repeat(x[:1], 50, axis=0))[0] == pytest.approx(1.0, abs=1e-12)


def test_true_digits_beat_noise_and_classifier_is_accurate():
    x, _ = digits.held_out()
    noise = np.random.default_rng(0).uniform(-1, 1, x.shape)
    assert digits.held_out_accuracy() > 0.9
    assert digits.score(x)[0] > 7.0 > 3.0 > digits.score(noise)[0]


def test_classifier_is_deterministic():
    x, _ = digits.held_out()
    p1 = digits.probabilities(x[:20])
    digits.classifier.cache_clear()
    assert np.array_equal(p1, digits.probabilities(x[:20]))


def test_sobolev_term_closed_form_on_linear_critics():
    """One-layer (linear) critics D(x) = w·x + b: S(ψ, ψ0) = ‖w − w0‖² exactly."""
    from theory.training import loop, proximal

    spec = loop.Spec(datasets=("gaussian",), layers=1)
    psi = jnp.array([1.0, 2.0, 0.5])  # flat (W, b): W = (1, 2)ᵀ, b = 0.5
    psi0 = jnp.array([0.5, -1.0, 3.0])
    x = jax.random.normal(jax.random.key(0), (17, 2))
    assert float(proximal.sobolev_sq(spec, psi, psi0, x)) == pytest.approx(0.25 + 9.0, rel=1e-14)
