"""The data law and the linear generator of Farnia & Ozdaglar 2020, Theorem 1.

Data ``X ~ N(0, Σ)`` (Theorem 1: ``Σ = σ² I``, σ > 1; the slides: any Σ).
Generator ``G(z) = W z + u``, ``Z ~ N(0, I_k)``, so ``P_G = N(u, S)`` with
``S = W Wᵀ``; admissible set ``{σ_max(W) ≤ 1, ‖u‖ ≤ t}`` (Remark 1 uses
``σ_min(W) ≥ 1`` instead: ``sv_min=1, sv_max=inf``, or both: W orthogonal).
Both are validated on construction (``ValueError`` naming the parameter, its
value and the admissible set).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SV_RTOL = 1e-12
"""Relative slack on singular-value and norm constraints (float64 SVD error ~ 1e-15)."""


def as_finite(name: str, value, ndim: int) -> np.ndarray:
    """``value`` as a finite float64 array with ``ndim`` dimensions, else ``ValueError``."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} must be a real {ndim}-D array") from None
    if arr.ndim != ndim:
        raise ValueError(f"{name}={value!r} must be a {ndim}-D array, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}={value!r} must be finite (no NaN or inf)")
    return arr


def check_positive(name: str, value) -> float:
    """A finite number > 0, else ``ValueError``."""
    x = float(value) if isinstance(value, (int, float, np.number)) else math.nan
    if not (math.isfinite(x) and x > 0):
        raise ValueError(f"{name}={value!r} must be a finite number > 0")
    return x


def check_covariance(name: str, value, d: int | None = None) -> np.ndarray:
    """A finite symmetric positive-definite matrix (of size ``d`` if given)."""
    S = as_finite(name, value, 2)
    if S.shape[0] != S.shape[1] or (d is not None and S.shape[0] != d):
        size = "" if d is None else f" {d}x{d}"
        raise ValueError(f"{name} must be square{size}, got shape {S.shape}")
    if np.max(np.abs(S - S.T)) > 1e-12 * max(1.0, np.max(np.abs(S))):
        raise ValueError(f"{name}={S.tolist()} must be symmetric")
    if np.min(np.linalg.eigvalsh(S)) <= 0:
        raise ValueError(f"{name}={S.tolist()} must be positive definite")
    return 0.5 * (S + S.T)


@dataclass(frozen=True, eq=False)
class GaussianData:
    """``X ~ N(0, Σ)`` with Σ symmetric positive definite."""

    Sigma: np.ndarray

    def __post_init__(self):
        object.__setattr__(self, "Sigma", check_covariance("Sigma", self.Sigma))

    @classmethod
    def isotropic(cls, sigma: float, d: int) -> GaussianData:
        """``N(0, σ² I_d)``, σ > 0."""
        sigma = check_positive("sigma", sigma)
        if int(d) != d or d < 1:
            raise ValueError(f"d={d!r} must be an integer >= 1")
        return cls(sigma**2 * np.eye(int(d)))

    @property
    def d(self) -> int:
        return self.Sigma.shape[0]

    @property
    def lambda_max(self) -> float:
        return float(np.max(np.linalg.eigvalsh(self.Sigma)))


@dataclass(frozen=True, eq=False)
class LinearGenerator:
    """``G(z) = W z + u`` with ``sv_min ≤ σ(W) ≤ sv_max`` and ``‖u‖ ≤ t``."""

    W: np.ndarray
    u: np.ndarray
    t: float
    sv_max: float = 1.0
    sv_min: float = 0.0

    def __post_init__(self):
        W = as_finite("W", self.W, 2)
        u = as_finite("u", self.u, 1)
        if u.shape[0] != W.shape[0]:
            raise ValueError(f"u has length {u.shape[0]} but W has {W.shape[0]} rows")
        if not (math.isfinite(float(self.t)) and self.t >= 0):
            raise ValueError(f"t={self.t!r} must be a finite number >= 0")
        sv = np.linalg.svd(W, compute_uv=False)
        smin = sv.min() if W.shape[1] >= W.shape[0] else 0.0
        if sv.max() > self.sv_max * (1 + SV_RTOL):
            raise ValueError(f"W={W.tolist()} has sigma_max(W)={sv.max():.6g} > {self.sv_max:g}; "
                             f"admissible: {self.sv_min:g} <= singular values <= {self.sv_max:g}")
        if smin < self.sv_min * (1 - SV_RTOL):
            raise ValueError(f"W={W.tolist()} has sigma_min(W)={smin:.6g} < {self.sv_min:g}; "
                             f"admissible: {self.sv_min:g} <= singular values <= {self.sv_max:g}")
        if np.linalg.norm(u) > self.t * (1 + SV_RTOL) + 1e-15:
            raise ValueError(f"u={u.tolist()} has norm {np.linalg.norm(u):.6g} > t={self.t:g}")
        object.__setattr__(self, "W", W)
        object.__setattr__(self, "u", u)

    @property
    def S(self) -> np.ndarray:
        """``S = W Wᵀ``, the covariance of ``P_G = N(u, S)``."""
        return self.W @ self.W.T

    @property
    def d(self) -> int:
        return self.W.shape[0]

    @property
    def singular(self) -> bool:
        """``S`` is singular (rank W < d): ``P_G`` has no density. Decided relative to the
        largest eigenvalue (eigvalsh's error is ~eps·λ_max), so a realising generator
        σI with a tiny σ is not called singular."""
        lam = np.linalg.eigvalsh(self.S)
        return bool(lam[0] <= 1e-14 * lam[-1])

    @classmethod
    def optimal(cls, d: int, t: float, scale: float = 1.0) -> LinearGenerator:
        """``G* = (scale · I, 0)``: Theorem 1's divergence minimiser (scale 1) or
        Proposition 1's realising generator (scale σ ≤ 1)."""
        return cls(scale * np.eye(d), np.zeros(d), t, sv_max=max(1.0, scale))
