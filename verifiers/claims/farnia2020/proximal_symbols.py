"""The proximal section of the Farnia & Ozdaglar 2020 symbol table (§4–5, Theorem-1 W2GAN
game): one parameter object per symbol, with its range and meaning.

Every proximal claim on the W2GAN decides in units η = 1 (``κ = λη``; scale invariance,
``docs/derivations/farnia2020.md#scale-invariance``), so η may be any positive
float (a subnormal one included: :func:`kappa_at`) and λ any non-negative one (where λη
underflows to 0, :func:`kappa_underflow`)."""

from __future__ import annotations

import math

import numpy as np

from verifiers.certificate import Verdict
from verifiers.outcomes import Outcome
from verifiers.params import Real, seed_param

D = 2
"""Dimension of the W2GAN instances (k = d = 2; fixed so kernels compile once)."""

LAM_HIGH = 1e300
"""Largest admissible proximal weight λ (κ = λη stays finite for η ≤ 100)."""


def sigma_param(default=2.0, sample_low=1.05, sample_high=6.0, thresholds=()):
    return Real("sigma", default, low=1.0, high=50.0, low_open=True, sample_low=sample_low,
                sample_high=sample_high, thresholds=thresholds,
                doc="data scale: X ~ N(0, σ²I), σ > 1 (Theorem 1)")


def eta_param(default=0.5):
    return Real("eta", default, low=0.0, high=100.0, low_open=True, sample_low=0.3,
                sample_high=2.0, doc="cost weight η in c(x, y) = η‖x − y‖²")


def t_param(default=1.0):
    return Real("t", default, low=0.0, high=10.0, low_open=True, sample_low=0.3, sample_high=2.0,
                doc="radius of the generator's shift ball ‖u‖ ≤ t")


def lam_param(default=0.25, low_open=True, doc="proximal weight λ"):
    return Real("lam", default, low=0.0, high=LAM_HIGH, low_open=low_open, sample_low=0.01,
                sample_high=5.0, doc=doc)


def delta_param(sample_low=-0.2, sample_high=0.2):
    """The perturbation δ of D* along the identity: ``D_δ = D* + δ(η/σ) I`` (so that
    ``M = ηI − A = (η/σ)(1 − δ)I ≻ 0`` for every admissible δ)."""
    return Real("delta", 0.0, low=-0.3, high=0.3, sample_low=sample_low, sample_high=sample_high,
                doc="perturbation of D*: A = A* + δ(η/σ)I")


SEED = seed_param("seed of the random instance (data mean/covariance, generator, anchor)",
                  sample_high=10_000)


def lam_max(sigma: float, eta: float) -> float:
    """``λ_max = σ/(4η(σ − 1))``, compared as ``λη ≤ σ/(4(σ − 1))`` (no overflow in η)."""
    return sigma / (4.0 * (sigma - 1.0)) / eta


def kappa_at(lam_of_eta, eta: float) -> float:
    """``κ = λ(η)·η`` for a λ printed as a function of η (Theorem 2's 1/(4η), the slides' 1/η,
    λ_max = σ/(4η(σ − 1))). Evaluated on mpmath's binary floats (a 53-bit mantissa rounded
    to nearest, as float64's, and an unbounded exponent): at a subnormal η, λ(η) exceeds the
    largest float64 and the float64 product would be ∞·η = ∞, while κ is a number of order 1.
    Wherever the float64 product is finite the two agree."""
    import mpmath

    with mpmath.workprec(53):
        e = mpmath.mpf(eta)
        return float(lam_of_eta(e) * e)


def kappa_underflow(lam: float, kappa: float) -> Outcome | None:
    """``inconclusive`` where λ > 0 but ``κ = λη`` rounds to 0 in float64 (λη < 2⁻¹⁰⁷⁵): a check
    in units η = 1 would then decide the game at κ = 0, where V^prox_0 does not depend on D
    (Proposition 2's erratum), not the game at the given λ; else ``None``."""
    if lam > 0.0 and kappa == 0.0:
        return Outcome(margin=math.nan, tolerance=0.0, method="units η = 1",
                       verdict=Verdict.INCONCLUSIVE,
                       statement=f"κ = λη = {lam:.3g}·η underflows float64 to 0: the check, in "
                                 "units η = 1, cannot represent this λ > 0")
    return None


def within_threshold(lam: float, sigma: float, eta: float) -> bool:
    """``λ ≤ λ_max`` decided as ``λη ≤ σ/(4(σ − 1))``."""
    return lam * eta <= sigma / (4.0 * (sigma - 1.0))


def sample_around_threshold(rng: np.random.Generator, delta: bool = False) -> dict:
    """σ, η, t in their boxes and λ = r·λ_max with r log-uniform in [0.05, 3] (both sides)."""
    sigma, eta = float(rng.uniform(1.05, 6.0)), float(rng.uniform(0.3, 2.0))
    ratio = math.exp(rng.uniform(math.log(0.05), math.log(3.0)))
    params = {"sigma": sigma, "eta": eta, "lam": ratio * lam_max(sigma, eta),
              "t": float(rng.uniform(0.3, 2.0))}
    if delta:
        params["delta"] = float(rng.choice([0.0, 0.1, -0.15]))
    return params


def strategy_from(sampler):
    """Hypothesis strategy of parameter dicts drawn by ``sampler``."""
    from hypothesis import strategies as st

    return lambda: st.integers(0, 2**32 - 1).map(lambda s: sampler(np.random.default_rng(s)))
