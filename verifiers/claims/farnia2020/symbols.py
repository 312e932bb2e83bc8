"""Shared parameters and helpers of the Farnia & Ozdaglar 2020 Gaussian-game claims.

``SIGMA`` and ``T_ANY`` are the paper's σ and t over the whole range where the games are
defined (σ > 0, t ≥ 0); each claim states its own hypotheses on them (Theorem 1: σ > 1,
t > 0; Proposition 1: σ ≤ 1; Remark 1: σ < 1) and is ``inapplicable`` outside them.
"""

from __future__ import annotations

import numpy as np

from theory.gaussian_games._model import check_covariance
from verifiers.params import Choice, Integer, Matrix, Real

REF = "Farnia & Ozdaglar 2020"
FGAN_NAMES = ("kl", "rkl", "pearson", "hellinger", "js", "neyman")

SIGMA_WIDE = Real("sigma", 2.0, low=1.0, high=50.0, low_open=True, sample_low=1.05,
                   sample_high=2.5,
                   doc="data standard deviation σ > 1 (X ~ N(0, σ²I))")
SIGMA_NARROW = Real("sigma", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                     sample_low=0.05, sample_high=0.95, doc="data standard deviation 0 < σ < 1")
SIGMA_REALISABLE = Real("sigma", 0.7, low=0.0, high=1.0, low_open=True, sample_low=0.1,
                         sample_high=1.0, doc="data standard deviation 0 < σ ≤ 1 (realisable)")
T = Real("t", 1.0, low=0.0, high=10.0, low_open=True, sample_low=0.1, sample_high=2.0,
          doc="bound t > 0 on the generator's mean ‖u‖ ≤ t")
SIGMA = Real("sigma", 2.0, low=0.0, high=50.0, low_open=True, sample_low=0.2, sample_high=3.0,
             thresholds=(1.0,), doc="data standard deviation σ > 0 (X ~ N(0, σ²I))")
T_ANY = Real("t", 1.0, low=0.0, high=10.0, sample_low=0.0, sample_high=2.0, thresholds=(0.0,),
             doc="bound t ≥ 0 on the generator's mean, ‖u‖ ≤ t")
T_ZERO_SHARE = 0.15
"""Share of random draws with t = 0 exactly (a one-point region of the expected verdict)."""
D = Integer("d", 2, low=1, high=3, doc="dimension d of X and Z")
D12 = Integer("d", 1, low=1, high=2, doc="dimension d of X and Z")
READING = Choice("reading", "replaces", choices=("replaces", "adds"),
                doc="Remark 1: σ_min(W) ≥ 1 replaces σ_max(W) ≤ 1, or is added to it")


def _validate_sigma_matrix(value) -> np.ndarray:
    S = check_covariance("Sigma", value)
    if S.shape[0] > 3:
        raise ValueError(f"Sigma has shape {S.shape}; admissible: d x d with d <= 3")
    return S


def _draw_sigma_matrix(rng: np.random.Generator) -> list:
    q, _ = np.linalg.qr(rng.standard_normal((2, 2)))
    lam = np.array([rng.uniform(0.3, 3.0), rng.uniform(0.3, 1.5)])
    return ((q * lam) @ q.T).tolist()


SIGMA_MATRIX = Matrix("Sigma", [[2.0, 0.3], [0.3, 0.5]], validate=_validate_sigma_matrix,
                      draw=_draw_sigma_matrix,
                     doc="symmetric positive-definite d x d data covariance (d <= 3)")


def draw(params, rng: np.random.Generator, t_zero_share: float = T_ZERO_SHARE) -> dict:
    """Independent draws of ``params``; a parameter named ``t`` is 0 exactly with probability
    ``t_zero_share`` (so that random draws reach the one-point region t = 0)."""
    values = {p.name: p.sample(rng) for p in params}
    if "t" in values and rng.uniform() < t_zero_share:
        values["t"] = 0.0
    return values


def sampler_and_strategy(params, t_zero_share: float = T_ZERO_SHARE):
    """``(sampler, strategy_fn)`` for a claim: :func:`draw`, and hypothesis over seeds of it
    mixed with the per-parameter strategies (which reach the range ends)."""

    def sampler(rng):
        return draw(params, rng, t_zero_share)

    def strategy():
        from hypothesis import strategies as st

        seeded = st.integers(0, 2**32 - 1).map(lambda s: sampler(np.random.default_rng(s)))
        return st.one_of(seeded, st.fixed_dictionaries({p.name: p.strategy() for p in params}))

    return sampler, strategy


def eigen_enclosure(M: np.ndarray) -> tuple[float, float, np.ndarray]:
    """``[lo, hi] ∋ λ_max(M)`` for symmetric M: the residual bound ``|λ − λ̂| ≤ ‖Mv − λ̂v‖``
    (v a unit eigenvector; Weyl/Bauer–Fike for symmetric matrices) plus rounding slack."""
    lam, V = np.linalg.eigh(M)
    v = V[:, -1]
    res = float(np.linalg.norm(M @ v - lam[-1] * v)) + 8 * np.finfo(float).eps * float(abs(lam[-1]))
    return float(lam[-1] - res), float(lam[-1] + res), v
