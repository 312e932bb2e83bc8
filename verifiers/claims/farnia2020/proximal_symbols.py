"""Shared pieces of the proximal-equilibrium claims (Farnia & Ozdaglar 2020, §4)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from theory.proximal import threshold, w2gan
from verifiers import tolerances
from verifiers.params import Real
from verifiers.proximal import pe

D = 2
"""Dimension of the W2GAN instances (k = d = 2; fixed so kernels compile once)."""


def sigma_param(default=2.0, low=1.0, sample_low=1.1, sample_high=6.0):
    return Real(
        "sigma",
        default,
        low=low,
        high=50.0,
        low_open=True,
        sample_low=sample_low,
        sample_high=sample_high,
        doc="data scale: X ~ N(0, σ²I), σ > 1 (Theorem 1)",
    )


def eta_param(default=0.5):
    return Real(
        "eta",
        default,
        low=0.0,
        high=100.0,
        low_open=True,
        sample_low=0.3,
        sample_high=2.0,
        doc="cost weight η in c(x, y) = η‖x − y‖²",
    )


def t_param(default=1.0):
    return Real(
        "t",
        default,
        low=0.0,
        high=10.0,
        low_open=True,
        sample_low=0.3,
        sample_high=2.0,
        doc="radius of the generator's shift ball ‖u‖ ≤ t",
    )


def pe_margin(lam, sigma, eta, t, d=D) -> tuple[float, dict]:
    """Whether ``(G*, D*)`` is a λ-PE: the certified coefficient ``λ_min(C_U)`` (≥ 0 iff
    G* minimises V^prox_λ(·, D*), proximal.md §6.4), with the left inequality
    ``V^prox_λ(G*, D*) = W*`` and the best witness deviation re-solved by Newton."""
    coef = pe.certified_coefficient(lam, sigma, eta, d)
    left, _ = pe.prox_gap(jnp.eye(d), jnp.zeros(d), lam, sigma, eta)
    witness = pe.witness_shift(lam, sigma, eta, d, t)
    info = {
        "certified_coefficient": coef,
        "left_gap": float(left),
        "lam_max": threshold.lam_max_isotropic(sigma, eta),
        "witness_gap": witness["gap"],
        "witness_generator": {"W": witness["W"], "u": witness["u"]},
        "W_star": float(w2gan.theorem1_optimum(sigma, eta, d)[2]),
    }
    if abs(float(left)) > tolerances.PE_GAP:
        return -abs(float(left)), info
    return coef, info


def near_optimal_generators(seed: int, n: int = 16, t: float = 1.0):
    """``n`` admissible generators: ``σ_max(W)`` uniform in [0.2, 1], ``‖u‖ ≤ t``."""
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((n, D, D))
    W = W / np.linalg.norm(W, 2, axis=(1, 2))[:, None, None] * rng.uniform(0.2, 1.0, (n, 1, 1))
    u = rng.standard_normal((n, D)) * t / 2.0
    u = u * np.minimum(1.0, t / np.linalg.norm(u, axis=1))[:, None]
    return W, u


def strategy_from(sampler):
    """Hypothesis strategy of parameter dicts drawn by ``sampler`` (agrees with ``requires``)."""
    from hypothesis import strategies as st

    return lambda: st.integers(0, 2**32 - 1).map(lambda s: sampler(np.random.default_rng(s)))


def with_strategies(claims):
    """Give every claim with a ``sampler`` the matching hypothesis strategy."""
    import dataclasses

    return [dataclasses.replace(c, strategy_fn=strategy_from(c.sampler))
            if c.sampler is not None and c.strategy_fn is None else c for c in claims]
