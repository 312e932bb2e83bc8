"""A classifier-based Inception-style score for 8×8 digits (the Inception score of Salimans et al.
2016, with scikit-learn's bundled digits and a multinomial logistic regression in place of
ImageNet and the Inception network; no download).

Data: ``sklearn.datasets.load_digits`` (1797 images, 64 pixels in 0..16), rescaled to
``x = pixel/8 − 1 ∈ [−1, 1]``. The classifier is trained once per process (``lbfgs``,
``C = 1``, one BLAS thread: deterministic, ~0.2 s) on the first :data:`N_TRAIN` images (also
the GAN's training data); the rest is held out. For samples ``x_1..x_n`` with class
probabilities ``p(y|x_i)`` and their mean ``p̄(y) = (1/n) Σ_i p(y|x_i)``,

    ``IS = exp( (1/n) Σ_i KL(p(·|x_i) ‖ p̄) )``,

with ``0 log 0 = 0`` (also for a class that no sample gets, ``p̄(y) = 0``), so ``1 ≤ IS ≤ 10``
(the number of classes): ``IS = 1`` exactly when every sample gets the same
class distribution (e.g. identical samples, total mode collapse), and ``IS → 10`` for confident,
class-balanced samples. :func:`score` also returns the spread over ``splits`` disjoint splits.
"""

from __future__ import annotations

from functools import cache

import jax
import jax.numpy as jnp
import numpy as np
from threadpoolctl import threadpool_limits

from theory.training import data as training_data

N_TRAIN, C_REG, CLASSES = 1200, 1.0, 10


@cache
def digits() -> tuple[np.ndarray, np.ndarray]:
    """All 1797 digits as ``(x in [−1, 1]^64, label)`` (read-only arrays)."""
    from sklearn.datasets import load_digits

    d = load_digits()
    x, y = d.data / 8.0 - 1.0, d.target.astype(int)
    x.setflags(write=False)
    y.setflags(write=False)
    return x, y


def train_set() -> np.ndarray:
    """The images the classifier was trained on (also the GAN's training data)."""
    return digits()[0][:N_TRAIN]


def held_out() -> tuple[np.ndarray, np.ndarray]:
    """The images and labels the classifier never saw."""
    x, y = digits()
    return x[N_TRAIN:], y[N_TRAIN:]


@cache
def classifier():
    """The multinomial logistic regression on :func:`train_set` (trained once per process)."""
    from sklearn.linear_model import LogisticRegression

    x, y = digits()
    with threadpool_limits(1):
        return LogisticRegression(C=C_REG, max_iter=5000).fit(x[:N_TRAIN], y[:N_TRAIN])


def held_out_accuracy() -> float:
    """Accuracy of :func:`classifier` on :func:`held_out`."""
    x, y = held_out()
    return float(classifier().score(x, y))


def probabilities(samples) -> np.ndarray:
    """``p(y | x)`` for each sample, shape ``(n, 10)``."""
    x = np.asarray(samples, dtype=float).reshape(-1, 64)
    with threadpool_limits(1):
        return classifier().predict_proba(x)


def score_from_probabilities(p) -> float:
    """``exp(mean_i KL(p_i ‖ p̄))`` for class-probability rows ``p`` (module docstring)."""
    p = np.asarray(p, dtype=float)
    mean = p.mean(axis=0, keepdims=True)
    log_ratio = np.log(np.where(p > 0, p, 1.0)) - np.log(np.where(mean > 0, mean, 1.0))
    kl = np.sum(np.where(p > 0, p * log_ratio, 0.0), axis=1)
    return float(np.exp(np.mean(kl)))


def score(samples, splits: int = 1) -> tuple[float, float]:
    """Inception-style score of ``samples`` and its standard deviation over ``splits`` disjoint
    splits (0 when ``splits = 1``): ``(mean over splits, sd over splits)``."""
    p = probabilities(samples)
    parts = [score_from_probabilities(q) for q in np.array_split(p, splits)]
    return float(np.mean(parts)), float(np.std(parts))


def _sample_digits(key, n: int):
    """``n`` images drawn uniformly with replacement from :func:`train_set`."""
    x = jnp.asarray(train_set())
    return x[jax.random.randint(key, (n,), 0, len(x))]


if "digits" not in training_data.DATASETS:
    training_data.register("digits", 64)(_sample_digits)
