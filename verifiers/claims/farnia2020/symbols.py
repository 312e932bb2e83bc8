"""Shared parameters and helpers of the Farnia & Ozdaglar 2020 Gaussian-game claims."""

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
    lam = np.array([rng.uniform(1.2, 3.0), rng.uniform(0.3, 1.5)])
    return ((q * lam) @ q.T).tolist()


SIGMA_MATRIX = Matrix("Sigma", [[2.0, 0.3], [0.3, 0.5]], validate=_validate_sigma_matrix, draw=_draw_sigma_matrix,
                     doc="symmetric positive-definite d x d data covariance (d <= 3), "
                         "lambda_max(Sigma) > 1")


def require_lambda_max_above_one(params: dict) -> None:
    """The slides' hypothesis λ_max(Σ) > 1."""
    lam = float(np.max(np.linalg.eigvalsh(params["Sigma"])))
    if not lam > 1.0:
        raise ValueError(f"Sigma has lambda_max={lam:.6g}; admissible: lambda_max(Sigma) > 1")


def eigen_enclosure(M: np.ndarray) -> tuple[float, float, np.ndarray]:
    """``[lo, hi] ∋ λ_max(M)`` for symmetric M: the residual bound ``|λ − λ̂| ≤ ‖Mv − λ̂v‖``
    (v a unit eigenvector; Weyl/Bauer–Fike for symmetric matrices) plus rounding slack."""
    lam, V = np.linalg.eigh(M)
    v = V[:, -1]
    res = float(np.linalg.norm(M @ v - lam[-1] * v)) + 8 * np.finfo(float).eps * float(abs(lam[-1]))
    return float(lam[-1] - res), float(lam[-1] + res), v
